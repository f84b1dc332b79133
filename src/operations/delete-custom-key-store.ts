// https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteCustomKeyStore.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { findStore, type Input, type Output, requireState, str } from './common.js';

export function deleteCustomKeyStore(engine: Engine, ctx: CallContext, input: Input): Output {
  const store = findStore(engine, ctx, str(input, 'CustomKeyStoreId') as string);
  requireState(store, ['DISCONNECTED'], 'Disconnect it and wait until it is DISCONNECTED before you delete it.');
  // Keys pending deletion count too: the store can go once their waiting periods have ended (spec §6).
  const keyCount = engine.keys.countInStore(store.id);
  if (keyCount > 0) {
    throw new KmsError(
      'CustomKeyStoreHasCMKsException',
      `Custom key store '${store.id}' still contains ${keyCount} KMS key(s). Schedule deletion of every KMS key in it and wait until they are deleted before you delete the custom key store.`,
    );
  }
  engine.registry.delete(store);
  return {};
}
