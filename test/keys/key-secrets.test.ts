import { inspect } from 'node:util';
import {
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { rejectionOf } from '../support/kms.js';
import { connectedStores, createCloudHsmKey, createExternalKey } from './key-support.js';

const CANARY = 'canary-plaintext-5f1d2a';

describe('plaintext and key material never leave the fake except in the response that carries them', () => {
  it('are absent from the journal, snapshots, stores(), inspect output and error messages', async () => {
    const fake = createKmsFake({ stores: connectedStores });
    const kms = fake.client({ maxAttempts: 1 });
    const key = await createCloudHsmKey(kms);
    const other = await createExternalKey(kms);
    const plaintext = new TextEncoder().encode(CANARY);
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    await kms.send(new DecryptCommand({ CiphertextBlob }));
    await kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: other.KeyId }));
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }));
    const random = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    const wrongContext = await rejectionOf(
      kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { x: 'wrong' } })),
    );

    const secrets = [
      CANARY,
      Buffer.from(CANARY).toString('base64'),
      Buffer.from(dataKey.Plaintext as Uint8Array).toString('base64'),
      Buffer.from(random.Plaintext as Uint8Array).toString('base64'),
      ...[key, other].flatMap((k) => {
        const material = fake.engine.keys.vault.material(k.KeyId as string) as Buffer;
        return [material.toString('hex'), material.toString('base64')];
      }),
    ];
    const outputs = {
      journal: JSON.stringify(fake.journal),
      snapshot: JSON.stringify(fake.snapshot()),
      keys: JSON.stringify(fake.keys()),
      inspectFake: inspect(fake, { depth: 12 }),
      inspectEngine: inspect(fake.engine.keys, { depth: 12, showHidden: true }),
      vault: JSON.stringify(fake.engine.keys.vault),
      error: wrongContext.message,
    };
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of secrets) expect(text, `${where} holds a secret`).not.toContain(secret);
    }
    expect(fake.calls('Encrypt')[0]?.input.Plaintext).toBe('**redacted**');
    expect(fake.calls('GenerateDataKey')[0]?.output?.Plaintext).toBe('**redacted**');
  });
});
