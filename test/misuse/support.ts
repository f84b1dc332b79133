import { expect } from 'vitest';
import { FakeKmsUsageError } from '../../src/index.js';

/** The message of the FakeKmsUsageError `fn` throws; fails the test on any other outcome (a raw TypeError above all). */
export function usageError(fn: () => unknown): string {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a FakeKmsUsageError').toBeInstanceOf(FakeKmsUsageError);
  return (thrown as Error).message;
}

export const CLUSTER = 'cluster-abcdefghijk';
export const cloudHsmSeed = (name = 'payments') => ({
  CustomKeyStoreId: 'cks-1234567890abcdef0',
  CustomKeyStoreName: name,
  CloudHsmClusterId: CLUSTER,
});
