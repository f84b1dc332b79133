/**
 * Issue 9, "Misuse fails loudly": the control API fuzzed. Random sequences of calls to every door into
 * the fake (createKmsFake options, addStore, failNext, failNextConnect, setState, setTiming, settle,
 * client, attach, calls, world handles and the matchers), each with a mix of good values and misuse:
 * null, wrong types, misspellings, prototype-named keys, deep nesting and secrets in the wrong place.
 * Every call either works or throws a FakeKmsUsageError (never a TypeError, RangeError or anything else);
 * afterwards every store is in a state of the model with an error code exactly when FAILED, of its type;
 * and no secret appears in any error message, `inspect`, `JSON.stringify`, the journal or a snapshot.
 *
 * Deterministic by default; FUZZ_SEED / FUZZ_PATH replay a failure, FUZZ_RUNS changes the number of runs.
 */
import { inspect } from 'node:util';
import { KMSClient } from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKmsFake, FakeKmsUsageError, type KmsFake } from '../../src/index.js';
import { kmsMatchers } from '../../src/testing/vitest.js';
import { CONNECTION_STATES, connectionErrorCodesOf } from '../../src/usage/vocabulary.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 0x9a11);
const PATH = process.env.FUZZ_PATH;

const PASSWORD = 'fuzzPswd-Canary-9';
const RAW_SECRET = 'Q2FuYXJ5LXNlY3JldC1hY2Nlc3Mta2V5LWZvci1mdXp6LXRlc3Rz';
const KMSUSER = 'kmsuser-Canary-31';
const SECRETS = [PASSWORD, RAW_SECRET, KMSUSER];
const HSM = 'cks-1234567890abcdef0';
const XKS = 'cks-abcdef01234567890';
const CLUSTER = 'cluster-abcdefghijk';
const ENDPOINT = 'https://xks.example.com';

let deep: unknown = {};
for (let i = 0; i < 10_000; i++) deep = { a: deep };
const protoKey = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}');

/** Values a careless or adversarial test might pass anywhere, secrets among them. */
const junk = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'BANANA',
  'connected',
  'DescribeKeyStores',
  PASSWORD,
  RAW_SECRET,
  KMSUSER,
  `ABCDEFGHIJKLMNOPQRST:${RAW_SECRET}`,
  [],
  [PASSWORD],
  {},
  { x: 1 },
  { password: KMSUSER },
  protoKey,
  deep,
  () => 1,
  Symbol('s'),
  10n,
  new Date(Number.NaN),
);
const good = {
  storeId: fc.constantFrom(HSM, XKS, 'cks-00000000000000000'),
  state: fc.constantFrom(...CONNECTION_STATES),
  code: fc.constantFrom('USER_LOCKED_OUT', 'XKS_PROXY_TIMED_OUT', 'NETWORK_ERRORS', 'USER_LOCKED_OUTT'),
  operation: fc.constantFrom('DescribeCustomKeyStores', 'ConnectCustomKeyStore', 'ListKeys', 'DeleteCustomKeyStores'),
  errorCode: fc.constantFrom('KMSInternalException', 'LimitExceededException', 'NotFoundException', 'Nope'),
  timing: fc.constantFrom<unknown>('immediate', 'manual', { observations: 2 }, { afterMs: 10 }, { seconds: 1 }),
};
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, arb, junk);

type Step = { name: string; run: (fake: KmsFake) => unknown };
const step = (name: string, arbs: fc.Arbitrary<unknown>[], run: (fake: KmsFake, ...a: never[]) => unknown) =>
  fc
    .tuple(...arbs)
    .map(
      (args): Step => ({ name: `${name}(${args.map(shortly).join(', ')})`, run: (f) => run(f, ...(args as never[])) }),
    );

const steps = fc.oneof(
  step(
    'failNext',
    [maybe(good.operation), maybe(good.errorCode), maybe(fc.record({ times: maybe(fc.constantFrom(1, 3, 'always')) }))],
    (f, o, c, opt) => f.failNext(o, c, opt),
  ),
  step('failNextConnect', [maybe(good.storeId), maybe(good.code)], (f, id, c) => f.failNextConnect(id, c)),
  step('setState', [maybe(good.storeId), maybe(good.state), maybe(good.code)], (f, id, s, c) => f.setState(id, s, c)),
  step('setTiming', [maybe(good.timing), fc.option(maybe(good.storeId))], (f, t, id) =>
    f.setTiming(t, id ?? undefined),
  ),
  step('settle', [fc.option(maybe(good.storeId))], (f, id) => f.settle(id ?? undefined)),
  step(
    'addStore',
    [
      maybe(
        fc.constant({
          CustomKeyStoreName: 'added',
          CloudHsmClusterId: 'cluster-bcdefghijkm',
          KeyStorePassword: PASSWORD,
        }),
      ),
    ],
    (f, seed) => f.addStore(seed),
  ),
  step('addStore with a secret field wrong', [junk], (f, v) =>
    f.addStore({ CustomKeyStoreName: 'x', CloudHsmClusterId: CLUSTER, KeyStorePassword: v } as never),
  ),
  step('client', [maybe(fc.record({ account: maybe(fc.constant('444455556666')) }))], (f, c) => f.client(c)),
  step('attach', [maybe(fc.constant(new KMSClient({ region: 'us-east-1' })))], (f, c) => f.attach(c).detach(c)),
  step('calls', [maybe(good.operation)], (f, o) => f.calls(o)),
  step(
    'world.cluster.update',
    [maybe(fc.constant(CLUSTER)), maybe(fc.record({ kmsUser: maybe(fc.constant({ password: KMSUSER })) }))],
    (f, id, c) => f.world.cluster(id).update(c),
  ),
  step('world.proxy.acceptOnly', [maybe(fc.constant(ENDPOINT)), junk], (f, e, c) => f.world.proxy(e).acceptOnly(c)),
  step('world.addProxy', [junk], (f, spec) => f.world.addProxy(spec)),
  step('matcher toHaveStoreState', [maybe(good.storeId), maybe(good.state)], (f, id, s) =>
    kmsMatchers.toHaveStoreState.call(ctx, f, id, s),
  ),
  step('matcher toHaveReceivedKmsCallTimes', [maybe(good.operation), maybe(fc.constant(1))], (f, o, n) =>
    kmsMatchers.toHaveReceivedKmsCallTimes.call(ctx, f, o, n),
  ),
  step('reset', [], (f) => f.reset()),
);
const ctx = { isNot: false, equals: (a: unknown, b: unknown) => Object.is(a, b) };

function shortly(value: unknown): string {
  if (value === deep) return '<10,000 deep>';
  if (typeof value === 'function') return '<function>';
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  try {
    return (JSON.stringify(value) ?? 'undefined').slice(0, 60);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function seededFake(): KmsFake {
  return createKmsFake({
    stores: [
      { CustomKeyStoreId: HSM, CustomKeyStoreName: 'hsm', CloudHsmClusterId: CLUSTER, KeyStorePassword: PASSWORD },
      {
        CustomKeyStoreId: XKS,
        CustomKeyStoreName: 'xks',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        XksProxyConfiguration: {
          Connectivity: 'PUBLIC_ENDPOINT',
          AccessKeyId: 'ABCDEFGHIJKLMNOPQRST',
          UriEndpoint: ENDPOINT,
          UriPath: '/kms/xks/v1',
        },
        XksProxyRawSecretAccessKey: RAW_SECRET,
      },
    ],
    clusters: [{ clusterId: CLUSTER, kmsUser: { password: KMSUSER } }],
  });
}

function leaks(text: string): string | undefined {
  return SECRETS.find((s) => text.includes(s));
}

describe('the control API under random misuse (issue 9)', () => {
  it('never throws anything but FakeKmsUsageError, never leaves a state outside the model, never prints a secret', () => {
    const property = fc.property(fc.array(steps, { minLength: 1, maxLength: 12 }), (sequence) => {
      const fake = seededFake();
      for (const s of sequence) {
        try {
          s.run(fake);
        } catch (error) {
          if (!(error instanceof FakeKmsUsageError)) throw new Error(`${s.name} threw ${String(error)}`);
          const secret = leaks(error.message);
          if (secret) throw new Error(`${s.name}: the usage error shows a secret: ${error.message}`);
        }
        for (const store of fake.stores()) {
          const state = store.ConnectionState as (typeof CONNECTION_STATES)[number];
          const codes: readonly string[] = connectionErrorCodesOf(store.CustomKeyStoreType ?? 'AWS_CLOUDHSM');
          const codeOk =
            state === 'FAILED'
              ? codes.includes(store.ConnectionErrorCode ?? '')
              : store.ConnectionErrorCode === undefined;
          if (!CONNECTION_STATES.includes(state) || !codeOk) {
            throw new Error(
              `${s.name} left ${store.CustomKeyStoreName} in ${state} / ${String(store.ConnectionErrorCode)}`,
            );
          }
        }
      }
      const printed = [
        JSON.stringify(fake),
        inspect(fake, { depth: 6 }),
        JSON.stringify(fake.journal),
        JSON.stringify(fake.snapshot()),
        inspect(fake.world, { depth: 6 }),
      ];
      for (const text of printed) {
        const secret = leaks(text);
        if (secret) throw new Error(`a secret is printed: ${text.slice(0, 300)}`);
      }
    });
    const details = fc.check(property, { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}) });
    if (details.failed) {
      throw new Error(
        `control fuzz failed (replay with FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath}): ${String(details.errorInstance ?? '')}\n${fc.stringify(details.counterexample)}`,
      );
    }
    expect(details.numRuns).toBe(PATH ? details.numRuns : RUNS);
  });
});
