import type { StoreRecord } from '../types.js';
import type { KeyRecord, KeyState } from './key-types.js';

/**
 * The one place where a store's connection state meets its keys' state (spec §6). A key's `KeyState` is
 * derived on every read instead of being copied into each key when the store changes, so:
 * - a key pending deletion stays `PendingDeletion` whatever its store does;
 * - a key in a custom key store that is not CONNECTED (disconnected, connecting, failed, disconnecting) is
 *   `Unavailable`;
 * - when the store is CONNECTED again, the key is what it was (`Enabled` / `Disabled`), including an
 *   EnableKey or DisableKey accepted while it was `Unavailable`.
 */
export function keyState(key: KeyRecord, store: StoreRecord | undefined): KeyState {
  if (key.deletionDate !== undefined) return 'PendingDeletion';
  if (key.storeId !== undefined && store?.state !== 'CONNECTED') return 'Unavailable';
  return key.enabled ? 'Enabled' : 'Disabled';
}
