import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { kmsMatchers } from '../../src/testing/vitest.js';
import { CLUSTER, usageError } from './support.js';

expect.extend(kmsMatchers);

const PASSWORD = 'kmsPswd-Secret-2026';
const RAW_SECRET = 'ZXhhbXBsZS1zZWNyZXQtYWNjZXNzLWtleS0xMjM0NTY3ODkw';
const KMSUSER_PASSWORD = 'kmsuser-Secret-77';
const ENDPOINT = 'https://xks.example.com';
const SECRETS = [PASSWORD, RAW_SECRET, KMSUSER_PASSWORD];

function fakeFullOfSecrets() {
  return createKmsFake({
    stores: [
      { CustomKeyStoreName: 'hsm', CloudHsmClusterId: CLUSTER, KeyStorePassword: PASSWORD },
      {
        CustomKeyStoreName: 'xks',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        XksProxyConfiguration: {
          Connectivity: 'PUBLIC_ENDPOINT',
          AccessKeyId: 'ABCDEFGHIJKLMNOPQRST',
          UriEndpoint: ENDPOINT,
          UriPath: '/kms/xks/v1',
        },
        XksProxyRawSecretAccessKey: RAW_SECRET,
      },
    ],
    clusters: [{ clusterId: CLUSTER, kmsUser: { password: KMSUSER_PASSWORD } }],
    proxies: [
      { uriEndpoint: ENDPOINT, credentials: [{ accessKeyId: 'ABCDEFGHIJKLMNOPQRST', secretAccessKey: RAW_SECRET }] },
    ],
  });
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('printing the fake never prints a secret', () => {
  it('JSON.stringify and util.inspect show a short summary of the fake', () => {
    const fake = fakeFullOfSecrets();
    const json = JSON.stringify(fake);
    const shown = inspect(fake, { depth: 4 });
    expectNoSecret(json);
    expectNoSecret(shown);
    expect(shown).toMatch(/^KmsFake \{/);
    expect(shown.split('\n').length).toBeLessThan(15);
    expect(JSON.parse(json)).toMatchObject({ account: '111122223333', calls: 0 });
  });

  it('the engine, its options and registry, the world and its handles print summaries too', () => {
    const fake = fakeFullOfSecrets();
    for (const internal of [
      fake.engine,
      fake.engine.options,
      fake.engine.registry,
      fake.world,
      fake.world.cluster(CLUSTER),
      fake.world.proxy(ENDPOINT),
    ]) {
      expectNoSecret(inspect(internal, { depth: 8, showHidden: false }));
      expectNoSecret(JSON.stringify(internal));
    }
  });

  it("the world's describe() leaves the kmsuser password and proxy secret keys out, as snapshot() does", () => {
    const fake = fakeFullOfSecrets();
    expect(fake.world.cluster(CLUSTER).describe().kmsUser.password).toBeUndefined();
    expect(fake.world.proxy(ENDPOINT).describe().credentials?.[0]).toEqual({ accessKeyId: 'ABCDEFGHIJKLMNOPQRST' });
    expectNoSecret(JSON.stringify(fake.snapshot()));
  });

  it('a failed toEqual on the fake shows the summary, not a diff of its internals', () => {
    const fake = fakeFullOfSecrets();
    let message = '';
    try {
      expect(fake).toEqual({ something: 'else' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    expectNoSecret(message);
    expect(message.split('\n').length).toBeLessThan(40);
  });
});

describe('usage errors describe a secret in the wrong place by its type, never its value', () => {
  it('a password given as the whole kmsUser', () => {
    const message = usageError(() =>
      createKmsFake({ clusters: [{ clusterId: CLUSTER, kmsUser: KMSUSER_PASSWORD as never }] }),
    );
    expect(message).toContain('$.clusters[0].kmsUser: must be an object, got a string (17 characters)');
    expectNoSecret(message);
  });

  it("acceptOnly('AKID:SECRET') and a string XksProxyConfiguration", () => {
    const fake = createKmsFake();
    const message = usageError(() =>
      fake.world.proxy(ENDPOINT).acceptOnly(`ABCDEFGHIJKLMNOPQRST:${RAW_SECRET}` as never),
    );
    expect(message).toContain('$.credentials[0]: must be an object, got a string');
    expectNoSecret(message);
    const seed = usageError(() =>
      fake.addStore({
        CustomKeyStoreName: 'xks',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        XksProxyConfiguration: `${ENDPOINT} ${RAW_SECRET}` as never,
      }),
    );
    expect(seed).toContain('$.XksProxyConfiguration: must be an object, got a string');
    expectNoSecret(seed);
  });

  it('a secret passed where an enum belongs is described by type', () => {
    const message = usageError(() => createKmsFake().failNext('DescribeCustomKeyStores', `${RAW_SECRET}!` as never));
    expectNoSecret(message);
  });
});
