/** Steps that drive the fake directly: its clock, settling, injections, setState and reset (and the model alike). */
import fc from 'fast-check';
import type { KmsOperationName } from '../../../src/usage/vocabulary.js';
import { maybe, StepCommand } from './harness.js';
import { ERROR_CODES } from './pools.js';
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

export const failNextConnectArb = fc.record({ n: fc.nat(7), code: fc.constantFrom(...ERROR_CODES) }).map(
  ({ n, code }) =>
    new StepCommand(`FailNextConnect store#${n} ${code}`, (m, r) => {
      const store = anyLive(m, n);
      if (!store) return 'no store';
      const own = codeOfType(store, code);
      m.failNextConnect(store.mid, own);
      r.fake.failNextConnect(r.idOf.get(store.mid) as string, own);
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

/** The fake refuses a code of the other store type; one shared by both types stands in for it. */
function codeOfType(store: ModelStore, code: (typeof ERROR_CODES)[number]): (typeof ERROR_CODES)[number] {
  const xksOnly = code.startsWith('XKS_');
  const cloudHsmOnly = code === 'USER_LOCKED_OUT';
  if (store.type === 'AWS_CLOUDHSM' ? xksOnly : cloudHsmOnly) return 'NETWORK_ERRORS';
  return code;
}

const STATES: State[] = ['DISCONNECTED', 'CONNECTING', 'CONNECTED', 'FAILED', 'DISCONNECTING'];
export const setStateArb = fc
  .record({ n: fc.nat(7), state: fc.constantFrom(...STATES), code: fc.constantFrom(...ERROR_CODES) })
  .map(
    ({ n, state, code }) =>
      new StepCommand(`SetState store#${n} ${state}`, (m, r) => {
        const store = anyLive(m, n);
        if (!store) return 'no store';
        const errorCode = state === 'FAILED' ? codeOfType(store, code) : undefined;
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

/** Every kind of step, weighted so that stores get created, connected and collide often. */
