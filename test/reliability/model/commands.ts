/**
 * The steps of the state-machine property, as fast-check commands. Each step runs on the reference model
 * and, through a real KMSClient, on the fake; the outcomes (output or error name) must be equal, and then
 * so must a full Describe of every scope. Steps name their targets by position ("the 2nd live store of
 * scope A"), resolved against the model when the step runs, so that shrinking keeps sequences meaningful.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  BAD_OWNER,
  CLUSTERS,
  CREDENTIALS,
  ENDPOINTS,
  ERROR_CODES,
  INVALID_ID,
  NAMES,
  OTHER_OWNER,
  PASSWORDS,
  PATHS,
  SCOPE_NAMES,
  SCOPES,
  type Scope,
  TRUST_ANCHOR,
  UNKNOWN_ID,
  VALID_NAMES,
  vpcServices,
} from './pools.js';
import { describeEntry, type ModelStore, type Outcome, type ReferenceModel, type State } from './reference-model.js';
import type { System } from './system.js';

type Input = Record<string, unknown>;

/** How often each operation ended each way, across the whole property run (printed, to show coverage). */
export const OUTCOMES = new Map<string, number>();

export type Step = fc.AsyncCommand<ReferenceModel, System>;

// ---- running and comparing ----

function short(value: unknown): string {
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
  compare(m.stores.map(seedView), r.storesView(), 'fake.stores()', r);
  if (r.illegal.length > 0) compare([], r.illegal, 'transitions outside the spec §4 table', r);
}

function seedView(s: ModelStore): Input {
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
  if (s.keyCount > 0) view.KeyCount = s.keyCount;
  if (s.hsm) {
    view.CloudHsmClusterId = s.hsm.clusterId;
    view.TrustAnchorCertificate = s.hsm.trustAnchor;
  }
  if (s.xks)
    view.XksProxyConfiguration = (describeEntry(s) as { XksProxyConfiguration: unknown }).XksProxyConfiguration;
  return view;
}

class StepCommand implements Step {
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

async function callBoth(m: ReferenceModel, r: System, scope: Scope, operation: string, input: Input): Promise<string> {
  const expected: Outcome = m.call(scope, operation, input);
  const actual = await r.call(scope, operation, input);
  if (operation === 'CreateCustomKeyStore' && 'ok' in expected && 'ok' in actual) {
    const id = r.lastCreated;
    if (!id || !/^cks-[0-9a-f]{17}$/.test(id)) compare('cks-<17 hex>', id, 'CreateCustomKeyStore id (§8.11)', r);
    r.register(expected.ok.CustomKeyStoreId as string, id as string);
    actual.ok.CustomKeyStoreId = expected.ok.CustomKeyStoreId;
  }
  compare(expected, actual, `${operation} in ${scope}`, r);
  const key = `${operation.replace('CustomKeyStores', '').replace('CustomKeyStore', '')} → ${'error' in expected ? expected.error : 'ok'}`;
  OUTCOMES.set(key, (OUTCOMES.get(key) ?? 0) + 1);
  return 'error' in expected ? expected.error : `ok ${short(expected.ok)}`;
}

// ---- targets ----

type Target = { kind: 'live' | 'any'; n: number } | { kind: 'unknown' | 'invalid' };

const targetArb: fc.Arbitrary<Target> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('live' as const), n: fc.nat(7) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('any' as const), n: fc.nat(15) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unknown' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'invalid' as const }) },
);

function showTarget(t: Target): string {
  return 'n' in t ? `${t.kind}#${t.n}` : t.kind;
}

/**
 * The id a step acts on, and the scope it calls in. A live target is a store that exists now, called in its
 * own scope; the others are called in the step's scope: any id issued since the last reset (deleted, or
 * living in another scope: spec §8.17 isolation), an id no store has, and one too long to be valid.
 */
function resolve(
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
function pick(valid: number, total: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 0, max: valid - 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: valid, max: total - 1 }) },
  );
}

const scopeArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Scope>('A') },
  { weight: 2, arbitrary: fc.constant<Scope>('B') },
  { weight: 2, arbitrary: fc.constant<Scope>('C') },
);
const nameArb = pick(VALID_NAMES, NAMES.length);
const ownerArb = fc.constantFrom('caller', 'caller', 'other', 'bad');
const owner = (scope: Scope, o: string) =>
  o === 'caller' ? SCOPES[scope].account : o === 'other' ? OTHER_OWNER : BAD_OWNER;
/** `arb` with the given probability (in percent), else undefined. */
const maybe = <T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: arb });

// ---- Create ----

const createArb = fc
  .record({
    scope: scopeArb,
    kind: fc.constantFrom('hsm', 'public', 'vpc'),
    name: nameArb,
    cluster: pick(2, 3),
    password: pick(3, 4),
    explicitType: fc.boolean(),
    endpoint: pick(3, 4),
    path: pick(3, 4),
    service: pick(2, 3),
    owner: maybe(ownerArb, 50),
    credential: pick(2, 3),
    mutation: fc.oneof(
      { weight: 25, arbitrary: fc.constant('none') },
      { weight: 1, arbitrary: fc.constantFrom('drop', 'foreign') },
    ),
  })
  .map((c) => {
    const input: Input = { CustomKeyStoreName: NAMES[c.name] };
    if (c.kind === 'hsm') {
      input.CloudHsmClusterId = CLUSTERS[c.scope][c.cluster];
      input.TrustAnchorCertificate = TRUST_ANCHOR;
      input.KeyStorePassword = PASSWORDS[c.password];
      if (c.explicitType) input.CustomKeyStoreType = 'AWS_CLOUDHSM';
      if (c.mutation === 'drop') delete input.TrustAnchorCertificate;
      if (c.mutation === 'foreign') input.XksProxyUriPath = PATHS[0];
    } else {
      input.CustomKeyStoreType = 'EXTERNAL_KEY_STORE';
      input.XksProxyConnectivity = c.kind === 'vpc' ? 'VPC_ENDPOINT_SERVICE' : 'PUBLIC_ENDPOINT';
      input.XksProxyUriEndpoint = ENDPOINTS[c.endpoint];
      input.XksProxyUriPath = PATHS[c.path];
      input.XksProxyAuthenticationCredential = CREDENTIALS[c.credential];
      if (c.kind === 'vpc') {
        input.XksProxyVpcEndpointServiceName = vpcServices(SCOPES[c.scope].region)[c.service];
        if (c.owner) input.XksProxyVpcEndpointServiceOwner = owner(c.scope, c.owner);
      }
      if (c.mutation === 'drop') delete input[c.kind === 'vpc' ? 'XksProxyVpcEndpointServiceName' : 'XksProxyUriPath'];
      if (c.mutation === 'foreign') {
        if (c.kind === 'vpc') input.KeyStorePassword = PASSWORDS[0];
        else input.XksProxyVpcEndpointServiceName = vpcServices(SCOPES[c.scope].region)[0];
      }
    }
    const shown = Object.entries(input)
      .filter(([k]) => k !== 'TrustAnchorCertificate')
      .map(([k, v]) => `${k.replace(/^XksProxy|^CustomKeyStore/, '')}=${short(v)}`)
      .join(' ');
    return new StepCommand(`Create[${c.scope}] ${shown}`, (m, r) =>
      callBoth(m, r, c.scope, 'CreateCustomKeyStore', input),
    );
  });

// ---- Describe ----

const describeArb = fc
  .record({
    scope: scopeArb,
    filter: fc.constantFrom('none', 'none', 'none', 'id', 'name', 'both'),
    target: targetArb,
    name: nameArb,
    limit: maybe(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }) },
        { weight: 1, arbitrary: fc.constantFrom(0, 1001) },
      ),
      50,
    ),
    marker: maybe(
      fc.oneof({ weight: 5, arbitrary: fc.nat(10) }, { weight: 1, arbitrary: fc.constant('forged' as const) }),
      50,
    ),
  })
  .map(
    (d) =>
      new StepCommand(
        `Describe[${d.scope}] filter=${d.filter}${d.filter === 'id' || d.filter === 'both' ? `(${showTarget(d.target)})` : ''}${d.filter === 'name' || d.filter === 'both' ? `(${short(NAMES[d.name])})` : ''} limit=${d.limit} marker=${d.marker}`,
        (m, r) => {
          const input: Input = {};
          let scope = d.scope;
          if (d.filter === 'id' || d.filter === 'both') {
            const target = resolve(m, d.scope, d.target);
            scope = target.scope;
            input.CustomKeyStoreId = target.id;
          }
          if (d.filter === 'name' || d.filter === 'both') input.CustomKeyStoreName = NAMES[d.name];
          if (d.limit !== undefined) input.Limit = d.limit;
          if (d.filter === 'none' && d.marker === 'forged') input.Marker = 'eyJmb3JnZWQiOnRydWV9.forged';
          else if (d.filter === 'none' && typeof d.marker === 'number' && m.markers.length > 0) {
            input.Marker = `marker#${d.marker % m.markers.length}`;
          }
          return callBoth(m, r, scope, 'DescribeCustomKeyStores', input).then((o) => `[${scope}] ${short(input)} ${o}`);
        },
      ),
  );

// ---- Connect, Disconnect, Delete ----

function byIdArb(operation: string, label: string) {
  return fc.record({ scope: scopeArb, target: targetArb }).map(
    ({ scope, target }) =>
      new StepCommand(`${label}[${scope}] ${showTarget(target)}`, async (m, r) => {
        const { scope: at, id } = resolve(m, scope, target);
        return `[${at}] ${short(id)}: ${await callBoth(m, r, at, operation, { CustomKeyStoreId: id })}`;
      }),
  );
}

// ---- Update ----

const updateArb = fc
  .record({
    scope: scopeArb,
    target: targetArb,
    flavor: fc.constantFrom('hsm', 'xks', 'xks'),
    newName: maybe(nameArb, 35),
    password: maybe(pick(3, 4), 50),
    endpoint: maybe(pick(3, 4), 25),
    path: maybe(pick(3, 4), 30),
    credential: maybe(pick(2, 3), 25),
    connectivity: maybe(fc.constantFrom('PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'), 15),
    service: maybe(fc.oneof({ weight: 4, arbitrary: pick(2, 3) }, { weight: 1, arbitrary: fc.constant(-1) }), 15),
    owner: maybe(ownerArb, 8),
    foreign: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map((u) => {
    const type = u.flavor === 'hsm' ? 'AWS_CLOUDHSM' : 'EXTERNAL_KEY_STORE';
    const fieldsIn = (scope: Scope): Input => {
      const fields: Input = {};
      if (u.newName !== undefined) fields.NewCustomKeyStoreName = NAMES[u.newName];
      if (u.flavor === 'hsm') {
        if (u.password !== undefined) fields.KeyStorePassword = PASSWORDS[u.password];
        if (u.foreign) fields.XksProxyUriPath = PATHS[0];
        return fields;
      }
      if (u.endpoint !== undefined) fields.XksProxyUriEndpoint = ENDPOINTS[u.endpoint];
      if (u.path !== undefined) fields.XksProxyUriPath = PATHS[u.path];
      if (u.credential !== undefined) fields.XksProxyAuthenticationCredential = CREDENTIALS[u.credential];
      if (u.connectivity !== undefined) fields.XksProxyConnectivity = u.connectivity;
      if (u.service !== undefined) {
        fields.XksProxyVpcEndpointServiceName = u.service < 0 ? '' : vpcServices(SCOPES[scope].region)[u.service];
      }
      if (u.owner !== undefined) fields.XksProxyVpcEndpointServiceOwner = owner(scope, u.owner);
      if (u.foreign) fields.KeyStorePassword = PASSWORDS[0];
      return fields;
    };
    const shown = Object.entries(fieldsIn(u.scope))
      .map(([k, v]) => `${k.replace(/^XksProxy|^CustomKeyStore/, '')}=${short(v)}`)
      .join(' ');
    return new StepCommand(`Update[${u.scope}] ${showTarget(u.target)}(${u.flavor}) ${shown}`, async (m, r) => {
      const { scope, id } = resolve(m, u.scope, u.target, (s) => s.type === type);
      const input = { CustomKeyStoreId: id, ...fieldsIn(scope) };
      return `[${scope}] ${id}: ${await callBoth(m, r, scope, 'UpdateCustomKeyStore', input)}`;
    });
  });

// ---- the clock, settling, injections, reset ----

const clockArb = fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.constantFrom(1000, 3000, 60_000)).map(
  (ms) =>
    new StepCommand(`Clock +${ms}ms`, (m, r) => {
      m.now += ms;
      r.clock += ms;
      return '';
    }),
);

/** A live store of any scope, by position (these controls take a bare id). */
function anyLive(m: ReferenceModel, n: number): ModelStore | undefined {
  return m.stores.length > 0 ? m.stores[n % m.stores.length] : undefined;
}

const settleArb = maybe(fc.nat(7), 60).map(
  (n) =>
    new StepCommand(`Settle ${n === undefined ? 'all' : `store#${n}`}`, (m, r) => {
      const store = n === undefined ? undefined : anyLive(m, n);
      m.settleDue();
      if (store) {
        m.settle(store);
        r.fake.settle(r.idOf.get(store.mid));
        return store.mid;
      }
      m.settleAll();
      r.fake.settle();
      return 'all';
    }),
);

const failNextConnectArb = fc.record({ n: fc.nat(7), code: fc.constantFrom(...ERROR_CODES) }).map(
  ({ n, code }) =>
    new StepCommand(`FailNextConnect store#${n} ${code}`, (m, r) => {
      const store = anyLive(m, n);
      if (!store) return 'no store';
      m.failNextConnect(store.mid, code);
      r.fake.failNextConnect(r.idOf.get(store.mid) as string, code);
      return store.mid;
    }),
);

const OPERATIONS = [
  'CreateCustomKeyStore',
  'DescribeCustomKeyStores',
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
  'UpdateCustomKeyStore',
  'DeleteCustomKeyStore',
];

const failNextArb = fc
  .record({
    operation: fc.constantFrom(...OPERATIONS),
    code: fc.constantFrom('KMSInternalException', 'DependencyTimeoutException', 'CustomKeyStoreNotFoundException'),
    times: fc.integer({ min: 1, max: 2 }),
  })
  .map(
    ({ operation, code, times }) =>
      new StepCommand(`FailNext ${operation} ${code} ×${times}`, (m, r) => {
        m.failNext(operation, code, times);
        r.fake.failNext(operation, code, { times });
        return '';
      }),
  );

const STATES: State[] = ['DISCONNECTED', 'CONNECTING', 'CONNECTED', 'FAILED', 'DISCONNECTING'];
const setStateArb = fc
  .record({ n: fc.nat(7), state: fc.constantFrom(...STATES), code: fc.constantFrom(...ERROR_CODES) })
  .map(
    ({ n, state, code }) =>
      new StepCommand(`SetState store#${n} ${state}`, (m, r) => {
        const store = anyLive(m, n);
        if (!store) return 'no store';
        const errorCode = state === 'FAILED' ? code : undefined;
        m.settleDue();
        m.setState(store, state, errorCode);
        r.inSetState = true;
        try {
          r.fake.setState(r.idOf.get(store.mid) as string, state, errorCode);
        } finally {
          r.inSetState = false;
        }
        return store.mid;
      }),
  );

const resetArb = fc.constant(null).map(
  () =>
    new StepCommand('Reset', (m, r) => {
      m.reset();
      r.fake.reset();
      r.mapSeeded(m.known);
      return '';
    }),
);

/** Every kind of step, weighted so that stores get created, connected and collide often. */
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 7, arbitrary: createArb },
  { weight: 5, arbitrary: describeArb },
  { weight: 5, arbitrary: byIdArb('ConnectCustomKeyStore', 'Connect') },
  { weight: 3, arbitrary: byIdArb('DisconnectCustomKeyStore', 'Disconnect') },
  { weight: 5, arbitrary: updateArb },
  { weight: 3, arbitrary: byIdArb('DeleteCustomKeyStore', 'Delete') },
  { weight: 2, arbitrary: settleArb },
  { weight: 2, arbitrary: clockArb },
  { weight: 1, arbitrary: failNextConnectArb },
  { weight: 1, arbitrary: failNextArb },
  { weight: 1, arbitrary: setStateArb },
  { weight: 1, arbitrary: resetArb },
);
