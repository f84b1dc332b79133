// https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import {
  checkAlgorithm,
  contextOf,
  decryptBlob,
  encryptUnder,
  requiredBlob,
  stopIfDryRun,
  usableKey,
} from './keys/crypto.js';

/** Decrypt under the source key and encrypt under the destination key; the plaintext never leaves the fake. */
export function reEncrypt(engine: Engine, ctx: CallContext, input: Input): Output {
  const source = decryptBlob(
    engine,
    ctx,
    requiredBlob(input, 'CiphertextBlob'),
    contextOf(input.SourceEncryptionContext),
    str(input, 'SourceKeyId'),
  );
  checkAlgorithm(source.key, input, 'SourceEncryptionAlgorithm');
  const destination = usableKey(engine, ctx, str(input, 'DestinationKeyId') as string);
  checkAlgorithm(destination, input, 'DestinationEncryptionAlgorithm');
  stopIfDryRun(input);
  const blob = encryptUnder(engine, destination, contextOf(input.DestinationEncryptionContext), source.plaintext);
  source.plaintext.fill(0);
  return {
    CiphertextBlob: blob,
    SourceKeyId: source.key.arn,
    KeyId: destination.arn,
    SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
}
