// https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { RULES, validationMessage, violationEntry } from '../validation/messages.js';
import { type Input, type Output, str } from './common.js';
import { keyErrors } from './keys/key-errors.js';
import { resolveKey } from './keys/resolve-key.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The waiting period runs on the fake's clock; when it ends the key is deleted for real (with its aliases
 * and material). Works while the key is Unavailable (spec §6). The model allows 1–365 days; KMS itself
 * enforces 7–30 with a Coral-style ValidationException.
 */
export function scheduleKeyDeletion(engine: Engine, ctx: CallContext, input: Input): Output {
  const days = typeof input.PendingWindowInDays === 'number' ? input.PendingWindowInDays : 30;
  if (days < 7 || days > 30) {
    const rule = days < 7 ? RULES['range-min'](7) : RULES['range-max'](30);
    throw new KmsError(
      'ValidationException',
      validationMessage([violationEntry('pendingWindowInDays', String(days), rule)]),
    );
  }
  const key = resolveKey(engine, ctx, str(input, 'KeyId') as string, { aliases: false });
  if (key.deletionDate !== undefined) throw keyErrors.pendingDeletion(key.arn);
  key.deletionDate = engine.clock() + days * DAY_MS;
  key.pendingWindowInDays = days;
  engine.keys.deletionChanged(key);
  return {
    KeyId: key.arn,
    DeletionDate: new Date(key.deletionDate),
    KeyState: 'PendingDeletion',
    PendingWindowInDays: days,
  };
}
