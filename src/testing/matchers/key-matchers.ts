import type { KeyState } from '@aws-sdk/client-kms';
import { asFake } from './find-store.js';
import type { MatcherContext, MatcherResult } from './types.js';

interface KeyStateReader {
  keyState(keyIdOrAlias: string): KeyState;
}

/**
 * The KMS key (key id, key ARN, alias name or alias ARN) is in this `KeyState`, as DescribeKey would say now
 * (`Unavailable` while its custom key store is not CONNECTED). Reads the fake without a call.
 */
export function toHaveKeyState(this: MatcherContext, received: unknown, key: string, state: KeyState): MatcherResult {
  const fake = asFake(received);
  if (typeof fake === 'string') return { pass: Boolean(this.isNot), message: () => fake };
  let actual: KeyState;
  try {
    actual = (fake as unknown as KeyStateReader).keyState(key);
  } catch (error) {
    return {
      pass: Boolean(this.isNot),
      message: () => `Cannot check that key "${key}" has KeyState ${state}: ${(error as Error).message}`,
    };
  }
  const pass = actual === state;
  return {
    pass,
    actual,
    expected: state,
    message: () =>
      pass
        ? `Expected key "${key}" not to have KeyState ${state}, but it does.`
        : `Expected key "${key}" to have KeyState ${state}, but it is ${actual}.`,
  };
}
