import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { networkAttempts, withProductionLikeCredentials } from './production-like.js';

withProductionLikeCredentials();

const installed: KmsFake[] = [];
afterEach(() => {
  for (const fake of installed.splice(0)) fake.uninstall();
});

type Settings = { cacheMiddleware?: unknown; httpAuthSchemes?: unknown; defaultUserAgentProvider?: unknown };

describe('install({ fastClients: true })', () => {
  it('gives a wired client the fast settings and puts its own back on uninstall()', async () => {
    const client = new KMSClient({ region: 'us-east-1' });
    const config = client.config as unknown as Settings;
    const before = {
      cacheMiddleware: config.cacheMiddleware,
      httpAuthSchemes: config.httpAuthSchemes,
      defaultUserAgentProvider: config.defaultUserAgentProvider,
    };
    const fake = createKmsFake();
    installed.push(fake.install({ fastClients: true }));
    await client.send(new DescribeCustomKeyStoresCommand({}));
    expect(fake.calls()).toHaveLength(1);
    expect(config.cacheMiddleware).toBe(true);
    expect(config.httpAuthSchemes).not.toBe(before.httpAuthSchemes);

    fake.uninstall();
    expect(config.cacheMiddleware).toBe(before.cacheMiddleware);
    expect(config.httpAuthSchemes).toBe(before.httpAuthSchemes);
    expect(config.defaultUserAgentProvider).toBe(before.defaultUserAgentProvider);
    expect(networkAttempts()).toEqual([]);
  });

  it('leaves clients alone without the option', async () => {
    const client = new KMSClient({ region: 'us-east-1' });
    const config = client.config as unknown as Settings;
    const schemes = config.httpAuthSchemes;
    installed.push(createKmsFake().install());
    await client.send(new DescribeCustomKeyStoresCommand({}));
    expect(config.httpAuthSchemes).toBe(schemes);
    expect(config.cacheMiddleware).not.toBe(true);
  });
});
