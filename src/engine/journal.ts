import { outputMayHoldSecrets, reviveOutput, SECRET_MEMBERS } from './journal-output.js';

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

/** Marks a call entry whose output was encoded for the wire since it was last read (a symbol: no copy shows it). */
const ENCODED = Symbol('fake-kms.encodedOutput');
type Encoded = CallEntry & { [ENCODED]?: boolean };

/** How many entries a journal keeps by default: every call of an ordinary test, many times over. */
export const DEFAULT_JOURNAL_LIMIT = 10_000;

/**
 * The call journal: the newest `limit` entries in a ring, plus exact counts of every call ever made per
 * operation, so `toHaveReceivedKmsCallTimes(op, n)` stays exact after old entries were dropped and a matcher
 * that would need a dropped entry can say so. Memory is bounded by `limit`, not by how long a suite runs.
 *
 * @example
 * const journal = new Journal(1_000);
 * journal.push(entry);
 * journal.callCount('DescribeCustomKeyStores'); // exact, dropped entries included
 */
export class Journal {
  private ring: JournalEntry[] = [];
  /** Where the oldest entry sits once the ring is full. */
  private start = 0;
  private readonly counts = new Map<string, number>();
  private totalCalls = 0;
  private droppedCalls = new Map<string, number>();
  private droppedEntries = 0;

  constructor(readonly limit: number = DEFAULT_JOURNAL_LIMIT) {}

  push(entry: JournalEntry): void {
    if (entry.kind === 'call') {
      this.counts.set(entry.operation, (this.counts.get(entry.operation) ?? 0) + 1);
      this.totalCalls += 1;
    }
    if (this.ring.length < this.limit) {
      this.ring.push(entry);
      return;
    }
    const oldest = this.ring[this.start] as JournalEntry;
    this.droppedEntries += 1;
    if (oldest.kind === 'call')
      this.droppedCalls.set(oldest.operation, (this.droppedCalls.get(oldest.operation) ?? 0) + 1);
    this.ring[this.start] = entry;
    this.start = (this.start + 1) % this.limit;
  }

  /**
   * Record a call's output, secrets redacted. The output goes on to be encoded for the wire, which turns its
   * timestamps into numbers in place (fast `JSON.stringify`, objects shared, no copy); the entry is marked so
   * that the first read turns them back into `Date`s from the model.
   */
  recordOutput(entry: CallEntry, output: Record<string, unknown>): void {
    entry.output = outputMayHoldSecrets(entry.operation) ? redactSecrets(output) : output;
    (entry as Encoded)[ENCODED] = true;
  }

  /** The kept entries, oldest first, as the journal holds them (callers inside fake-kms must not change them). */
  entries(): JournalEntry[] {
    const entries =
      this.start === 0 ? this.ring.slice() : this.ring.slice(this.start).concat(this.ring.slice(0, this.start));
    for (const entry of entries) {
      if (entry.kind === 'call' && (entry as Encoded)[ENCODED] && entry.output) {
        reviveOutput(entry.operation, entry.output);
        (entry as Encoded)[ENCODED] = false;
      }
    }
    return entries;
  }

  /** Every call ever made (of one operation), dropped or kept. */
  callCount(operation?: string): number {
    return operation === undefined ? this.totalCalls : (this.counts.get(operation) ?? 0);
  }

  /** Calls (of one operation) whose entries were dropped to keep the journal within its limit. */
  droppedCallCount(operation?: string): number {
    if (operation !== undefined) return this.droppedCalls.get(operation) ?? 0;
    let total = 0;
    for (const n of this.droppedCalls.values()) total += n;
    return total;
  }

  /** How many entries are kept now. */
  get length(): number {
    return this.ring.length;
  }

  /** Entries of any kind dropped so far. */
  get dropped(): number {
    return this.droppedEntries;
  }

  clear(): void {
    this.ring = [];
    this.start = 0;
    this.counts.clear();
    this.totalCalls = 0;
    this.droppedCalls = new Map();
    this.droppedEntries = 0;
  }
}

/**
 * A deep copy of journal data for a caller outside the fake, so no test can empty or forge the journal.
 * Keys are copied as own data properties (a `__proto__` member stays a member, never a prototype).
 */
export function copyJournalValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJournalValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // a class instance (e.g. a command class)
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    defineMember(out, key, copyJournalValue((value as Record<string, unknown>)[key]));
  return out as T;
}

export const REDACTED = '**redacted**';
/** Members that hold a secret inside; a value of the wrong type there (a string, a list) may be the secret itself. */
const SECRET_HOLDERS = new Set(['XksProxyAuthenticationCredential']);

/**
 * The value with every secret member replaced, for the journal and for logs. It copies only the objects on
 * the way to a secret and shares the rest, so journaling a request without secrets allocates nothing.
 */
export function redactSecrets<T>(value: T): T {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const redacted = redactSecrets(value[i]);
      if (redacted !== value[i]) {
        out ??= value.slice();
        out[i] = redacted;
      }
    }
    return (out ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const v = record[key];
    const present = v !== undefined && v !== null;
    const misshapenHolder = SECRET_HOLDERS.has(key) && present && (typeof v !== 'object' || Array.isArray(v));
    const redacted = (SECRET_MEMBERS.has(key) && present) || misshapenHolder ? REDACTED : redactSecrets(v);
    if (redacted !== v) {
      out ??= { ...record }; // spread defines own properties: a `__proto__` member stays a member
      if (key === '__proto__') defineMember(out, key, redacted);
      else out[key] = redacted;
    }
  }
  return (out ?? value) as T;
}

/** `target[key] = value`, except that `__proto__` becomes an own member instead of changing the prototype. */
function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
