import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startKmsServer } from '../../src/adapters/http/kms-server.js';
import { TRUST_ANCHOR, xksPublicInput } from '../support/inputs.js';
import { finished, listeningUrl, startCli } from './cli-process.js';
import { control, kmsRequest } from './server-support.js';

// Each test starts the bin as a child process, compiled on the fly: allow for a busy machine.
describe('the fake-kms bin', { timeout: 60_000 }, () => {
  it('serves on a free loopback port, prints one line, and stops cleanly on SIGTERM', async () => {
    const child = startCli(['serve', '--port', '0', '--seed', '7', '--scenario', 'example-key-store']);
    const done = finished(child);
    const url = await listeningUrl(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await kmsRequest(url, 'DescribeCustomKeyStores');
    expect(JSON.parse(res.body).CustomKeyStores).toEqual([
      expect.objectContaining({ CustomKeyStoreName: 'ExampleKeyStore', ConnectionState: 'CONNECTED' }),
    ]);
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`fake-kms listening on ${url}\n`);
  });

  it('stops cleanly on SIGINT, and takes --account and --region as the defaults of unsigned requests', async () => {
    const child = startCli(['serve', '--port', '0', '--account', '999988887777', '--region', 'eu-central-1']);
    const done = finished(child);
    const url = await listeningUrl(child);
    const created = await kmsRequest(url, 'CreateCustomKeyStore', {
      CustomKeyStoreName: 'from-the-cli',
      CloudHsmClusterId: 'cluster-abcdefghijk',
      TrustAnchorCertificate: TRUST_ANCHOR,
      KeyStorePassword: 'kmsPswd-cli',
    });
    expect(created.status).toBe(200);
    const stores = (await control({ url } as never, 'GET', 'stores')).body.stores;
    expect(stores).toEqual([expect.objectContaining({ Account: '999988887777', Region: 'eu-central-1' })]);
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
  });

  it('loads a scenario file by path', async () => {
    const child = startCli(['serve', '--port', '0', '--scenario', 'fixtures/healthy-public-xks.json']);
    const done = finished(child);
    const url = await listeningUrl(child);
    const res = await kmsRequest(url, 'DescribeCustomKeyStores');
    expect(JSON.parse(res.body).CustomKeyStores.length).toBeGreaterThan(0);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('finishes a request still arriving when SIGTERM comes, then exits 0', async () => {
    const child = startCli(['serve', '--port', '0']);
    const done = finished(child);
    const url = new URL(await listeningUrl(child));
    const body = '{"Limit": 5}';
    const reply = new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST / HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.DescribeCustomKeyStores\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 4)}`,
        );
        // The server has the request half read when it is told to stop.
        setTimeout(() => child.kill('SIGTERM'), 200);
        setTimeout(() => socket.write(body.slice(4)), 600);
      });
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(await reply).toMatch(/^HTTP\/1\.1 200 [\s\S]*"CustomKeyStores":\[\]/);
    expect((await done).code).toBe(0);
  });

  it('says so when the port is taken, and exits 1', async () => {
    const taken = await startKmsServer({ port: 0 });
    try {
      const result = await finished(startCli(['serve', '--port', String(taken.port)]));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${taken.port} is in use`);
    } finally {
      await taken.close();
    }
  });

  it('prints its usage for --help and exits 0', async () => {
    const result = await finished(startCli(['serve', '--help']));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: fake-kms serve [options]');
  });

  it('refuses an unknown option or command with exit 1 and says why', async () => {
    const option = await finished(startCli(['serve', '--prot', '1']));
    expect(option.code).toBe(1);
    expect(option.stderr).toContain("Unknown option '--prot'");
    const command = await finished(startCli(['serv']));
    expect(command.code).toBe(1);
    expect(command.stderr).toContain('unknown command "serv"');
  });

  it('takes --quota as the number of custom key stores per account and Region', async () => {
    const child = startCli(['serve', '--port', '0', '--quota', '1']);
    const done = finished(child);
    const url = await listeningUrl(child);
    expect((await kmsRequest(url, 'CreateCustomKeyStore', xksPublicInput())).status).toBe(200);
    const second = await kmsRequest(url, 'CreateCustomKeyStore', xksPublicInput());
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body).__type).toBe('LimitExceededException');
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
    const bad = await finished(startCli(['serve', '--port', '0', '--quota', '0']));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--quota must be a whole number of at least 1, got "0"');
  });

  it('refuses a malformed --verify-signature without repeating the secret in it', async () => {
    const result = await finished(startCli(['serve', '--port', '0', '--verify-signature', 'AKIAONLY:top-secret:1:2']));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--verify-signature takes ACCESS_KEY_ID:SECRET_ACCESS_KEY');
    expect(result.stderr).not.toContain('top-secret');
  });

  it('refuses a bad scenario name with the list of shipped ones', async () => {
    const result = await finished(startCli(['serve', '--port', '0', '--scenario', 'no-such-scenario']));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('example-key-store');
  });
});
