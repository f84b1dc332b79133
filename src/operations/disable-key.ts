// https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { keyErrors } from './keys/key-errors.js';
import { resolveKey } from './keys/resolve-key.js';

/** On an Unavailable key it succeeds and takes effect when the store is CONNECTED again (spec §6). */
export function disableKey(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = resolveKey(engine, ctx, str(input, 'KeyId') as string, { aliases: false });
  if (key.deletionDate !== undefined) throw keyErrors.pendingDeletion(key.arn);
  key.enabled = false;
  return {};
}
