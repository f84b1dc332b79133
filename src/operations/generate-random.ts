// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html
import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { RULES, validationMessage, violationEntry } from '../validation/messages.js';
import { findStore, type Input, invalidState, type Output, str } from './common.js';
import { refuseRecipient } from './keys/crypto.js';

/**
 * Random bytes from `node:crypto`. With `CustomKeyStoreId` (spec §6): an unknown id is not found, an external
 * key store is `UnsupportedOperationException`, and a CloudHSM store must be CONNECTED.
 */
export function generateRandom(engine: Engine, ctx: CallContext, input: Input): Output {
  if (typeof input.NumberOfBytes !== 'number') {
    throw new KmsError(
      'ValidationException',
      validationMessage([violationEntry('numberOfBytes', null, RULES.required())]),
    );
  }
  refuseRecipient(input);
  const storeId = str(input, 'CustomKeyStoreId');
  if (storeId !== undefined) {
    const store = findStore(engine, ctx, storeId);
    if (store.type === 'EXTERNAL_KEY_STORE') {
      throw new KmsError(
        'UnsupportedOperationException',
        `GenerateRandom does not support external key stores. Custom key store '${store.id}' is an external key store.`,
      );
    }
    if (store.state !== 'CONNECTED') throw invalidState(store, 'Connect it before you generate random bytes in it.');
  }
  return { Plaintext: randomBytes(input.NumberOfBytes).toString('base64') };
}
