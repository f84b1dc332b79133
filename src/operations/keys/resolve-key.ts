import type { Engine } from '../../engine/engine.js';
import type { KeyRecord } from '../../engine/keys/key-types.js';
import type { CallContext } from '../../engine/types.js';
import { aliasArn, keyArn, parseKeyReference } from './key-arn.js';
import { keyErrors } from './key-errors.js';

/**
 * The key a `KeyId` member names, in the caller's account and Region, or `NotFoundException` with AWS's
 * wording. Operations that manage a key (Enable, Disable, ScheduleKeyDeletion, tags, ...) take only a key id
 * or key ARN, as on AWS (`aliases: false`); operations that use a key (DescribeKey, Encrypt, ...) also take
 * an alias name or alias ARN.
 */
export function resolveKey(engine: Engine, ctx: CallContext, value: string, options: { aliases: boolean }): KeyRecord {
  const ref = parseKeyReference(value);
  switch (ref.kind) {
    case 'key-id':
      return engine.keys.get(ctx, ref.keyId) ?? notFound(keyErrors.keyNotFound(keyArn(ctx, ref.keyId)));
    case 'key-arn': {
      const key = engine.keys.get(ctx, ref.keyId);
      if (key && key.account === ref.account && key.region === ref.region) return key;
      throw keyErrors.keyNotFound(value);
    }
    case 'alias':
    case 'alias-arn': {
      if (!options.aliases) throw keyErrors.invalidKeyId(value);
      const inScope = ref.kind === 'alias' || (ref.account === ctx.account && ref.region === ctx.region);
      const alias = inScope ? engine.keys.alias(ctx, ref.aliasName) : undefined;
      const key = alias && engine.keys.get(ctx, alias.targetKeyId);
      if (!key) throw keyErrors.aliasNotFound(ref.kind === 'alias' ? aliasArn(ctx, ref.aliasName) : value);
      return key;
    }
    case 'invalid':
      throw keyErrors.invalidKeyId(value);
  }
}

function notFound(error: Error): never {
  throw error;
}
