/**
 * The suite's network tripwire (issue 5, "No network"). fake-kms promises that nothing it does reaches the
 * network, so every test file runs with sockets, TLS, DNS and fetch refused for anything that is not
 * loopback. A refused attempt throws at once (loud), and is also recorded, so that code which swallows
 * the error still fails the file in `afterAll`. Loopback (a future HTTP server mode), Unix sockets and
 * child processes are untouched. Recorded: TCP sockets (and so http, https and http2), TLS, UDP datagrams,
 * every DNS question (module functions, promises and `Resolver` instances) and fetch.
 *
 * Registered for Vitest (`no-network.vitest.ts`) and Jest (`no-network.jest.ts`) as a setup file; it runs
 * before every test file, and patches each worker process once.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

export interface NetworkViolation {
  /** What was attempted: `net.connect`, `tls.connect`, `dns.lookup`, `fetch`, ... */
  api: string;
  /** The host (or URL) it was aimed at. */
  target: string;
  stack: string;
}

interface TripwireState {
  violations: NetworkViolation[];
  installed: boolean;
}

const STATE_KEY = Symbol.for('fake-kms.test.no-network');
const globalState = globalThis as unknown as Record<symbol, TripwireState | undefined>;
const state: TripwireState = globalState[STATE_KEY] ?? { violations: [], installed: false };
globalState[STATE_KEY] = state;

export const TRIPWIRE_MESSAGE = 'no-network tripwire';

/** Violations recorded in this worker since the last call, and forgets them (for the tripwire's own test). */
export function takeNetworkViolations(): NetworkViolation[] {
  return state.violations.splice(0);
}

export function isLoopbackHost(host: string | undefined | null): boolean {
  if (host === undefined || host === null || host === '') return true; // Node connects to localhost
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(h)) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^::ffff:127(?:\.\d{1,3}){3}$/.test(h);
}

function refuse(api: string, target: string): Error {
  const error = new Error(
    `${TRIPWIRE_MESSAGE}: ${api} to "${target}" refused. fake-kms tests must never reach the network; only loopback is allowed.`,
  );
  state.violations.push({ api, target, stack: error.stack ?? '' });
  return error;
}

/** Host of a `socket.connect(...)` call, in any of its forms; `undefined` for Unix sockets and pipes. */
function connectTarget(args: unknown[]): { local: boolean; target: string } {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const host = typeof args[1] === 'string' ? args[1] : undefined;
    return { local: isLoopbackHost(host), target: `${host ?? 'localhost'}:${first}` };
  }
  if (typeof first === 'string') return { local: true, target: first }; // a Unix socket or pipe path
  if (typeof first === 'object' && first !== null) {
    const o = first as { path?: unknown; host?: unknown; hostname?: unknown; port?: unknown };
    if (typeof o.path === 'string' && o.host === undefined && o.port === undefined)
      return { local: true, target: o.path };
    const host = typeof o.host === 'string' ? o.host : typeof o.hostname === 'string' ? o.hostname : undefined;
    return { local: isLoopbackHost(host), target: `${host ?? 'localhost'}:${String(o.port ?? '')}` };
  }
  return { local: true, target: String(first) };
}

function hostOfUrl(input: unknown): string {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : (input as { url?: unknown })?.url;
  try {
    return new URL(String(raw)).hostname;
  } catch {
    return String(raw);
  }
}

function install(): void {
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
    const { local, target } = connectTarget(args);
    if (!local) throw refuse('net.Socket.connect', target);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  const originalTlsConnect = tls.connect;
  (tls as { connect: unknown }).connect = function connect(...args: unknown[]) {
    const { local, target } = connectTarget(args);
    if (!local) throw refuse('tls.connect', target);
    return (originalTlsConnect as (...a: unknown[]) => tls.TLSSocket)(...args);
  };

  // Every DNS question: the module functions, their promise versions, and Resolver instances.
  const dnsApis = [
    'lookup',
    'lookupService',
    'resolve',
    'resolve4',
    'resolve6',
    'resolveAny',
    'resolveCaa',
    'resolveCname',
    'resolveMx',
    'resolveNaptr',
    'resolveNs',
    'resolvePtr',
    'resolveSoa',
    'resolveSrv',
    'resolveTxt',
    'reverse',
  ];
  const guardDns = (target: Record<string, unknown>, prefix: string, promises: boolean) => {
    for (const api of dnsApis) {
      const original = target[api];
      if (typeof original !== 'function') continue;
      target[api] = function guarded(this: unknown, hostname: unknown, ...rest: unknown[]) {
        if (!isLoopbackHost(String(hostname))) {
          const error = refuse(`${prefix}.${api}`, String(hostname));
          if (promises) return Promise.reject(error);
          throw error;
        }
        return (original as (...a: unknown[]) => unknown).call(this, hostname, ...rest);
      };
    }
  };
  guardDns(dns as unknown as Record<string, unknown>, 'dns', false);
  guardDns(dns.promises as unknown as Record<string, unknown>, 'dns.promises', true);
  guardDns(dns.Resolver.prototype as unknown as Record<string, unknown>, 'dns.Resolver', false);
  guardDns(dns.promises.Resolver.prototype as unknown as Record<string, unknown>, 'dns.promises.Resolver', true);

  // UDP: a datagram to, or a connected UDP socket with, anything but loopback.
  const udp = dgram.Socket.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const api of ['send', 'connect'] as const) {
    const original = udp[api] as (...a: unknown[]) => unknown;
    udp[api] = function guarded(this: dgram.Socket, ...args: unknown[]) {
      const port = args.find((a) => typeof a === 'number');
      const host = args.find((a, i) => i > 0 && typeof a === 'string') as string | undefined;
      if (port !== undefined && !isLoopbackHost(host)) throw refuse(`dgram.${api}`, `${host}:${port}`);
      return original.apply(this, args);
    };
  }

  const originalFetch = globalThis.fetch;
  if (typeof originalFetch === 'function') {
    globalThis.fetch = function fetch(input: Parameters<typeof originalFetch>[0], init?: RequestInit) {
      const host = hostOfUrl(input);
      if (!isLoopbackHost(host)) return Promise.reject(refuse('fetch', host));
      return originalFetch(input, init);
    } as typeof globalThis.fetch;
  }

  // `import { connect } from 'node:tls'` and friends read the ES module view of the builtins.
  syncBuiltinESMExports();
  state.installed = true;
}

if (!state.installed) install();

/** Fail loudly, after a file's tests, if anything tried the network, even if the error was swallowed. */
export function assertNoNetworkViolations(): void {
  const violations = takeNetworkViolations();
  if (violations.length > 0) {
    const list = violations.map((v) => `- ${v.api} → ${v.target}\n${v.stack}`).join('\n');
    throw new Error(
      `${TRIPWIRE_MESSAGE}: this test file tried to reach the network ${violations.length} time(s), even if the error was caught:\n${list}`,
    );
  }
}
