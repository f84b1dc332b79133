// https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { keyErrors } from './keys/key-errors.js';
import { resolveKey } from './keys/resolve-key.js';

/** A cancelled key is Disabled, as on AWS (Unavailable while its store is not CONNECTED). */
export function cancelKeyDeletion(engine: Engine, ctx: CallContext, input: Input): Output {
  const key = resolveKey(engine, ctx, str(input, 'KeyId') as string, { aliases: false });
  if (key.deletionDate === undefined) throw keyErrors.notPendingDeletion(key.arn);
  delete key.deletionDate;
  delete key.pendingWindowInDays;
  key.enabled = false;
  engine.keys.deletionChanged(key);
  return { KeyId: key.arn };
}
