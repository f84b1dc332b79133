// https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { checkAlgorithm, contextOf, encryptUnder, stopIfDryRun, usableKey } from './keys/crypto.js';

export function encrypt(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = usableKey(engine, ctx, str(input, 'KeyId') as string);
  checkAlgorithm(key, input);
  stopIfDryRun(input);
  const plaintext = Buffer.from(str(input, 'Plaintext') as string, 'base64');
  return {
    CiphertextBlob: encryptUnder(engine, key, contextOf(input.EncryptionContext), plaintext),
    KeyId: key.arn,
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
}
