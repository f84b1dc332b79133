import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { FakeKmsUsageError } from '../../errors/kms-error.js';

/**
 * msw's `onUnhandledRequest: 'error'` for AWS: while a fake is installed, a KMS, STS, IAM Identity Center
 * or instance-metadata request that did not come through a fake fails at once, before any socket or DNS
 * look-up, instead of reaching AWS signed with the developer's credentials. Such a request comes from a
 * client the fake could not wire: a second copy of `@aws-sdk/client-kms` deeper in `node_modules`, a
 * client whose `send` was replaced, or a credential provider chain looking for an identity.
 *
 * It wraps Node's `http`/`https` `request` and `get` and `fetch`, which every copy of the SDK's Node
 * transport and credential providers go through, and lets everything else through untouched: loopback,
 * other hosts, other AWS services. The state lives on `globalThis`, so the ES module and CommonJS builds
 * of fake-kms share one guard; it is removed when its last holder releases it.
 */
interface GuardState {
  holders: Set<object>;
  restore?: () => void;
}

const KEY = Symbol.for('fake-kms.unhandled-request-guard');
const shared = globalThis as unknown as Record<symbol, GuardState | undefined>;
const state: GuardState = shared[KEY] ?? { holders: new Set() };
shared[KEY] = state;

const METADATA_HOSTS: Record<string, string> = {
  '169.254.169.254': 'the EC2 instance metadata service',
  'fd00:ec2::254': 'the EC2 instance metadata service',
  '169.254.170.2': 'the ECS container credentials endpoint',
  '169.254.170.23': 'the EKS Pod Identity credentials endpoint',
  'fd00:ec2::23': 'the EKS Pod Identity credentials endpoint',
};
const AWS_DOMAIN = /\.(?:amazonaws\.com(?:\.cn)?|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

/** What an outgoing request is aimed at, if it is something a fake must answer or refuse; else undefined. */
export function guardedService(hostname: string, target: string | undefined): string | undefined {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const metadata = METADATA_HOSTS[host];
  if (metadata) return metadata;
  if (AWS_DOMAIN.test(host)) {
    const labels = host.split('.');
    if (labels.includes('kms') || labels.includes('kms-fips')) return 'AWS KMS';
    if (labels.includes('sts') || labels.includes('sts-fips')) return 'AWS STS';
    if ((labels[0] === 'portal' && labels[1] === 'sso') || labels[0] === 'oidc') return 'AWS IAM Identity Center';
  }
  // A KMS call to a custom endpoint (a VPC endpoint alias, a proxy): refused unless it stays on this machine.
  if (target?.startsWith('TrentService.') && !isLoopback(host)) return 'AWS KMS';
  return undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1';
}

function unhandled(service: string, url: string, target: string | undefined): FakeKmsUsageError {
  const operation = target ? ` (${target})` : '';
  return new FakeKmsUsageError(
    `fake-kms stopped a request to ${service}${operation} at ${url} that did not come through a fake; it never left the process. ` +
      'While a fake is installed (fake.install() or useKmsFake()), KMS, STS and instance-metadata requests must be answered by a fake, never by AWS. ' +
      'The client that sent it is not wired to a fake: it may come from a second copy of @aws-sdk/client-kms (another version deeper in node_modules), ' +
      'or be a client whose send() install() cannot see. Wire it with fake.attach(client) or build it with fake.client(); ' +
      "give clients of other services static credentials. To let such requests through, pass { onUnhandledRequest: 'bypass' } to fake.install() or useKmsFake().",
  );
}

type AnyFunction = (...args: unknown[]) => unknown;

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return String(value);
  return undefined;
}

/** Host, URL and X-Amz-Target of an `http.request(url?, options?, callback?)` call, in any of its forms. */
function describeNodeRequest(args: unknown[], protocol: string): { host: string; url: string; target?: string } {
  let url: URL | undefined;
  let options: Record<string, unknown> = {};
  if (typeof args[0] === 'string' || args[0] instanceof URL) {
    url = new URL(String(args[0]));
    if (args[1] && typeof args[1] === 'object') options = args[1] as Record<string, unknown>;
  } else if (args[0] && typeof args[0] === 'object') {
    options = args[0] as Record<string, unknown>;
  }
  const host = withoutPort(String(options.hostname ?? options.host ?? url?.hostname ?? 'localhost'));
  const path = String(options.path ?? url?.pathname ?? '/');
  return { host, url: `${protocol}//${host}${path}`, target: headerOf(options.headers, 'x-amz-target') };
}

/** `host:port` and `[v6]:port` lose the port; a bare IPv6 address (`fd00:ec2::254`) is left alone. */
function withoutPort(host: string): string {
  const bracketed = /^\[(.*)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1] ?? host;
  return /^[^:]+:\d+$/.test(host) ? host.replace(/:\d+$/, '') : host;
}

/** The guarded service a request is aimed at; a request it cannot parse is left to Node to refuse. */
function serviceOfNodeRequest(args: unknown[], protocol: string) {
  try {
    const request = describeNodeRequest(args, protocol);
    const service = guardedService(request.host, request.target);
    return service ? { ...request, service } : undefined;
  } catch {
    return undefined;
  }
}

function serviceOfFetch(input: string | URL | Request, init: RequestInit | undefined) {
  try {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const target = headerOf(init?.headers ?? (input instanceof Request ? input.headers : undefined), 'x-amz-target');
    const service = guardedService(url.hostname, target);
    return service ? { service, url: `${url.origin}${url.pathname}`, target } : undefined;
  } catch {
    return undefined;
  }
}

function guardNode(original: AnyFunction, protocol: string): AnyFunction {
  return function guarded(this: unknown, ...args: unknown[]) {
    if (state.holders.size > 0) {
      const request = serviceOfNodeRequest(args, protocol);
      if (request) throw unhandled(request.service, request.url, request.target);
    }
    return original.apply(this, args);
  };
}

function arm(): () => void {
  const patched: Array<[Record<string, unknown>, string, unknown, unknown]> = [];
  const replace = (owner: Record<string, unknown>, name: string, wrapper: unknown) => {
    patched.push([owner, name, owner[name], wrapper]);
    owner[name] = wrapper;
  };
  for (const [module, protocol] of [
    [http, 'http:'],
    [https, 'https:'],
  ] as const) {
    const exports = module as unknown as Record<string, unknown>;
    replace(exports, 'request', guardNode(module.request as AnyFunction, protocol));
    replace(exports, 'get', guardNode(module.get as AnyFunction, protocol));
  }
  const originalFetch = globalThis.fetch;
  if (typeof originalFetch === 'function') {
    const guardedFetch = function fetch(input: Parameters<typeof originalFetch>[0], init?: RequestInit) {
      const request = state.holders.size > 0 ? serviceOfFetch(input, init) : undefined;
      if (request) return Promise.reject(unhandled(request.service, request.url, request.target));
      return originalFetch(input, init);
    };
    replace(globalThis as unknown as Record<string, unknown>, 'fetch', guardedFetch);
  }
  // `import { request } from 'node:https'` (the SDK's ES module build) reads the builtins' ES module view.
  syncBuiltinESMExports();
  return () => {
    // Put back only what is still ours; a wrapper someone added on top stays, and ours passes through.
    for (const [owner, name, original, wrapper] of patched.reverse())
      if (owner[name] === wrapper) owner[name] = original;
    syncBuiltinESMExports();
  };
}

/** Refuse unhandled AWS requests until every holder that armed the guard has released it. */
export function armUnhandledRequestGuard(holder: object): void {
  state.holders.add(holder);
  state.restore ??= arm();
}

export function releaseUnhandledRequestGuard(holder: object): void {
  if (!state.holders.delete(holder) || state.holders.size > 0) return;
  state.restore?.();
  state.restore = undefined;
}

export function isUnhandledRequestGuardArmed(): boolean {
  return state.holders.size > 0;
}
