// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html
import type { Engine } from '../engine/engine.js';
import type { KeyOrigin, KeyRecord } from '../engine/keys/key-types.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { checkKeyCreation } from '../world/keys/key-checks.js';
import { findStore, type Input, invalidState, type Output, str } from './common.js';
import { keyArn } from './keys/key-arn.js';
import { keyMetadata } from './keys/key-metadata.js';
import { tagsFrom } from './keys/tags.js';

const STORE_ORIGINS: readonly string[] = ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'];

/**
 * Symmetric encryption keys, in the default key store or in a custom key store (spec §6). Order of checks:
 * parameter combinations (ValidationException) → store existence → what a custom key store supports
 * (UnsupportedOperationException) → store state → external key already in use → the backing world.
 */
export function createKey(engine: Engine, ctx: CallContext, input: Input): Output {
  const origin = str(input, 'Origin') ?? 'AWS_KMS';
  const storeId = str(input, 'CustomKeyStoreId');
  const xksKeyId = str(input, 'XksKeyId');
  const keySpec = str(input, 'KeySpec') ?? str(input, 'CustomerMasterKeySpec') ?? 'SYMMETRIC_DEFAULT';
  const keyUsage = str(input, 'KeyUsage') ?? 'ENCRYPT_DECRYPT';
  const multiRegion = input.MultiRegion === true;

  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined) {
    throw new KmsError(
      'ValidationException',
      'You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated; use KeySpec.',
    );
  }
  if (xksKeyId !== undefined && origin !== 'EXTERNAL_KEY_STORE') {
    throw new KmsError(
      'ValidationException',
      `XksKeyId is valid only when Origin is EXTERNAL_KEY_STORE. Origin is ${origin}.`,
    );
  }
  if (origin === 'EXTERNAL_KEY_STORE' && xksKeyId === undefined) {
    throw new KmsError('ValidationException', 'XksKeyId is required when Origin is EXTERNAL_KEY_STORE.');
  }
  if (STORE_ORIGINS.includes(origin) && storeId === undefined) {
    throw new KmsError('ValidationException', `CustomKeyStoreId is required when Origin is ${origin}.`);
  }
  const tags = tagsFrom(input.Tags);

  const store = storeId === undefined ? undefined : findStore(engine, ctx, storeId);
  if (store) {
    if (origin !== store.type) {
      throw new KmsError(
        'UnsupportedOperationException',
        `Origin ${origin} is not supported for KMS keys in custom key store '${store.id}', which is of type ${store.type}. Use Origin ${store.type}.`,
      );
    }
    const unsupported =
      (keySpec !== 'SYMMETRIC_DEFAULT' && `KeySpec ${keySpec}`) ||
      (keyUsage !== 'ENCRYPT_DECRYPT' && `KeyUsage ${keyUsage}`) ||
      (multiRegion && 'MultiRegion true');
    if (unsupported) {
      throw new KmsError(
        'UnsupportedOperationException',
        `${unsupported} is not supported in a custom key store. Custom key stores support only single-Region symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT).`,
      );
    }
    if (store.state !== 'CONNECTED') throw invalidState(store, 'Connect it before you create KMS keys in it.');
    if (xksKeyId !== undefined && engine.keys.byExternalKey(store.id, xksKeyId)) {
      throw new KmsError(
        'XksKeyAlreadyInUseException',
        `The external key ${xksKeyId} is already associated with a KMS key in custom key store '${store.id}'. Each KMS key in an external key store needs its own external key.`,
      );
    }
    checkKeyCreation(engine.world, store, xksKeyId);
  } else {
    // fake-kms implements symmetric keys with KMS-generated material only; anything else is refused loudly.
    const missing =
      (origin !== 'AWS_KMS' && `Origin ${origin}`) ||
      (keySpec !== 'SYMMETRIC_DEFAULT' && `KeySpec ${keySpec}`) ||
      (keyUsage !== 'ENCRYPT_DECRYPT' && `KeyUsage ${keyUsage}`) ||
      (multiRegion && 'multi-Region keys');
    if (missing) {
      throw new KmsError(
        'NotImplementedException',
        `fake-kms does not implement ${missing} yet. It implements symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT).`,
        501,
      );
    }
  }

  const id = engine.newKeyId();
  const key: KeyRecord = {
    id,
    arn: keyArn(ctx, id),
    account: ctx.account,
    region: ctx.region,
    seq: engine.keys.takeSeq(),
    creationDate: engine.clock(),
    description: str(input, 'Description') ?? '',
    origin: origin as KeyOrigin,
    enabled: true,
  };
  if (tags.size) key.tags = tags;
  if (store) key.storeId = store.id;
  if (store?.cloudHsm) key.cloudHsmClusterId = store.cloudHsm.clusterId;
  if (xksKeyId !== undefined) key.xksKeyId = xksKeyId;
  engine.keys.add(key);
  return { KeyMetadata: keyMetadata(engine, key) };
}
