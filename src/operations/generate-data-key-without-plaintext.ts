// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import type { Input, Output } from './common.js';
import { generateDataKey } from './keys/data-key.js';

export function generateDataKeyWithoutPlaintext(engine: Engine, ctx: CallContext, input: Input): Output {
  const { plaintext, ciphertext, keyArn } = generateDataKey(engine, ctx, input);
  plaintext.fill(0);
  return { CiphertextBlob: ciphertext, KeyId: keyArn };
}
