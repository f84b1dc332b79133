// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html
import type { Engine } from '../engine/engine.js';
import { aliasArnOf } from '../engine/keys/partition.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { pageOf } from './keys/paging.js';
import { resolveKey } from './keys/resolve-key.js';

/**
 * The customer aliases of the account and Region in creation order (fake-kms has no AWS managed keys, so no
 * `alias/aws/...` entries), or of one key (named by key id or key ARN).
 */
export function listAliases(engine: Engine, ctx: CallContext, input: Input): Output {
  const keyId = str(input, 'KeyId');
  const key = keyId === undefined ? undefined : resolveKey(engine, ctx, keyId, { aliases: false });
  const { items, paging } = pageOf(engine, ctx, input, 'ListAliases', (after, limit) => {
    if (!key) return engine.keys.aliasPage(ctx, after, limit);
    const rest = engine.keys.aliasesOf(key.id).filter((a) => a.seq > after);
    return { items: rest.slice(0, limit), truncated: rest.length > limit };
  });
  return {
    Aliases: items.map((a) => ({
      AliasName: a.name,
      AliasArn: aliasArnOf(a.account, a.region, a.name),
      TargetKeyId: a.targetKeyId,
      CreationDate: new Date(a.creationDate),
      LastUpdatedDate: new Date(a.lastUpdatedDate),
    })),
    ...paging,
  };
}
