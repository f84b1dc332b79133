import type { ConnectionState } from './types.js';

/** What Connect does from each state (spec §4, §8.5). */
export const CONNECT_FROM: Readonly<Record<ConnectionState, 'start' | 'no-op' | 'reject'>> = {
  DISCONNECTED: 'start',
  CONNECTING: 'no-op',
  CONNECTED: 'no-op',
  FAILED: 'reject',
  DISCONNECTING: 'reject',
};

/** What Disconnect does from each state (spec §4). */
export const DISCONNECT_FROM: Readonly<Record<ConnectionState, 'start' | 'reject'>> = {
  DISCONNECTED: 'reject',
  CONNECTING: 'start',
  CONNECTED: 'start',
  FAILED: 'start',
  DISCONNECTING: 'reject',
};

/** Every legal (from → to) change of `ConnectionState`, for invariant checks. */
export const LEGAL_TRANSITIONS: ReadonlySet<string> = new Set([
  'DISCONNECTED->CONNECTING',
  'CONNECTING->CONNECTED',
  'CONNECTING->FAILED',
  'CONNECTING->DISCONNECTING',
  'CONNECTED->DISCONNECTING',
  'FAILED->DISCONNECTING',
  'DISCONNECTING->DISCONNECTED',
]);

export const CONNECTION_STATES: readonly ConnectionState[] = [
  'CONNECTED',
  'CONNECTING',
  'FAILED',
  'DISCONNECTED',
  'DISCONNECTING',
];
