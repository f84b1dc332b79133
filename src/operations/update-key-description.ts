// https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { changeableKey } from './keys/managed-key.js';

export function updateKeyDescription(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = changeableKey(engine, ctx, str(input, 'KeyId') as string);
  key.description = str(input, 'Description') ?? '';
  return {};
}
