import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { cloudHsmStore, cluster, loadScenario } from '../../src/fixtures/index.js';
import { createKmsFake } from '../../src/index.js';

async function describeStore(kms: KMSClient, id: string) {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
  return CustomKeyStores?.[0];
}

async function reconnect(kms: KMSClient, id: string) {
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return describeStore(kms, id);
}

describe('the world, as a real KMSClient sees it', () => {
  it('locking out kmsuser fails the next connect, while the CONNECTED store stays CONNECTED until then', async () => {
    const c = cluster.build();
    const store = cloudHsmStore.onCluster(c).connected().build();
    const fake = createKmsFake({ stores: [store], clusters: [c], timing: 'immediate' });
    const kms = fake.client();
    const id = store.CustomKeyStoreId as string;

    fake.world.cluster(c.clusterId).lockOutKmsUser();
    expect(await describeStore(kms, id)).toMatchObject({ ConnectionState: 'CONNECTED' });
    expect(await reconnect(kms, id)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'USER_LOCKED_OUT',
    });

    fake.world.cluster(c.clusterId).changeKmsUserPassword(store.KeyStorePassword as string);
    expect(await reconnect(kms, id)).toMatchObject({ ConnectionState: 'CONNECTED' });
  });

  it('a degraded cluster refuses Create with the SDK exception class, and reset() brings back the seeded world', async () => {
    const c = cluster.build();
    const fake = createKmsFake({ clusters: [c] });
    const kms = fake.client();
    const input = {
      CustomKeyStoreName: 'Payments',
      CloudHsmClusterId: c.clusterId,
      TrustAnchorCertificate: c.trustAnchorCertificate,
      KeyStorePassword: 'kmsPswd-123',
    };
    fake.world.cluster(c.clusterId).setState('DEGRADED');
    await expect(kms.send(new CreateCustomKeyStoreCommand(input))).rejects.toMatchObject({
      name: 'CloudHsmClusterNotActiveException',
      $metadata: { httpStatusCode: 400 },
    });
    fake.reset();
    await expect(kms.send(new CreateCustomKeyStoreCommand(input))).resolves.toHaveProperty('CustomKeyStoreId');
  });

  it('every FAILED store of the CloudHSM scenarios fails again with its code when reconnected', async () => {
    for (const name of [
      'cloudhsm-cluster-problems',
      'cloudhsm-kmsuser-problems',
      'xks-proxy-connectivity',
      'xks-proxy-authentication',
    ]) {
      const scenario = loadScenario(name);
      const fake = createKmsFake({ ...scenario, timing: 'immediate' });
      const kms = fake.client();
      for (const store of scenario.stores.filter((s) => s.ConnectionState === 'FAILED')) {
        const entry = await reconnect(kms, store.CustomKeyStoreId as string);
        expect(entry, `${name}: ${store.CustomKeyStoreName}`).toMatchObject({
          ConnectionState: 'FAILED',
          ConnectionErrorCode: store.ConnectionErrorCode,
        });
      }
    }
  });
});
