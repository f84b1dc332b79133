// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { pageOf } from './keys/paging.js';
import { resolveKey } from './keys/resolve-key.js';

/** Tags in the order they were first set; works in any key state. */
export function listResourceTags(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = resolveKey(engine, ctx, str(input, 'KeyId') as string, { aliases: false });
  const tags = [...(key.tags ?? [])].map(([TagKey, TagValue], i) => ({ seq: i + 1, TagKey, TagValue }));
  const { items, paging } = pageOf(engine, ctx, input, `ListResourceTags ${key.id}`, (after, limit) => {
    const rest = tags.filter((t) => t.seq > after);
    return { items: rest.slice(0, limit), truncated: rest.length > limit };
  });
  return { Tags: items.map(({ TagKey, TagValue }) => ({ TagKey, TagValue })), ...paging };
}
