import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TRIPWIRE_MESSAGE, takeNetworkViolations } from '../setup/no-network.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TRIPWIRE = new RegExp(TRIPWIRE_MESSAGE);

/** An HTTP server on loopback, for the allowed paths. */
async function loopbackServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the no-network tripwire (test/setup/no-network-vitest-setup.ts)', () => {
  afterEach(() => {
    // The refusals below are deliberate; forget them so the setup file's afterAll does not fail this file.
    takeNetworkViolations();
  });

  it('refuses a socket to a public address, and records it', () => {
    expect(() => net.connect({ host: '203.0.113.1', port: 443 })).toThrow(TRIPWIRE);
    expect(() => net.connect(443, 'kms.us-east-1.amazonaws.com')).toThrow(TRIPWIRE);
    expect(() => new net.Socket().connect({ host: '169.254.169.254', port: 80 })).toThrow(TRIPWIRE);
    expect(takeNetworkViolations().map((v) => v.target)).toEqual([
      '203.0.113.1:443',
      'kms.us-east-1.amazonaws.com:443',
      '169.254.169.254:80',
    ]);
  });

  it('refuses TLS, http, DNS and fetch beyond loopback', async () => {
    expect(() => tls.connect(443, 'kms.us-east-1.amazonaws.com')).toThrow(TRIPWIRE);
    expect(() => tls.connect({ host: 'example.com', port: 443 })).toThrow(TRIPWIRE);
    expect(() => http.get('http://169.254.169.254/latest/meta-data/')).toThrow(TRIPWIRE);
    expect(() => dns.lookup('kms.us-east-1.amazonaws.com', () => {})).toThrow(TRIPWIRE);
    expect(() => dns.resolve4('example.com', () => {})).toThrow(TRIPWIRE);
    await expect(dns.promises.lookup('example.com')).rejects.toThrow(TRIPWIRE);
    await expect(fetch('https://kms.us-east-1.amazonaws.com/')).rejects.toThrow(TRIPWIRE);
    await expect(fetch(new URL('http://example.com/'))).rejects.toThrow(TRIPWIRE);
    expect(takeNetworkViolations().map((v) => v.api)).toEqual([
      'tls.connect',
      'tls.connect',
      'net.Socket.connect',
      'dns.lookup',
      'dns.resolve4',
      'dns.promises.lookup',
      'fetch',
      'fetch',
    ]);
  });

  it('records every other DNS question and UDP datagram beyond loopback', async () => {
    expect(() => dns.resolveTxt('kms.us-east-1.amazonaws.com', () => {})).toThrow(TRIPWIRE);
    expect(() => dns.lookupService('203.0.113.9', 443, () => {})).toThrow(TRIPWIRE);
    expect(() => new dns.Resolver().resolve4('sts.amazonaws.com', () => {})).toThrow(TRIPWIRE);
    await expect(new dns.promises.Resolver().resolveSrv('example.com')).rejects.toThrow(TRIPWIRE);
    const udp = dgram.createSocket('udp4');
    try {
      expect(() => udp.send('x', 53, '198.51.100.53')).toThrow(TRIPWIRE);
    } finally {
      udp.close();
    }
    expect(takeNetworkViolations().map((v) => `${v.api} ${v.target}`)).toEqual([
      'dns.resolveTxt kms.us-east-1.amazonaws.com',
      'dns.lookupService 203.0.113.9',
      'dns.Resolver.resolve4 sts.amazonaws.com',
      'dns.promises.Resolver.resolveSrv example.com',
      'dgram.send 198.51.100.53:53',
    ]);
  });

  it('lets loopback through: sockets, http, fetch and localhost look-ups', async () => {
    const server = await loopbackServer();
    try {
      const socket = net.connect({ host: '127.0.0.1', port: server.port });
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      socket.destroy();
      const response = await fetch(`http://127.0.0.1:${server.port}/`);
      expect(await response.text()).toBe('ok');
      const body = await new Promise<string>((resolve, reject) => {
        http
          .get(`http://localhost:${server.port}/`, (res) => {
            let text = '';
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(body).toBe('ok');
      expect((await dns.promises.lookup('localhost')).address).toMatch(/^(127\.|::1)/);
    } finally {
      await server.close();
    }
    expect(takeNetworkViolations()).toEqual([]);
  });

  it('lets child processes run', async () => {
    const child = spawn(process.execPath, ['-e', 'process.stdout.write(String(6 * 7))']);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([code, out]).toEqual([0, '42']);
    expect(takeNetworkViolations()).toEqual([]);
  });

  it('fails a test file whose code swallowed the refusal (checked again in afterAll)', () => {
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/reliability/fixtures/vitest.fixture.config.ts'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 120_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).not.toBe(0);
    expect(output).toMatch(/tried to reach the network 1 time\(s\), even if the error was caught/);
    expect(output).toContain('203.0.113.7:443');
    // A whole Vitest run in a child process: minutes on a loaded 2-core machine, not the default 5 s.
  }, 120_000);
});
