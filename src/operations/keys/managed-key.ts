import type { Engine } from '../../engine/engine.js';
import type { KeyRecord } from '../../engine/keys/key-types.js';
import type { CallContext } from '../../engine/types.js';
import { keyErrors } from './key-errors.js';
import { resolveKey } from './resolve-key.js';

/**
 * The key a management operation changes (tags, description): named by key id or key ARN, and not pending
 * deletion. An Unavailable key can be changed (spec §6).
 */
export function changeableKey(engine: Engine, ctx: CallContext, keyId: string): KeyRecord {
  const key = resolveKey(engine, ctx, keyId, { aliases: false });
  if (key.deletionDate !== undefined) throw keyErrors.pendingDeletion(key.arn);
  return key;
}
