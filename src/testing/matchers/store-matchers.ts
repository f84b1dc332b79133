import { ConnectionErrorCodeType } from '@aws-sdk/client-kms';
import type { ConnectionErrorCode, ConnectionState, StoreSeed } from '../../index.js';
import { usage } from '../../usage/arguments.js';
import { describeType } from '../../usage/describe-type.js';
import { CONNECTION_STATES } from '../../usage/vocabulary.js';
import { describeStore, describeStores } from './describe-value.js';

const ALL_CONNECTION_ERROR_CODES: readonly string[] = Object.values(ConnectionErrorCodeType);

import { asFake, findStore } from './find-store.js';
import type { MatcherContext, MatcherResult } from './types.js';

type Expectation = {
  matcher: string;
  /** What the matcher checks, for messages: "to be CONNECTED". */
  what: string;
  /** The value of the store compared against the expected one. */
  read(store: StoreSeed): unknown;
  expected: unknown;
};

function storeMatcher(ctx: MatcherContext, received: unknown, ref: string, check: Expectation): MatcherResult {
  if (typeof ref !== 'string' || ref.length === 0) {
    usage(`expect(fake).${check.matcher}(store, …)`).fail(
      'store',
      `must be a store id or name; got ${describeType(ref)}.`,
    );
  }
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
        : `Expected store "${ref}" ${check.what}.\n${holds}\n${describeStores(found.all())}`,
  };
}

export function toHaveStoreState(
  this: MatcherContext,
  received: unknown,
  store: string,
  state: ConnectionState,
): MatcherResult {
  const checked = usage('expect(fake).toHaveStoreState(store, state)').oneOf('state', state, CONNECTION_STATES);
  return storeMatcher(this, received, store, {
    matcher: 'toHaveStoreState',
    what: `to have ConnectionState ${checked}`,
    read: (s) => s.ConnectionState,
    expected: state,
  });
}

export function toHaveStoreName(this: MatcherContext, received: unknown, store: string, name: string): MatcherResult {
  if (typeof name !== 'string') {
    usage('expect(fake).toHaveStoreName(store, name)').fail('name', `must be a string; got ${describeType(name)}.`);
  }
  return storeMatcher(this, received, store, {
    matcher: 'toHaveStoreName',
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
  if (code !== undefined) {
    usage('expect(fake).toHaveStoreErrorCode(store, code)').oneOf('code', code, ALL_CONNECTION_ERROR_CODES);
  }
  return storeMatcher(this, received, store, {
    matcher: 'toHaveStoreErrorCode',
    what: code === undefined ? 'to have no ConnectionErrorCode' : `to have ConnectionErrorCode ${code}`,
    read: (s) => s.ConnectionErrorCode,
    expected: code,
  });
}
