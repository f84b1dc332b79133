import type { CallEntry, StoreSeed } from '../../index.js';

const SECRET_MEMBERS = new Set(['KeyStorePassword', 'RawSecretAccessKey', 'XksProxyRawSecretAccessKey']);

/**
 * A value as one line of readable JSON for failure messages. Secret members are masked even in the
 * expected value a test wrote, so no failure message ever carries a password.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (key, v) => {
    if (SECRET_MEMBERS.has(key) && v !== undefined && v !== null) return '**redacted**';
    if (isAsymmetricMatcher(v)) return `<${asymmetricName(v)}>`;
    return v;
  });
}

/** One store as a person reads it: id, name, type, state (and error code), account/Region. */
export function describeStore(store: StoreSeed): string {
  const state = store.ConnectionErrorCode
    ? `${store.ConnectionState} (${store.ConnectionErrorCode})`
    : `${store.ConnectionState}`;
  return `${store.CustomKeyStoreId} "${store.CustomKeyStoreName}" ${store.CustomKeyStoreType} ${state} in ${store.Account}/${store.Region}`;
}

export function describeStores(stores: readonly StoreSeed[]): string {
  if (stores.length === 0) return 'The fake holds no stores.';
  return `The fake holds:\n${stores.map((s) => `  - ${describeStore(s)}`).join('\n')}`;
}

/** One journaled call: its input and how it ended. */
export function describeCall(call: CallEntry, index: number): string {
  const outcome = call.error ? `failed with ${call.error.code}` : 'succeeded';
  return `  ${index + 1}. ${call.operation} ${describeValue(call.input)} (${outcome})`;
}

function isAsymmetricMatcher(v: unknown): v is { asymmetricMatch: unknown } {
  return (
    typeof v === 'object' && v !== null && typeof (v as { asymmetricMatch?: unknown }).asymmetricMatch === 'function'
  );
}

function asymmetricName(v: object): string {
  const described = (v as { toString?: () => string }).toString?.();
  return described && described !== '[object Object]' ? described : (v.constructor?.name ?? 'asymmetric matcher');
}
