/** Steps that create and use KMS keys in the model's stores, mixed with the store steps. */
import fc from 'fast-check';
import { callBoth, type Input, resolve, StepCommand, scopeArb, showTarget, targetArb } from './harness.js';
import { DAY } from './key-model.js';
import type { Scope } from './pools.js';

export const createKeyArb = fc
  .record({
    c: fc.record({ scope: scopeArb, target: targetArb }),
    wrong: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map(
    ({ c, wrong }) =>
      new StepCommand(`CreateKey[${c.scope}] ${showTarget(c.target)}${wrong ? ' wrong-origin' : ''}`, async (m, r) => {
        const { scope, id } = resolve(m, c.scope, c.target, (s) => s.state === 'CONNECTED');
        const store = m.find(scope, id);
        const type = store?.type ?? 'AWS_CLOUDHSM';
        const origin = wrong ? (type === 'AWS_CLOUDHSM' ? 'EXTERNAL_KEY_STORE' : 'AWS_CLOUDHSM') : type;
        const input: Input = { CustomKeyStoreId: id, Origin: origin };
        if (origin === 'EXTERNAL_KEY_STORE') input.XksKeyId = m.keys.nextXksKeyId();
        return `[${scope}] ${await callBoth(m, r, scope, 'CreateKey', input)}`;
      }),
  );

type KeyTarget = { kind: 'live' | 'any'; n: number; scope: Scope } | { kind: 'unknown'; scope: Scope };

const keyTargetArb: fc.Arbitrary<KeyTarget> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('live' as const), n: fc.nat(7), scope: scopeArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('any' as const), n: fc.nat(15), scope: scopeArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown' as const), scope: scopeArb }) },
);

export function keyOpArb(operation: string) {
  return keyTargetArb.map(
    (t) =>
      new StepCommand(`${operation} ${t.kind}${'n' in t ? `#${t.n}` : ''}[${t.scope}]`, async (m, r) => {
        let scope = t.scope;
        let kid = 'k-unknown';
        if (t.kind === 'live' && m.keys.keys.length > 0) {
          const key = m.keys.keys[t.n % m.keys.keys.length];
          if (key) ({ scope, kid } = key);
        } else if (t.kind === 'any' && m.keys.known.length > 0) {
          kid = m.keys.known[t.n % m.keys.known.length] as string;
        }
        const input: Input = { KeyId: kid };
        if (operation === 'ScheduleKeyDeletion') input.PendingWindowInDays = 7;
        if (operation === 'Encrypt') input.Plaintext = new Uint8Array([1, 2, 3]);
        return `[${scope}] ${kid}: ${await callBoth(m, r, scope, operation, input)}`;
      }),
  );
}

/** The clock moves past a key's waiting period (7 days, plus a little). */
export const daysPassArb = fc.constant(null).map(
  () =>
    new StepCommand('Clock +8 days', (m, r) => {
      m.now += 8 * DAY;
      r.clock += 8 * DAY;
      return '';
    }),
);
