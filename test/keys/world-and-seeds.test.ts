import {
  CreateAliasCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSInvalidStateException,
  ListAliasesCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { cloudHsmKey, cloudHsmStore, externalKey, externalStore } from '../../src/fixtures/index.js';
import { createKmsFake, isFakeKmsUsageError, loadScenario } from '../../src/index.js';
import { kmsMatchers } from '../../src/testing/matchers/kms-matchers.js';
import { rejectionOf } from '../support/kms.js';
import { connectedStores, createCloudHsmKey, createExternalKey, XKS_ENDPOINT } from './key-support.js';

const plaintext = new Uint8Array([7, 7, 7]);
expect.extend(kmsMatchers);

describe('external keys in the backing world', () => {
  it.each([
    [
      'disabled',
      (fake: ReturnType<typeof createKmsFake>) => fake.world.proxy(XKS_ENDPOINT).externalKey('ext-key-1').disable(),
      'The external key store proxy rejected the request because the external key is disabled.',
    ],
    [
      'deleted',
      (fake: ReturnType<typeof createKmsFake>) => fake.world.proxy(XKS_ENDPOINT).externalKey('ext-key-1').delete(),
      'The external key store proxy rejected the request because it could not find the external key.',
    ],
    [
      'behind an offline proxy',
      (fake: ReturnType<typeof createKmsFake>) => fake.world.proxy(XKS_ENDPOINT).takeOffline(),
      "KMS cannot reach the external key store proxy of custom key store 'cks-abcdef01234567890' (XKS_PROXY_NOT_REACHABLE), so it cannot use the external key.",
    ],
  ])(
    'an external key %s after creation fails crypto but leaves the KMS key Enabled',
    async (_what, change, message) => {
      const fake = createKmsFake({ stores: connectedStores });
      const kms = fake.client({ maxAttempts: 1 });
      const key = await createExternalKey(kms);
      const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
      change(fake);
      for (const call of [
        kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext })),
        kms.send(new DecryptCommand({ CiphertextBlob })),
      ]) {
        const error = await rejectionOf(call);
        expect(error).toBeInstanceOf(KMSInvalidStateException);
        expect(error.message).toBe(message);
      }
      expect(fake).toHaveKeyState(key.KeyId as string, 'Enabled');
    },
  );

  it('a CloudHSM cluster without active HSMs fails crypto but leaves the key Enabled', async () => {
    const fake = createKmsFake({ stores: connectedStores });
    const kms = fake.client({ maxAttempts: 1 });
    const key = await createCloudHsmKey(kms);
    fake.world.cluster('cluster-abcdefghijk').removeAllHsms();
    const error = await rejectionOf(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext })));
    expect(error).toBeInstanceOf(KMSInvalidStateException);
    expect(error.message).toContain('cluster-abcdefghijk');
    expect(fake).toHaveKeyState(key.Arn as string, 'Enabled');
  });

  it('key material deleted from the CloudHSM cluster fails crypto with that key only, until reset', async () => {
    const fake = createKmsFake({ stores: connectedStores });
    const kms = fake.client({ maxAttempts: 1 });
    const key = await createCloudHsmKey(kms);
    const other = await createCloudHsmKey(kms, 'other');
    fake.world.cluster('cluster-abcdefghijk').deleteKeyMaterial(key.KeyId as string);
    const error = await rejectionOf(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext })));
    expect(error).toBeInstanceOf(KMSInvalidStateException);
    expect(error.message).toBe(
      `The key material of KMS key ${key.KeyId} was not found in the AWS CloudHSM cluster cluster-abcdefghijk associated with custom key store 'cks-1234567890abcdef0'.`,
    );
    expect(fake).toHaveKeyState(key.KeyId as string, 'Enabled');
    await kms.send(new EncryptCommand({ KeyId: other.KeyId, Plaintext: plaintext }));
  });

  it('learns an external key on first use and forgets it on reset', async () => {
    const fake = createKmsFake({ stores: connectedStores });
    await createExternalKey(fake.client(), 'learned');
    expect(fake.world.proxy(XKS_ENDPOINT).externalKey('learned').describe()).toEqual({
      keyId: 'learned',
      keySpec: 'AES_256',
      keyUsage: ['ENCRYPT', 'DECRYPT'],
      status: 'ENABLED',
      deleted: false,
    });
    fake.world.proxy(XKS_ENDPOINT).externalKey('learned').disable();
    fake.reset();
    expect(fake.world.proxy(XKS_ENDPOINT).externalKey('learned').describe().status).toBe('ENABLED');
  });
});

describe('seeded keys', () => {
  it('KeyCount seeds real keys that keep the store from being deleted', async () => {
    const store = cloudHsmStore.seed('held').disconnected().withKeys(2).build();
    const fake = createKmsFake({ stores: [store] });
    const kms = fake.client({ maxAttempts: 1 });
    const { Keys } = await kms.send(new ListKeysCommand({}));
    expect(Keys).toHaveLength(2);
    const described = await kms.send(new DescribeKeyCommand({ KeyId: Keys?.[0]?.KeyId }));
    expect(described.KeyMetadata).toMatchObject({ KeyState: 'Unavailable', CustomKeyStoreId: store.CustomKeyStoreId });
    const error = await rejectionOf(
      kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId })),
    );
    expect(error.name).toBe('CustomKeyStoreHasCMKsException');
  });

  it('the key builders make keys with aliases and tags that a fake loads, and reset brings back', async () => {
    const hsm = cloudHsmStore.seed(1).connected().build();
    const xks = externalStore.seed(1).connected().build();
    const keys = [
      cloudHsmKey.seed(1).inStore(hsm).withAlias('alias/payroll').withTags({ team: 'pay' }).build(),
      externalKey.seed(1).inStore(xks).disabled().build(),
    ];
    expect(cloudHsmKey.seed(1).inStore(hsm).build()).toEqual(cloudHsmKey.seed(1).inStore(hsm).build());
    const fake = createKmsFake({ stores: [hsm, xks], keys });
    expect(fake).toHaveKeyState('alias/payroll', 'Enabled');
    expect(fake).toHaveKeyState(keys[1]?.KeyId as string, 'Disabled');
    await fake.client().send(new DescribeKeyCommand({ KeyId: 'alias/payroll' }));
    fake.reset();
    expect((await fake.client().send(new ListAliasesCommand({}))).Aliases?.map((a) => a.AliasName)).toEqual([
      'alias/payroll',
    ]);
  });

  it('a key seed that names no store, or the wrong origin, is misuse of the fake', () => {
    const hsm = cloudHsmStore.seed(1).build();
    for (const keys of [
      [cloudHsmKey.seed(1).build({ CustomKeyStoreId: 'cks-00000000000000000' })],
      [externalKey.seed(1).inStore(hsm).build()],
    ]) {
      let error: unknown;
      try {
        createKmsFake({ stores: [hsm], keys });
      } catch (e) {
        error = e;
      }
      expect(isFakeKmsUsageError(error)).toBe(true);
    }
  });
});

describe('snapshots with keys', () => {
  it('carry keys, aliases and tags but no key material, and load back into an equal fake', async () => {
    const fake = createKmsFake({ stores: connectedStores });
    const kms = fake.client();
    const key = await createCloudHsmKey(kms, 'snap');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/snap', TargetKeyId: key.KeyId }));
    const snapshot = JSON.parse(JSON.stringify(fake.snapshot()));
    expect(snapshot.keys).toEqual([
      expect.objectContaining({ KeyId: key.KeyId, Description: 'snap', Aliases: ['alias/snap'], KeyState: 'Enabled' }),
    ]);
    const material = fake.engine.keys.vault.material(key.KeyId as string) as Buffer;
    const text = JSON.stringify(snapshot);
    for (const form of [material.toString('hex'), material.toString('base64')]) expect(text).not.toContain(form);

    const again = createKmsFake({ ...loadScenario(snapshot) });
    const described = await again.client().send(new DescribeKeyCommand({ KeyId: 'alias/snap' }));
    expect(described.KeyMetadata).toMatchObject({ KeyId: key.KeyId, Description: 'snap', KeyState: 'Enabled' });
  });
});
