import type { Engine } from '../../engine/engine.js';
import { type EncryptionContext, keyIdOf, open, seal } from '../../engine/keys/ciphertext.js';
import type { KeyRecord } from '../../engine/keys/key-types.js';
import type { CallContext } from '../../engine/types.js';
import { KmsError } from '../../errors/kms-error.js';
import { lowerCamel, RULES, validationMessage, violationEntry } from '../../validation/messages.js';
import { cryptoFailure } from '../../world/keys/key-checks.js';
import type { Input } from '../common.js';
import { keyErrors } from './key-errors.js';
import { requireUsable } from './require-usable.js';
import { resolveKey } from './resolve-key.js';

/**
 * The steps every cryptographic operation shares: the key must be usable (its state, then the backing world
 * of its custom key store), DryRun stops before any work, and only SYMMETRIC_DEFAULT is supported.
 */
export function usableKey(engine: Engine, ctx: CallContext, keyId: string): KeyRecord {
  const key = resolveKey(engine, ctx, keyId, { aliases: true });
  requireReady(engine, key);
  return key;
}

export function requireReady(engine: Engine, key: KeyRecord): void {
  requireUsable(engine, key);
  const store = key.storeId === undefined ? undefined : engine.registry.findById(key.storeId);
  const failure = store && cryptoFailure(engine.world, store, key);
  if (failure) throw failure;
}

export function checkAlgorithm(key: KeyRecord, input: Input, member = 'EncryptionAlgorithm'): void {
  const algorithm = input[member];
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError(
      'InvalidKeyUsageException',
      `${key.arn} key usage is ENCRYPT_DECRYPT with key spec SYMMETRIC_DEFAULT, which does not support the encryption algorithm ${String(algorithm)}.`,
    );
  }
}

export function stopIfDryRun(input: Input): void {
  if (input.DryRun === true) {
    throw new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
  }
}

/**
 * The model leaves `CiphertextBlob` optional (for the Nitro Enclaves variants), but KMS needs one to decrypt:
 * a missing blob is refused the way Coral refuses a missing required member.
 */
export function requiredBlob(input: Input, member: string): string {
  const value = input[member];
  if (typeof value === 'string') return value;
  throw new KmsError(
    'ValidationException',
    validationMessage([violationEntry(lowerCamel(member), null, RULES.required())]),
  );
}

/** `Recipient` (attestation for AWS Nitro Enclaves) is refused loudly rather than ignored. */
export function refuseRecipient(input: Input): void {
  if (input.Recipient !== undefined && input.Recipient !== null) {
    throw new KmsError(
      'NotImplementedException',
      'fake-kms does not implement Recipient (attested requests from AWS Nitro Enclaves) yet.',
      501,
    );
  }
}

export function contextOf(value: unknown): EncryptionContext {
  return (value && typeof value === 'object' ? value : {}) as EncryptionContext;
}

export function encryptUnder(engine: Engine, key: KeyRecord, context: EncryptionContext, plaintext: Buffer): string {
  const material = engine.keys.vault.material(key.id) as Buffer;
  return seal(material, key.id, key.arn, context, plaintext).toString('base64');
}

/**
 * Open a ciphertext blob: the key comes from the blob; a `KeyId` in the request that names another key is
 * `IncorrectKeyException`; a blob that is not ours, was changed, or was made with another context is
 * `InvalidCiphertextException`.
 */
export function decryptBlob(
  engine: Engine,
  ctx: CallContext,
  blobBase64: string,
  context: EncryptionContext,
  requestedKeyId: string | undefined,
): { key: KeyRecord; plaintext: Buffer } {
  const blob = Buffer.from(blobBase64, 'base64');
  const id = keyIdOf(blob);
  const key = id === undefined ? undefined : engine.keys.get(ctx, id);
  if (requestedKeyId !== undefined) {
    const requested = resolveKey(engine, ctx, requestedKeyId, { aliases: true });
    if (key && requested.id !== key.id) throw keyErrors.incorrectKey();
  }
  if (!key) throw keyErrors.invalidCiphertext();
  requireReady(engine, key);
  const plaintext = open(engine.keys.vault.material(key.id) as Buffer, key.arn, context, blob);
  if (!plaintext) throw keyErrors.invalidCiphertext();
  return { key, plaintext };
}
