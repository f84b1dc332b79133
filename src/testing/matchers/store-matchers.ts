import type { ConnectionErrorCode, ConnectionState, StoreSeed } from '../../index.js';
import { describeStore, describeStores } from './describe-value.js';
import { asFake, findStore } from './find-store.js';
import type { MatcherContext, MatcherResult } from './types.js';

type Expectation = {
  /** What the matcher checks, for messages: "to be CONNECTED". */
  what: string;
  /** The value of the store compared against the expected one. */
  read(store: StoreSeed): unknown;
  expected: unknown;
};

function storeMatcher(ctx: MatcherContext, received: unknown, ref: string, check: Expectation): MatcherResult {
  const fake = asFake(received);
  // An unknown store or a wrong received value fails the assertion with and without `.not`.
  if (typeof fake === 'string') return { pass: Boolean(ctx.isNot), message: () => fake };
  const found = findStore(fake, ref);
  if ('problem' in found) {
    return {
      pass: Boolean(ctx.isNot),
      message: () => `Cannot check that store "${ref}" ${check.what}: ${found.problem}`,
    };
  }
  const actual = check.read(found.store);
  const pass = actual === check.expected;
  const holds = `The fake holds ${describeStore(found.store)}.`;
  return {
    pass,
    actual,
    expected: check.expected,
    message: () =>
      pass
        ? `Expected store "${ref}" not ${check.what}, but it does.\n${holds}`
        : `Expected store "${ref}" ${check.what}.\n${holds}\n${describeStores(found.stores)}`,
  };
}

export function toHaveStoreState(
  this: MatcherContext,
  received: unknown,
  store: string,
  state: ConnectionState,
): MatcherResult {
  return storeMatcher(this, received, store, {
    what: `to have ConnectionState ${state}`,
    read: (s) => s.ConnectionState,
    expected: state,
  });
}

export function toHaveStoreName(this: MatcherContext, received: unknown, store: string, name: string): MatcherResult {
  return storeMatcher(this, received, store, {
    what: `to have CustomKeyStoreName "${name}"`,
    read: (s) => s.CustomKeyStoreName,
    expected: name,
  });
}

export function toHaveStoreErrorCode(
  this: MatcherContext,
  received: unknown,
  store: string,
  code: ConnectionErrorCode | undefined,
): MatcherResult {
  return storeMatcher(this, received, store, {
    what: code === undefined ? 'to have no ConnectionErrorCode' : `to have ConnectionErrorCode ${code}`,
    read: (s) => s.ConnectionErrorCode,
    expected: code,
  });
}
