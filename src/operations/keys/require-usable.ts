import type { Engine } from '../../engine/engine.js';
import type { KeyRecord } from '../../engine/keys/key-types.js';
import { keyErrors } from './key-errors.js';
import { stateOf } from './key-metadata.js';

/**
 * A cryptographic operation may use the key only when it is `Enabled` (spec §6): Disabled is
 * `DisabledException`, PendingDeletion and Unavailable are `KMSInvalidStateException`.
 */
export function requireUsable(engine: Engine, key: KeyRecord): void {
  const state = stateOf(engine, key);
  if (state === 'Enabled') return;
  if (state === 'Disabled') throw keyErrors.disabled(key.arn);
  if (state === 'PendingDeletion') throw keyErrors.pendingDeletion(key.arn);
  throw keyErrors.unavailable(key.arn);
}
