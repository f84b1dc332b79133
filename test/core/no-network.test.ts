import dns from 'node:dns';
import net from 'node:net';
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { cloudHsmInput, xksPublicInput } from '../support/inputs.js';

describe('no network (tripwire)', () => {
  const attempts: string[] = [];
  const savedEnv: Record<string, string | undefined> = {};
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;

  beforeAll(() => {
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('AWS_')) {
        savedEnv[key] = process.env[key];
        delete process.env[key];
      }
    }
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      attempts.push(`connect ${JSON.stringify(args[0])}`);
      throw new Error('tripwire: a socket was opened');
    } as typeof net.Socket.prototype.connect;
    (dns as { lookup: unknown }).lookup = (host: string) => {
      attempts.push(`lookup ${host}`);
      throw new Error('tripwire: a DNS lookup was made');
    };
  });

  afterAll(() => {
    net.Socket.prototype.connect = originalConnect;
    (dns as { lookup: unknown }).lookup = originalLookup;
    Object.assign(process.env, savedEnv);
  });

  it('opens no socket and makes no lookup for fake.client(), attach() and install(), with no AWS variables', async () => {
    const fake = createKmsFake({ timing: 'immediate' });
    const viaFactory = fake.client();
    const attached = new KMSClient({ maxAttempts: 1 });
    fake.attach(attached);
    fake.install();
    try {
      const installed = new KMSClient({});
      for (const [kms, input] of [
        [viaFactory, cloudHsmInput()],
        [attached, xksPublicInput()],
        [installed, cloudHsmInput()],
      ] as const) {
        const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(input));
        await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
        await kms.send(new DescribeCustomKeyStoresCommand({}));
      }
    } finally {
      fake.uninstall();
    }
    expect(fake.stores()).toHaveLength(3);
    expect(attempts).toEqual([]);
  });

  it('the tripwire itself fires on a real socket', () => {
    expect(() => net.connect({ host: '203.0.113.1', port: 443 })).toThrow(/tripwire/);
    expect(attempts.length).toBeGreaterThan(0);
    attempts.length = 0;
  });
});
