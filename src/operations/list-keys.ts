// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import type { Input, Output } from './common.js';
import { pageOf } from './keys/paging.js';

/** Every key of the account and Region, pending deletion and unavailable ones too, in creation order. */
export function listKeys(engine: Engine, ctx: CallContext, input: Input): Output {
  const { items, paging } = pageOf(engine, ctx, input, 'ListKeys', (after, limit) =>
    engine.keys.page(ctx, after, limit),
  );
  return { Keys: items.map((k) => ({ KeyId: k.id, KeyArn: k.arn })), ...paging };
}
