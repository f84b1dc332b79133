// https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { keyMetadata } from './keys/key-metadata.js';
import { resolveKey } from './keys/resolve-key.js';

export function describeKey(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = resolveKey(engine, ctx, str(input, 'KeyId') as string, { aliases: true });
  return { KeyMetadata: keyMetadata(engine, key) };
}
