/** One entry of the call journal: a call the fake answered, or an injection a test made. */
export type JournalEntry = CallEntry | InjectionEntry;

export interface CallEntry {
  kind: 'call';
  /** KMS operation name, e.g. `ConnectCustomKeyStore`. */
  operation: string;
  /** The request as received, with `KeyStorePassword` and `RawSecretAccessKey` redacted. */
  input: Record<string, unknown>;
  /** The plain output on success. */
  output?: Record<string, unknown>;
  /** The wire error on failure. */
  error?: { code: string; message: string; httpStatus: number };
  account: string;
  region: string;
  requestId: string;
  /** Epoch milliseconds on the fake's clock. */
  time: number;
}

export interface InjectionEntry {
  kind: 'injection';
  /** What was injected, e.g. `failNextConnect`. */
  injection: string;
  details: Record<string, unknown>;
  time: number;
}

export const REDACTED = '**redacted**';
// `Plaintext` is data the caller encrypts and data keys KMS returns: never journaled (issue 11).
const SECRET_MEMBERS = new Set(['KeyStorePassword', 'RawSecretAccessKey', 'Plaintext']);
/** Members that hold a secret inside; a value of the wrong type there (a string, a list) may be the secret itself. */
const SECRET_HOLDERS = new Set(['XksProxyAuthenticationCredential']);

/** A deep copy with every secret member replaced, for the journal and for logs. */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactSecrets) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const present = v !== undefined && v !== null;
    const misshapenHolder = SECRET_HOLDERS.has(k) && present && (typeof v !== 'object' || Array.isArray(v));
    out[k] = (SECRET_MEMBERS.has(k) && present) || misshapenHolder ? REDACTED : redactSecrets(v);
  }
  return out as T;
}
