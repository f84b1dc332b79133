// https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { checkAlgorithm, contextOf, decryptBlob, refuseRecipient, requiredBlob, stopIfDryRun } from './keys/crypto.js';

export function decrypt(engine: Engine, ctx: CallContext, input: Input): Output {
  refuseRecipient(input);
  const { key, plaintext } = decryptBlob(
    engine,
    ctx,
    requiredBlob(input, 'CiphertextBlob'),
    contextOf(input.EncryptionContext),
    str(input, 'KeyId'),
  );
  checkAlgorithm(key, input);
  stopIfDryRun(input);
  return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
}
