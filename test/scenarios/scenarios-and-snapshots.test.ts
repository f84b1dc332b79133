import { X509Certificate } from 'node:crypto';
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  type KMSClient,
  XksProxyVpcEndpointServiceNotFoundException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { cloudHsmStore, cluster, externalStore, proxy } from '../../src/fixtures/index.js';
import { createKmsFake, loadScenario, scenarioNames } from '../../src/index.js';
import { xksVpcInput } from '../support/inputs.js';
import { rejectionOf } from '../support/kms.js';

async function describeAll(kms: KMSClient) {
  return (await kms.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores ?? [];
}

/** Disconnect (if needed), connect, and return the settled entry. */
async function reconnect(kms: KMSClient, id: string, state: string | undefined) {
  if (state !== 'DISCONNECTED') await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores?.[0];
}

describe('scenario files through a real KMSClient', () => {
  it('ships the ExampleKeyStore of the AWS documentation, with a trust anchor X509Certificate parses', async () => {
    const kms = createKmsFake({ ...loadScenario('example-key-store') }).client();
    const { CustomKeyStores } = await kms.send(
      new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'ExampleKeyStore' }),
    );
    const entry = CustomKeyStores?.[0];
    expect(entry).toMatchObject({
      CustomKeyStoreId: 'cks-1234567890abcdef0',
      CloudHsmClusterId: 'cluster-1a23b4cdefg',
      ConnectionState: 'CONNECTED',
      CreationDate: new Date('2017-07-05T21:04:55Z'),
    });
    expect(new X509Certificate(entry?.TrustAnchorCertificate as string).ca).toBe(true);
  });

  it.each(scenarioNames())(
    '%s: every store reconnects to the state and code the file gives it, or is refused at once',
    async (name) => {
      const fake = createKmsFake({ ...loadScenario(name), timing: 'immediate' });
      const kms = fake.client({ maxAttempts: 1 });
      const stores = await describeAll(kms);
      expect(stores.length).toBeGreaterThan(0);
      for (const store of stores) {
        if (store.ConnectionState === 'DISCONNECTED') {
          // Such stores show the failures KMS reports at once: Connect either works or is refused
          // with a CloudHSM exception and leaves the store DISCONNECTED (spec §8.14).
          const outcome = await reconnect(kms, store.CustomKeyStoreId as string, 'DISCONNECTED').catch((e: Error) => e);
          if (outcome instanceof Error) {
            expect(outcome.name).toMatch(/^CloudHsmCluster(NotActive|InvalidConfiguration)Exception$/);
            expect(
              (await describeAll(kms)).find((s) => s.CustomKeyStoreId === store.CustomKeyStoreId)?.ConnectionState,
            ).toBe('DISCONNECTED');
          } else {
            expect(outcome?.ConnectionState).toBe('CONNECTED');
          }
          continue;
        }
        const after = await reconnect(kms, store.CustomKeyStoreId as string, store.ConnectionState);
        const expected = store.ConnectionState === 'FAILED' ? 'FAILED' : 'CONNECTED';
        expect([store.CustomKeyStoreName, after?.ConnectionState, after?.ConnectionErrorCode]).toEqual([
          store.CustomKeyStoreName,
          expected,
          store.ConnectionErrorCode,
        ]);
      }
    },
  );

  it('together the scenario files show all 18 ConnectionErrorCode values', () => {
    const codes = new Set(scenarioNames().flatMap((n) => loadScenario(n).stores.map((s) => s.ConnectionErrorCode)));
    codes.delete(undefined);
    expect(codes.size).toBe(18);
  });

  it('a VPC endpoint service described in the options reaches the world', async () => {
    const vpc = xksVpcInput();
    const fake = createKmsFake({
      vpcEndpointServices: [{ serviceName: vpc.XksProxyVpcEndpointServiceName as string, exists: false }],
    });
    const error = await rejectionOf(fake.client({ maxAttempts: 1 }).send(new CreateCustomKeyStoreCommand(vpc)));
    expect(error).toBeInstanceOf(XksProxyVpcEndpointServiceNotFoundException);
  });
});

describe('snapshot()', () => {
  it('exports the whole state as a scenario that loads back to the same Describe output, secrets left out', async () => {
    const c = cluster.seed('snap').build();
    const p = proxy.seed('snap').build();
    const hsm = cloudHsmStore.seed('snap').onCluster(c).withPassword('kmsPswd-canary-1').connected().build();
    const xks = externalStore.seed('snap').forProxy(p).failed('XKS_PROXY_TIMED_OUT').build();
    const fake = createKmsFake({ stores: [hsm, xks], clusters: [c], proxies: [p], region: 'eu-west-1' });
    fake.world.cluster(c.clusterId).lockOutKmsUser();
    const other = fake.client({ region: 'ap-south-1' });
    await other.send(
      new CreateCustomKeyStoreCommand(
        xksVpcInput({ XksProxyVpcEndpointServiceName: 'com.amazonaws.vpce.ap-south-1.vpce-svc-0123456789abcdef0' }),
      ),
    );

    const snapshot = fake.snapshot();
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('kmsPswd-canary-1');
    expect(text).not.toContain(xks.XksProxyRawSecretAccessKey);

    const loaded = createKmsFake({ ...loadScenario(JSON.parse(text)) });
    for (const region of ['eu-west-1', 'ap-south-1']) {
      expect(await describeAll(loaded.client({ region }))).toEqual(await describeAll(fake.client({ region })));
    }
    // The world came along: kmsuser is still locked out in the loaded fake.
    expect(loaded.world.cluster(c.clusterId).describe().kmsUser.lockedOut).toBe(true);
  });
});

describe('reset()', () => {
  it('restores the timing given in the options, not one a test set later', async () => {
    const fake = createKmsFake({ timing: 'immediate' });
    fake.setTiming('manual');
    fake.reset();
    const kms = fake.client();
    const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(xksVpcInput()));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect(fake.stores()[0]?.ConnectionState).toBe('CONNECTED');
  });

  it('stores() applies transitions that are due on the clock', async () => {
    let now = 0;
    const fake = createKmsFake({ timing: { afterMs: 1000 }, now: () => now });
    const kms = fake.client();
    const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(xksVpcInput()));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect(fake.stores()[0]?.ConnectionState).toBe('CONNECTING');
    now = 1000;
    expect(fake.stores()[0]?.ConnectionState).toBe('CONNECTED');
  });
});
