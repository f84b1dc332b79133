import { cpSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isUnhandledRequestGuardArmed } from '../../src/adapters/sdk/unhandled-request-guard.js';
import { createKmsFake, FakeKmsUsageError } from '../../src/index.js';
import { TRIPWIRE_MESSAGE } from '../setup/no-network.js';
import { rejectionOf } from '../support/kms.js';
import { networkAttempts, withProductionLikeCredentials } from './production-like.js';

withProductionLikeCredentials();

const ROOT = join(import.meta.dirname, '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'fake-kms-tests');
const SECOND_COPY = join(CACHE, 'second-sdk-copy');

/**
 * A second copy of @aws-sdk/client-kms, as a monorepo gets one deeper in node_modules: the same files
 * at another path, so Node loads them as another module with its own KMSClient class.
 */
function loadSecondCopy(): typeof import('@aws-sdk/client-kms') {
  const source = join(ROOT, 'node_modules', '@aws-sdk', 'client-kms');
  const target = join(SECOND_COPY, 'node_modules', '@aws-sdk', 'client-kms');
  mkdirSync(target, { recursive: true });
  cpSync(join(source, 'package.json'), join(target, 'package.json'));
  cpSync(join(source, 'dist-cjs'), join(target, 'dist-cjs'), { recursive: true });
  return createRequire(join(SECOND_COPY, 'index.js'))('@aws-sdk/client-kms');
}

/** The error a call or request failed with, synchronously or not. */
async function failureOf(action: () => unknown): Promise<Error> {
  try {
    await action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** Issue 8, observation 5, and the guard behind it. */
describe('a KMS call that did not come through a fake, while one is installed', () => {
  let second: typeof import('@aws-sdk/client-kms');
  beforeAll(() => {
    second = loadSecondCopy();
  });
  afterAll(() => {
    rmSync(CACHE, { recursive: true, force: true });
  });
  const fake = createKmsFake();
  afterEach(() => {
    fake.uninstall();
    fake.reset();
  });

  it('from a second copy of @aws-sdk/client-kms fails at once, saying what happened and how to fix it', async () => {
    fake.install();
    expect(second.KMSClient).not.toBe(KMSClient);
    const kms = new second.KMSClient({});

    const error = await rejectionOf(kms.send(new second.DescribeCustomKeyStoresCommand({})));

    expect(error).toBeInstanceOf(FakeKmsUsageError);
    expect(error.message).toContain(
      'fake-kms stopped a request to AWS KMS (TrentService.DescribeCustomKeyStores) at https://kms.us-east-1.amazonaws.com/ that did not come through a fake',
    );
    expect(error.message).toContain('second copy of @aws-sdk/client-kms');
    expect(error.message).toContain('fake.attach(client)');
    expect((error.$metadata as { attempts?: number }).attempts).toBe(1); // not retried
    expect(fake.calls()).toEqual([]);
    expect(networkAttempts()).toEqual([]);
  });

  it('from a second copy is answered once it is wired by hand with fake.attach()', async () => {
    const kms = new second.KMSClient({});
    fake.attach(kms as unknown as KMSClient);
    try {
      const out = await kms.send(new second.DescribeCustomKeyStoresCommand({}));
      expect(out.CustomKeyStores).toEqual([]);
      expect(fake.calls('DescribeCustomKeyStores')).toHaveLength(1);
    } finally {
      fake.detach(kms as unknown as KMSClient);
    }
    expect(networkAttempts()).toEqual([]);
  });

  it('is let through again after uninstall(): the guard is gone (here the test tripwire refuses it instead)', async () => {
    fake.install();
    fake.uninstall();
    expect(isUnhandledRequestGuardArmed()).toBe(false);
    const kms = new second.KMSClient({ maxAttempts: 1 });
    const error = await rejectionOf(kms.send(new second.DescribeCustomKeyStoresCommand({})));
    expect(error.message).toContain(TRIPWIRE_MESSAGE);
    expect(networkAttempts().length).toBeGreaterThan(0);
  });

  it("is let through with install({ onUnhandledRequest: 'bypass' })", () => {
    fake.install({ onUnhandledRequest: 'bypass' });
    expect(isUnhandledRequestGuardArmed()).toBe(false);
  });

  it('to the instance metadata service, STS or a KMS endpoint fails the same way, by http, https or fetch', async () => {
    fake.install();
    const attempts = [
      () => http.get('http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
      () => http.request({ hostname: 'fd00:ec2::254', path: '/latest/api/token', method: 'PUT' }),
      () => http.get('http://169.254.170.2/v2/credentials/'),
      () => https.request({ hostname: 'sts.us-east-1.amazonaws.com', method: 'POST', path: '/' }),
      () => https.get('https://sts.amazonaws.com/?Action=GetCallerIdentity'),
      () => https.request('https://portal.sso.eu-west-1.amazonaws.com/federation/credentials'),
      () => fetch('https://kms-fips.us-gov-west-1.amazonaws.com/', { method: 'POST' }),
      () => fetch('https://vpce-0a1b2c3d4e5f6a7b8-abcdefgh.kms.eu-west-1.vpce.amazonaws.com/'),
    ];
    for (const attempt of attempts) {
      const error = await failureOf(attempt);
      expect(error, String(attempt)).toBeInstanceOf(FakeKmsUsageError);
      expect(error.message).toMatch(
        /^fake-kms stopped a request to (the EC2 instance metadata service|the ECS container credentials endpoint|AWS STS|AWS IAM Identity Center|AWS KMS) at /,
      );
    }
    expect(networkAttempts()).toEqual([]);
  });

  it('leaves loopback alone, even a KMS call to a local endpoint, and leaves other hosts to the network', async () => {
    fake.install();
    const server = http.createServer((request, response) => response.end(request.headers['x-amz-target']));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'x-amz-target': 'TrentService.DescribeCustomKeyStores' },
      });
      expect(await response.text()).toBe('TrentService.DescribeCustomKeyStores');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Not AWS KMS, STS or metadata: the guard lets it go, and only the test tripwire stops it.
    for (const url of ['https://example.com/', 'https://s3.us-east-1.amazonaws.com/bucket']) {
      expect((await failureOf(() => https.get(url))).message).toContain(TRIPWIRE_MESSAGE);
    }
    expect(networkAttempts()).toEqual([
      'tls.connect → example.com:443',
      'tls.connect → s3.us-east-1.amazonaws.com:443',
    ]);
  });
});
