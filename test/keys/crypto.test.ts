import {
  CreateKeyCommand,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNotFoundException,
  DecryptCommand,
  DisabledException,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  ReEncryptCommand,
  UnsupportedOperationException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { rejectionOf } from '../support/kms.js';
import {
  CLOUDHSM_STORE_ID,
  connectedStores,
  createCloudHsmKey,
  createExternalKey,
  XKS_STORE_ID,
} from './key-support.js';

const message = new TextEncoder().encode('wire transfer 4711');

function setup() {
  const fake = createKmsFake({ stores: connectedStores });
  return { fake, kms: fake.client({ maxAttempts: 1 }) };
}

describe('Encrypt and Decrypt', () => {
  it('round-trip with keys in both custom key stores and in the default key store', async () => {
    const { kms } = setup();
    const keys = [
      await createCloudHsmKey(kms),
      await createExternalKey(kms),
      (await kms.send(new CreateKeyCommand({}))).KeyMetadata,
    ];
    for (const key of keys) {
      const { CiphertextBlob, KeyId } = await kms.send(new EncryptCommand({ KeyId: key?.KeyId, Plaintext: message }));
      expect(KeyId).toBe(key?.Arn);
      expect(Buffer.from(CiphertextBlob as Uint8Array).includes(Buffer.from(message))).toBe(false);
      const out = await kms.send(new DecryptCommand({ CiphertextBlob }));
      expect(out).toMatchObject({ Plaintext: message, KeyId: key?.Arn });
    }
  });

  it('binds the ciphertext to its encryption context', async () => {
    const { kms } = setup();
    const key = await createCloudHsmKey(kms);
    const context = { tenant: 'acme', purpose: 'invoice' };
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: key.KeyId, Plaintext: message, EncryptionContext: context }),
    );
    // The order of context entries does not matter; their content does.
    const reordered = { purpose: 'invoice', tenant: 'acme' };
    expect((await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: reordered }))).Plaintext).toEqual(
      message,
    );
    const wrongContexts: (Record<string, string> | undefined)[] = [
      undefined,
      { tenant: 'acme' },
      { tenant: 'evil', purpose: 'invoice' },
    ];
    for (const wrong of wrongContexts) {
      const error = await rejectionOf(kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: wrong })));
      expect(error).toBeInstanceOf(InvalidCiphertextException);
    }
  });

  it('detects any flipped bit of the ciphertext blob', async () => {
    const { kms } = setup();
    const key = await createCloudHsmKey(kms);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: message }));
    const blob = CiphertextBlob as Uint8Array;
    for (const position of [0, 5, 20, 40, blob.length - 1]) {
      const tampered = Uint8Array.from(blob);
      tampered[position] = (tampered[position] as number) ^ 0x01;
      const error = await rejectionOf(kms.send(new DecryptCommand({ CiphertextBlob: tampered })));
      expect(error, `bit flipped at byte ${position}`).toBeInstanceOf(InvalidCiphertextException);
    }
    const truncated = await rejectionOf(kms.send(new DecryptCommand({ CiphertextBlob: blob.subarray(0, 20) })));
    expect(truncated).toBeInstanceOf(InvalidCiphertextException);
  });

  it('refuses a KeyId that does not match the key of the ciphertext', async () => {
    const { kms } = setup();
    const key = await createCloudHsmKey(kms);
    const other = await createCloudHsmKey(kms, 'other');
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: message }));
    const error = await rejectionOf(kms.send(new DecryptCommand({ CiphertextBlob, KeyId: other.KeyId })));
    expect(error).toBeInstanceOf(IncorrectKeyException);
    expect(error.message).toBe(
      'The key ID in the request does not identify a KMS key that can perform this operation.',
    );
    expect((await kms.send(new DecryptCommand({ CiphertextBlob, KeyId: key.Arn }))).Plaintext).toEqual(message);
  });

  it('refuses a disabled key with DisabledException naming its ARN', async () => {
    const { kms } = setup();
    const key = await createCloudHsmKey(kms);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: message }));
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    for (const call of [
      kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: message })),
      kms.send(new DecryptCommand({ CiphertextBlob })),
    ]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(DisabledException);
      expect(error.message).toBe(`${key.Arn} is disabled.`);
    }
  });
});

describe('ReEncrypt', () => {
  it('moves a ciphertext from one key and context to another without showing the plaintext', async () => {
    const { kms } = setup();
    const source = await createCloudHsmKey(kms);
    const destination = await createExternalKey(kms);
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({ KeyId: source.KeyId, Plaintext: message, EncryptionContext: { a: '1' } }),
    );
    const moved = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob,
        SourceEncryptionContext: { a: '1' },
        DestinationKeyId: destination.Arn,
        DestinationEncryptionContext: { b: '2' },
      }),
    );
    expect(moved).toMatchObject({ SourceKeyId: source.Arn, KeyId: destination.Arn });
    expect(moved).not.toHaveProperty('Plaintext');
    const opened = await kms.send(
      new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob, EncryptionContext: { b: '2' } }),
    );
    expect(opened).toMatchObject({ Plaintext: message, KeyId: destination.Arn });
  });
});

describe('GenerateDataKey', () => {
  it('returns a data key in plaintext and encrypted under the KMS key', async () => {
    const { kms } = setup();
    const key = await createExternalKey(kms);
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }));
    expect(dataKey.Plaintext).toHaveLength(32);
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(opened.Plaintext).toEqual(dataKey.Plaintext);
    const bytes = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 64 }));
    expect(bytes.Plaintext).toHaveLength(64);
  });

  it('without plaintext returns only the encrypted data key, which decrypts to 16 bytes for AES_128', async () => {
    const { kms } = setup();
    const key = await createCloudHsmKey(kms);
    const dataKey = await kms.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, KeySpec: 'AES_128' }),
    );
    expect(dataKey).not.toHaveProperty('Plaintext');
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }))).Plaintext).toHaveLength(16);
  });

  it('needs exactly one of NumberOfBytes and KeySpec', async () => {
    const { kms } = setup();
    const key = await createCloudHsmKey(kms);
    for (const input of [{}, { NumberOfBytes: 32, KeySpec: 'AES_256' as const }]) {
      const error = await rejectionOf(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, ...input })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe('Please specify either number of bytes or key spec.');
    }
  });
});

describe('GenerateRandom', () => {
  it('returns random bytes, also from a CONNECTED CloudHSM key store', async () => {
    const { kms } = setup();
    expect((await kms.send(new GenerateRandomCommand({ NumberOfBytes: 24 }))).Plaintext).toHaveLength(24);
    const inStore = await kms.send(
      new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: CLOUDHSM_STORE_ID }),
    );
    expect(inStore.Plaintext).toHaveLength(8);
  });

  it('refuses an external key store, a store that is not CONNECTED, and an unknown store', async () => {
    const { fake, kms } = setup();
    const xks = await rejectionOf(
      kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: XKS_STORE_ID })),
    );
    expect(xks).toBeInstanceOf(UnsupportedOperationException);
    fake.setState(CLOUDHSM_STORE_ID, 'DISCONNECTED');
    const disconnected = await rejectionOf(
      kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: CLOUDHSM_STORE_ID })),
    );
    expect(disconnected).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    const unknown = await rejectionOf(
      kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: 'cks-0000000000000000a' })),
    );
    expect(unknown).toBeInstanceOf(CustomKeyStoreNotFoundException);
  });
});
