import {
  CloudHsmClusterInvalidConfigurationException,
  CreateKeyCommand,
  type CreateKeyCommandInput,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNotFoundException,
  ListKeysCommand,
  UnsupportedOperationException,
  XksKeyAlreadyInUseException,
  XksKeyInvalidConfigurationException,
  XksKeyNotFoundException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { rejectionOf } from '../support/kms.js';
import { CLOUDHSM_STORE_ID, connectedStores, XKS_ENDPOINT, XKS_STORE_ID } from './key-support.js';

function setup() {
  const fake = createKmsFake({ stores: connectedStores });
  return { fake, kms: fake.client({ maxAttempts: 1 }) };
}

async function refusal(input: CreateKeyCommandInput, prepare?: (fake: ReturnType<typeof setup>['fake']) => void) {
  const { fake, kms } = setup();
  prepare?.(fake);
  const error = await rejectionOf(kms.send(new CreateKeyCommand(input)));
  expect((await kms.send(new ListKeysCommand({}))).Keys, 'a refused CreateKey creates no key').toEqual([]);
  return error;
}

describe('CreateKey in a CloudHSM key store', () => {
  it('returns the metadata the spec lists', async () => {
    const { kms } = setup();
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ CustomKeyStoreId: CLOUDHSM_STORE_ID, Origin: 'AWS_CLOUDHSM', Description: 'payroll' }),
    );
    expect(KeyMetadata).toEqual({
      AWSAccountId: '111122223333',
      KeyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      Arn: `arn:aws:kms:us-east-1:111122223333:key/${KeyMetadata?.KeyId}`,
      CreationDate: expect.any(Date),
      Enabled: true,
      Description: 'payroll',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_CLOUDHSM',
      CustomKeyStoreId: CLOUDHSM_STORE_ID,
      CloudHsmClusterId: 'cluster-abcdefghijk',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    });
  });

  it('needs the store to exist', async () => {
    const error = await refusal({ CustomKeyStoreId: 'cks-0000000000000000a', Origin: 'AWS_CLOUDHSM' });
    expect(error).toBeInstanceOf(CustomKeyStoreNotFoundException);
    expect(error.message).toBe("Custom key store 'cks-0000000000000000a' does not exist.");
  });

  it('needs the store to be CONNECTED', async () => {
    const error = await refusal({ CustomKeyStoreId: CLOUDHSM_STORE_ID, Origin: 'AWS_CLOUDHSM' }, (fake) =>
      fake.setState(CLOUDHSM_STORE_ID, 'DISCONNECTED'),
    );
    expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    expect(error.message).toBe(
      `Custom key store '${CLOUDHSM_STORE_ID}' is DISCONNECTED. Connect it before you create KMS keys in it.`,
    );
  });

  it('needs two active HSMs in two Availability Zones', async () => {
    const error = await refusal({ CustomKeyStoreId: CLOUDHSM_STORE_ID, Origin: 'AWS_CLOUDHSM' }, (fake) =>
      fake.world.cluster('cluster-abcdefghijk').removeAllHsms().addHsm('us-east-1a'),
    );
    expect(error).toBeInstanceOf(CloudHsmClusterInvalidConfigurationException);
    expect(error.message).toContain('cluster-abcdefghijk');
  });

  it.each([
    [{ Origin: 'AWS_KMS' as const }, 'Origin AWS_KMS is not supported for KMS keys in custom key store'],
    [
      { Origin: 'AWS_CLOUDHSM' as const, KeySpec: 'RSA_2048' as const },
      'KeySpec RSA_2048 is not supported in a custom key store.',
    ],
    [
      { Origin: 'AWS_CLOUDHSM' as const, KeyUsage: 'SIGN_VERIFY' as const },
      'KeyUsage SIGN_VERIFY is not supported in a custom key store.',
    ],
    [
      { Origin: 'AWS_CLOUDHSM' as const, MultiRegion: true },
      'MultiRegion true is not supported in a custom key store.',
    ],
  ])('refuses %j as UnsupportedOperationException', async (extra, message) => {
    const error = await refusal({ CustomKeyStoreId: CLOUDHSM_STORE_ID, ...extra });
    expect(error).toBeInstanceOf(UnsupportedOperationException);
    expect(error.message).toContain(message);
  });

  it.each([
    [{ Origin: 'AWS_CLOUDHSM' as const }, 'CustomKeyStoreId is required when Origin is AWS_CLOUDHSM.'],
    [
      { Origin: 'EXTERNAL_KEY_STORE' as const, XksKeyId: 'k' },
      'CustomKeyStoreId is required when Origin is EXTERNAL_KEY_STORE.',
    ],
    [
      { CustomKeyStoreId: CLOUDHSM_STORE_ID, Origin: 'AWS_CLOUDHSM' as const, XksKeyId: 'k' },
      'XksKeyId is valid only when Origin is EXTERNAL_KEY_STORE. Origin is AWS_CLOUDHSM.',
    ],
    [
      { CustomKeyStoreId: XKS_STORE_ID, Origin: 'EXTERNAL_KEY_STORE' as const },
      'XksKeyId is required when Origin is EXTERNAL_KEY_STORE.',
    ],
  ])('refuses the parameter combination %j as ValidationException', async (input, message) => {
    const error = await refusal(input);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(message);
  });
});

describe('CreateKey in an external key store', () => {
  it('records the external key id and no cluster', async () => {
    const { kms } = setup();
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({ CustomKeyStoreId: XKS_STORE_ID, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: 'ext-1' }),
    );
    expect(KeyMetadata).toMatchObject({ Origin: 'EXTERNAL_KEY_STORE', XksKeyConfiguration: { Id: 'ext-1' } });
    expect(KeyMetadata?.CloudHsmClusterId).toBeUndefined();
  });

  it('needs the store type to match the Origin', async () => {
    const error = await refusal({ CustomKeyStoreId: XKS_STORE_ID, Origin: 'AWS_CLOUDHSM' });
    expect(error).toBeInstanceOf(UnsupportedOperationException);
  });

  it('refuses an external key that already backs a key in the store', async () => {
    const { kms } = setup();
    const input = { CustomKeyStoreId: XKS_STORE_ID, Origin: 'EXTERNAL_KEY_STORE' as const, XksKeyId: 'ext-1' };
    await kms.send(new CreateKeyCommand(input));
    const error = await rejectionOf(kms.send(new CreateKeyCommand(input)));
    expect(error).toBeInstanceOf(XksKeyAlreadyInUseException);
    expect(error.message).toContain('ext-1');
  });

  it('refuses an external key the proxy cannot find, with AWS’s message', async () => {
    const error = await refusal(
      { CustomKeyStoreId: XKS_STORE_ID, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: 'gone' },
      (fake) => fake.world.proxy(XKS_ENDPOINT).externalKey('gone').delete(),
    );
    expect(error).toBeInstanceOf(XksKeyNotFoundException);
    expect(error.message).toBe(
      'The external key store proxy rejected the request because it could not find the external key.',
    );
  });

  it.each([
    [
      { keySpec: 'RSA_2048' },
      'The key spec of the external key must be AES_256. The key spec of specified external key is RSA_2048.',
    ],
    [
      { keyUsage: ['ENCRYPT'] },
      'The key usage of the external key must include ENCRYPT and DECRYPT. The key usage of specified external key is ENCRYPT.',
    ],
    [
      { status: 'DISABLED' as const },
      'The status of the external key must be ENABLED. The status of specified external key is DISABLED.',
    ],
  ])('refuses an external key with %j as XksKeyInvalidConfigurationException', async (changes, message) => {
    const error = await refusal(
      { CustomKeyStoreId: XKS_STORE_ID, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: 'ext-1' },
      (fake) => fake.world.proxy(XKS_ENDPOINT).externalKey('ext-1').update(changes),
    );
    expect(error).toBeInstanceOf(XksKeyInvalidConfigurationException);
    expect(error.message).toBe(message);
  });

  it('reports proxy trouble as CustomKeyStoreInvalidStateException', async () => {
    const error = await refusal(
      { CustomKeyStoreId: XKS_STORE_ID, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: 'ext-1' },
      (fake) => fake.world.proxy(XKS_ENDPOINT).takeOffline(),
    );
    expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    expect(error.message).toContain('XKS_PROXY_NOT_REACHABLE');
  });
});

describe('CreateKey without a custom key store', () => {
  it('makes an AWS_KMS key with no custom key store members', async () => {
    const { kms } = setup();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    expect(KeyMetadata).toMatchObject({ Origin: 'AWS_KMS', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT' });
    expect(KeyMetadata?.CustomKeyStoreId).toBeUndefined();
  });

  it('refuses key types fake-kms does not implement, loudly', async () => {
    const error = await refusal({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    expect(error.name).toBe('NotImplementedException');
    expect(error.$metadata.httpStatusCode).toBe(501);
    expect(error.message).toContain('KeySpec RSA_2048');
  });
});
