// https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { changeableKey } from './keys/managed-key.js';

/** Tag keys the key does not have are ignored, as on AWS. */
export function untagResource(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = changeableKey(engine, ctx, str(input, 'KeyId') as string);
  for (const tagKey of (input.TagKeys as string[] | undefined) ?? []) key.tags?.delete(tagKey);
  return {};
}
