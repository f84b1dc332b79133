/** Steps that drive the fake directly: its clock, settling, injections, setState and reset (and the model alike). */
import fc from 'fast-check';
import type { ConnectionErrorCode } from '../../../src/index.js';
import type { KmsOperationName } from '../../../src/usage/vocabulary.js';
import { maybe, StepCommand } from './harness.js';
import { CLUSTERS, ERROR_CODES, PASSWORDS, SCOPE_NAMES } from './pools.js';
import type { ModelStore, ReferenceModel, State } from './reference-model.js';

// ---- the clock, settling, injections, reset ----

export const clockArb = fc.oneof(fc.integer({ min: 0, max: 1500 }), fc.constantFrom(1000, 3000, 60_000)).map(
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

export const settleArb = maybe(fc.nat(7), 60).map(
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

/** The code of this store's type at position `k` (the control methods refuse the other type's codes). */
const codeFor = (store: ModelStore, k: number): ConnectionErrorCode =>
  ERROR_CODES[store.type][k] as ConnectionErrorCode;

export const failNextConnectArb = fc.record({ n: fc.nat(7), k: fc.nat(3) }).map(
  ({ n, k }) =>
    new StepCommand(`FailNextConnect store#${n} code#${k}`, (m, r) => {
      const store = anyLive(m, n);
      if (!store) return 'no store';
      const code = codeFor(store, k);
      m.failNextConnect(store.mid, code);
      r.fake.failNextConnect(r.idOf.get(store.mid) as string, code);
      return store.mid;
    }),
);

const OPERATIONS: KmsOperationName[] = [
  'CreateCustomKeyStore',
  'DescribeCustomKeyStores',
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
  'UpdateCustomKeyStore',
  'DeleteCustomKeyStore',
];

export const failNextArb = fc
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
export const setStateArb = fc.record({ n: fc.nat(7), state: fc.constantFrom(...STATES), k: fc.nat(3) }).map(
  ({ n, state, k }) =>
    new StepCommand(`SetState store#${n} ${state}`, (m, r) => {
      const store = anyLive(m, n);
      if (!store) return 'no store';
      const errorCode = state === 'FAILED' ? codeFor(store, k) : undefined;
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

export const resetArb = fc.constant(null).map(
  () =>
    new StepCommand('Reset', (m, r) => {
      m.reset();
      r.fake.reset();
      r.mapSeeded(m.known);
      return '';
    }),
);

// ---- the backing world, changed by "someone else" ----

/** Someone restores one pool cluster from another's backup: `fake.world.cluster(a).relatedTo(b)`. */
export const relateClustersArb = fc.record({ scope: fc.constantFrom(...SCOPE_NAMES), a: fc.nat(1) }).map(
  ({ scope, a }) =>
    new StepCommand(`World: cluster ${scope}#${a} relatedTo ${scope}#${1 - a}`, (m, r) => {
      const [from, to] = [CLUSTERS[scope][a] as string, CLUSTERS[scope][1 - a] as string];
      m.world.relate(from, to);
      r.fake.world.cluster(from).relatedTo(to);
      return `${from} ~ ${to}`;
    }),
);

/** Someone changes kmsuser's password in a pool cluster: `changeKmsUserPassword(p)`. */
export const changeKmsUserPasswordArb = fc
  .record({ scope: fc.constantFrom(...SCOPE_NAMES), c: fc.nat(1), p: fc.nat(2) })
  .map(
    ({ scope, c, p }) =>
      new StepCommand(`World: cluster ${scope}#${c} kmsuser password → pw#${p}`, (m, r) => {
        const id = CLUSTERS[scope][c] as string;
        m.world.changePassword(id, PASSWORDS[p] as string);
        r.fake.world.cluster(id).changeKmsUserPassword(PASSWORDS[p] as string);
        return id;
      }),
  );

/** Every kind of step, weighted so that stores get created, connected and collide often. */
