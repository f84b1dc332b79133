// https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { changeableKey } from './keys/managed-key.js';
import { tagsFrom } from './keys/tags.js';

/** A tag key that exists gets the new value. */
export function tagResource(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = changeableKey(engine, ctx, str(input, 'KeyId') as string);
  const tags = tagsFrom(input.Tags);
  key.tags ??= new Map();
  for (const [k, v] of tags) key.tags.set(k, v);
  return {};
}
