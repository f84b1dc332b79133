// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import type { Input, Output } from './common.js';
import { refuseRecipient } from './keys/crypto.js';
import { generateDataKey as newDataKey } from './keys/data-key.js';

export function generateDataKey(engine: Engine, ctx: CallContext, input: Input): Output {
  refuseRecipient(input);
  const { plaintext, ciphertext, keyArn } = newDataKey(engine, ctx, input);
  return { CiphertextBlob: ciphertext, Plaintext: plaintext.toString('base64'), KeyId: keyArn };
}
