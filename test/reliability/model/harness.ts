/**
 * The harness of the state-machine property: how a step runs on the model and on the fake, how their outcomes
 * and states are compared, and how steps name their targets ("the 2nd live store"), resolved against the model
 * when the step runs, so that shrinking keeps sequences meaningful.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  BAD_OWNER,
  INVALID_ID,
  NAMES,
  OTHER_OWNER,
  SCOPE_NAMES,
  SCOPES,
  type Scope,
  UNKNOWN_ID,
  VALID_NAMES,
} from './pools.js';
import { describeEntry, type ModelStore, type Outcome, type ReferenceModel } from './reference-model.js';
import type { System } from './system.js';

export type Input = Record<string, unknown>;

/** How often each operation ended each way, across the whole property run (printed, to show coverage). */
export const OUTCOMES = new Map<string, number>();

export type Step = fc.AsyncCommand<ReferenceModel, System>;

// ---- running and comparing ----

export function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text !== undefined && text.length > 40 ? `${text.slice(0, 12)}…(${text.length} chars)` : String(text);
}

function compare(expected: unknown, actual: unknown, where: string, r: System): void {
  if (isDeepStrictEqual(expected, actual)) return;
  throw new Error(
    `${where}: the fake differs from the reference model.\n  model: ${JSON.stringify(expected)}\n  fake:  ${JSON.stringify(actual)}\n` +
      `steps of this run (fake ids → model ids: ${JSON.stringify(Object.fromEntries(r.midOf))}):\n    ${r.trace.join('\n    ')}`,
  );
}

async function verifyAll(m: ReferenceModel, r: System): Promise<void> {
  for (const scope of SCOPE_NAMES) {
    compare(m.call(scope, 'DescribeCustomKeyStores', {}), await r.rawDescribe(scope), `full Describe of ${scope}`, r);
  }
  // fake.stores() is the seed form of every store (what snapshots are made of); after the Describes above every
  // due transition has settled, so it must show the model's state too, and load back as valid seeds.
  m.keys.purge(m.now);
  compare(
    m.stores.map((s) => seedView(s, s.keyCount + m.keys.countIn(s.mid))),
    r.storesView(),
    'fake.stores()',
    r,
  );
  if (r.illegal.length > 0) compare([], r.illegal, 'transitions outside the spec §4 table', r);
}

function seedView(s: ModelStore, keyCount: number): Input {
  const view: Input = {
    id: s.mid,
    CustomKeyStoreName: s.name,
    CustomKeyStoreType: s.type,
    ConnectionState: s.state,
    created: s.created,
    Account: SCOPES[s.scope].account,
    Region: SCOPES[s.scope].region,
  };
  if (s.state === 'FAILED') view.ConnectionErrorCode = s.errorCode;
  if (keyCount > 0) view.KeyCount = keyCount;
  if (s.hsm) {
    view.CloudHsmClusterId = s.hsm.clusterId;
    view.TrustAnchorCertificate = s.hsm.trustAnchor;
  }
  if (s.xks)
    view.XksProxyConfiguration = (describeEntry(s) as { XksProxyConfiguration: unknown }).XksProxyConfiguration;
  return view;
}

export class StepCommand implements Step {
  constructor(
    private readonly label: string,
    private readonly body: (m: ReferenceModel, r: System) => Promise<string> | string,
  ) {}
  check(): boolean {
    return true;
  }
  async run(m: ReferenceModel, r: System): Promise<void> {
    r.trace.push(this.label);
    const detail = await this.body(m, r);
    r.trace[r.trace.length - 1] = `${this.label}${detail ? ` ⇒ ${detail}` : ''}`;
    await verifyAll(m, r);
  }
  toString(): string {
    return this.label;
  }
}

export async function callBoth(
  m: ReferenceModel,
  r: System,
  scope: Scope,
  operation: string,
  input: Input,
): Promise<string> {
  const expected: Outcome = m.call(scope, operation, input);
  const actual = await r.call(scope, operation, input);
  if (operation === 'CreateCustomKeyStore' && 'ok' in expected && 'ok' in actual) {
    const id = r.lastCreated;
    if (!id || !/^cks-[0-9a-f]{17}$/.test(id)) compare('cks-<17 hex>', id, 'CreateCustomKeyStore id (§8.11)', r);
    r.register(expected.ok.CustomKeyStoreId as string, id as string);
    actual.ok.CustomKeyStoreId = expected.ok.CustomKeyStoreId;
  }
  if (operation === 'CreateKey' && 'ok' in expected && 'ok' in actual) {
    r.registerKey(expected.ok.KeyId as string, actual.ok.KeyId as string);
    actual.ok.KeyId = expected.ok.KeyId;
  }
  compare(expected, actual, `${operation} in ${scope}`, r);
  const key = `${operation.replace('CustomKeyStores', '').replace('CustomKeyStore', '')} → ${'error' in expected ? expected.error : 'ok'}`;
  OUTCOMES.set(key, (OUTCOMES.get(key) ?? 0) + 1);
  return 'error' in expected ? expected.error : `ok ${short(expected.ok)}`;
}

// ---- targets ----

export type Target = { kind: 'live' | 'any'; n: number } | { kind: 'unknown' | 'invalid' };

export const targetArb: fc.Arbitrary<Target> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('live' as const), n: fc.nat(7) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('any' as const), n: fc.nat(15) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'invalid' as const }) },
);

export function showTarget(t: Target): string {
  return 'n' in t ? `${t.kind}#${t.n}` : t.kind;
}

/**
 * The id a step acts on, and the scope it calls in. A live target is a store that exists now, called in its
 * own scope; the others are called in the step's scope: any id issued since the last reset (deleted, or
 * living in another scope: spec §8.17 isolation), an id no store has, and one too long to be valid.
 */
export function resolve(
  m: ReferenceModel,
  scope: Scope,
  t: Target,
  prefer?: (s: ModelStore) => boolean,
): { scope: Scope; id: string } {
  if (t.kind === 'unknown') return { scope, id: UNKNOWN_ID };
  if (t.kind === 'invalid') return { scope, id: INVALID_ID };
  if (t.kind === 'any')
    return { scope, id: m.known.length > 0 ? (m.known[t.n % m.known.length] as string) : UNKNOWN_ID };
  const preferred = prefer ? m.stores.filter(prefer) : m.stores;
  const pool = preferred.length > 0 ? preferred : m.stores;
  const store = pool[(t as { n: number }).n % Math.max(pool.length, 1)];
  return store ? { scope: store.scope, id: store.mid } : { scope, id: UNKNOWN_ID };
}

/** An index into a pool whose first `valid` entries are valid: mostly valid, sometimes not. */
export function pick(valid: number, total: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 0, max: valid - 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: valid, max: total - 1 }) },
  );
}

export const scopeArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Scope>('A') },
  { weight: 2, arbitrary: fc.constant<Scope>('B') },
  { weight: 2, arbitrary: fc.constant<Scope>('C') },
);
export const nameArb = pick(VALID_NAMES, NAMES.length);
export const ownerArb = fc.constantFrom('caller', 'caller', 'other', 'bad');
export const owner = (scope: Scope, o: string) =>
  o === 'caller' ? SCOPES[scope].account : o === 'other' ? OTHER_OWNER : BAD_OWNER;
/** `arb` with the given probability (in percent), else undefined. */
export const maybe = <T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: arb });
