import { randomBytes } from 'node:crypto';
import type { Engine } from '../../engine/engine.js';
import type { CallContext } from '../../engine/types.js';
import { KmsError } from '../../errors/kms-error.js';
import { type Input, str } from '../common.js';
import { contextOf, encryptUnder, stopIfDryRun, usableKey } from './crypto.js';

const KEY_SPEC_BYTES: Readonly<Record<string, number>> = { AES_256: 32, AES_128: 16 };

/** A new data key, in plaintext and encrypted under the KMS key (GenerateDataKey and ...WithoutPlaintext). */
export function generateDataKey(
  engine: Engine,
  ctx: CallContext,
  input: Input,
): { plaintext: Buffer; ciphertext: string; keyArn: string } {
  const bytes = typeof input.NumberOfBytes === 'number' ? input.NumberOfBytes : undefined;
  const spec = str(input, 'KeySpec');
  if ((bytes === undefined) === (spec === undefined)) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  const key = usableKey(engine, ctx, str(input, 'KeyId') as string);
  stopIfDryRun(input);
  const plaintext = randomBytes(bytes ?? (KEY_SPEC_BYTES[spec as string] as number));
  const ciphertext = encryptUnder(engine, key, contextOf(input.EncryptionContext), plaintext);
  return { plaintext, ciphertext, keyArn: key.arn };
}
