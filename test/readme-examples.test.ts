import { X509Certificate } from 'node:crypto';
import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  EncryptCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { cloudHsmStore, cluster, externalStore } from '../src/fixtures/index.js';
import { createKmsFake } from '../src/index.js';

const stateOf = async (kms: KMSClient, id: string) =>
  (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores?.[0];

describe('the README examples work as written', () => {
  it('fixtures: a healthy store, a locked-out one and a VPC store, seeded in one call', async () => {
    const c = cluster.seed('payments').build();
    const locked = cluster.seed('locked').failingWith('USER_LOCKED_OUT').build();
    const fake = createKmsFake({
      clusters: [c, locked],
      stores: [
        cloudHsmStore.onCluster(c).connected().build(),
        cloudHsmStore.onCluster(locked).failed('USER_LOCKED_OUT').build(),
        externalStore.vpcEndpointService().disconnected().build(),
      ],
      timing: 'immediate',
    });
    const kms = fake.client();
    const [healthy, failed, vpc] = fake.stores();
    expect([healthy?.ConnectionState, failed?.ConnectionErrorCode, vpc?.XksProxyConfiguration?.Connectivity]).toEqual([
      'CONNECTED',
      'USER_LOCKED_OUT',
      'VPC_ENDPOINT_SERVICE',
    ]);
    expect(new X509Certificate(healthy?.TrustAnchorCertificate as string).ca).toBe(true);

    // The locked-out store is refused until disconnected, then fails again for the same reason.
    const failedId = failed?.CustomKeyStoreId as string;
    await expect(kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: failedId }))).rejects.toBeInstanceOf(
      CustomKeyStoreInvalidStateException,
    );
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: failedId }));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: failedId }));
    expect(await stateOf(kms, failedId)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'USER_LOCKED_OUT',
    });
  });

  it('world changes: locking out kmsuser and a slow proxy fail the next connects', async () => {
    const fake = createKmsFake({ timing: 'immediate' });
    const hsm = fake.addStore(cloudHsmStore.seed('w1').build());
    const xks = fake.addStore(externalStore.seed('w2').publicEndpoint().build());
    const kms = fake.client();
    const [h, x] = fake.stores();
    fake.world.cluster(h?.CloudHsmClusterId as string).lockOutKmsUser();
    fake.world.proxy(x?.XksProxyConfiguration?.UriEndpoint as string).respondAfter(400);
    for (const id of [hsm, xks]) await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect((await stateOf(kms, hsm))?.ConnectionErrorCode).toBe('USER_LOCKED_OUT');
    expect((await stateOf(kms, xks))?.ConnectionErrorCode).toBe('XKS_PROXY_TIMED_OUT');
  });

  it('keys: a key in a store, an alias, encryption, and Unavailable after a disconnect', async () => {
    const fake = createKmsFake({ stores: [cloudHsmStore.seed('k').connected().build()], timing: 'immediate' });
    const kms = fake.client();
    const CustomKeyStoreId = fake.stores()[0]?.CustomKeyStoreId;
    const bytes = new TextEncoder().encode('payroll');
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ CustomKeyStoreId, Origin: 'AWS_CLOUDHSM', Description: 'payroll' }),
    );
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/payroll', TargetKeyId: KeyMetadata?.KeyId }));
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: 'alias/payroll', Plaintext: bytes, EncryptionContext: { tenant: 'acme' } }),
    );
    expect(CiphertextBlob?.length).toBeGreaterThan(bytes.length);
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    await expect(kms.send(new EncryptCommand({ KeyId: 'alias/payroll', Plaintext: bytes }))).rejects.toThrow(
      `${KeyMetadata?.Arn} is unavailable.`,
    );
    expect(fake.keyState('alias/payroll')).toBe('Unavailable');
  });
});
