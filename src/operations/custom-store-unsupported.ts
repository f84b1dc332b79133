// https://docs.aws.amazon.com/kms/latest/developerguide/create-cmk-keystore.html (what keys in custom key stores cannot do)
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { type Input, type OperationHandler, type Output, str } from './common.js';
import { keyErrors } from './keys/key-errors.js';
import { resolveKey } from './keys/resolve-key.js';

/**
 * Operations that keys in custom key stores never support, in any key state (spec §6): automatic and
 * on-demand rotation, imported key material, and asymmetric data key pairs. One shared handler, because
 * they behave alike: the key is resolved (NotFoundException first), then a custom-store key is
 * `UnsupportedOperationException`. For keys in the default key store fake-kms does not implement these
 * operations yet, and says so.
 */
export function unsupportedForCustomStoreKeys(operation: string, aliases: boolean): OperationHandler {
  return (engine: Engine, ctx: CallContext, input: Input): Output => {
    const key = resolveKey(engine, ctx, str(input, 'KeyId') as string, { aliases });
    if (key.storeId !== undefined) throw keyErrors.unsupportedForCustomStore(key.arn, operation);
    throw new KmsError(
      'NotImplementedException',
      `fake-kms does not implement ${operation} for keys in the default key store yet.`,
      501,
    );
  };
}

/** The table entries, by operation, with whether the operation accepts an alias as `KeyId` (as on AWS). */
export const CUSTOM_STORE_UNSUPPORTED: Readonly<Record<string, OperationHandler>> = Object.fromEntries(
  (
    [
      ['EnableKeyRotation', false],
      ['DisableKeyRotation', false],
      ['GetKeyRotationStatus', false],
      ['RotateKeyOnDemand', false],
      ['GetParametersForImport', false],
      ['ImportKeyMaterial', false],
      ['GenerateDataKeyPair', true],
      ['GenerateDataKeyPairWithoutPlaintext', true],
    ] as const
  ).map(([operation, aliases]) => [operation, unsupportedForCustomStoreKeys(operation, aliases)]),
);
