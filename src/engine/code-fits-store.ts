import { FakeKmsUsageError } from '../errors/kms-error.js';
import { CLOUDHSM_CONNECTION_ERROR_CODES, XKS_CONNECTION_ERROR_CODES } from '../world/spec/connection-error-codes.js';
import type { ConnectionErrorCode, StoreRecord } from './types.js';

/**
 * The API Reference splits ConnectionErrorCode by store type; a CloudHSM store never shows an XKS_* code and
 * an external key store never shows USER_LOCKED_OUT. A control method asked for one is misused: refuse it
 * loudly rather than put a store in a state AWS cannot produce. Other argument checks live elsewhere.
 */
export function requireCodeOfStoreType(method: string, store: StoreRecord, code: ConnectionErrorCode): void {
  const codes: readonly string[] =
    store.type === 'AWS_CLOUDHSM' ? CLOUDHSM_CONNECTION_ERROR_CODES : XKS_CONNECTION_ERROR_CODES;
  if (typeof code !== 'string' || codes.includes(code)) return;
  throw new FakeKmsUsageError(
    `${method}: ${code} is not a connection error code of ${store.type} stores, and store ${store.id} is one. Use one of: ${codes.join(', ')}.`,
  );
}
