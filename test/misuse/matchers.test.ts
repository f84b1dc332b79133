import { DeleteCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { kmsMatchers } from '../../src/testing/vitest.js';
import { cloudHsmSeed } from './support.js';

expect.extend(kmsMatchers);

const loose = (value: unknown) => value as never;
const fake = () => createKmsFake({ stores: [cloudHsmSeed('a')] });

/** A misspelt assertion must fail, with `.not` as without: it can never pass. */
function failsLoudly(assertion: () => void, wanted: string): void {
  expect(assertion).toThrow(wanted);
}

describe('matchers refuse a misspelt argument instead of passing', () => {
  it('a misspelt operation, with .not', () => {
    failsLoudly(
      () => expect(fake()).not.toHaveReceivedKmsCall(loose('DeleteCustomKeyStores')),
      'did you mean DeleteCustomKeyStore?',
    );
  });

  it('a state or a code that does not exist, with .not', () => {
    failsLoudly(() => expect(fake()).not.toHaveStoreState('a', loose('BANANA')), 'state must be one of');
    failsLoudly(
      () => expect(fake()).not.toHaveStoreErrorCode('a', loose('USER_LOCKED_OUTT')),
      'Did you mean USER_LOCKED_OUT?',
    );
  });

  it("times given as the string '0'", () => {
    failsLoudly(
      () => expect(fake()).toHaveReceivedKmsCallTimes('DeleteCustomKeyStore', loose('0')),
      'times must be a whole number 0 or more',
    );
  });

  it('an operation that is a number', () => {
    failsLoudly(() => expect(fake()).toHaveReceivedKmsCall(loose(123)), 'got the number 123');
  });

  it('still accepts command classes and operations fake-kms does not implement', () => {
    expect(fake()).not.toHaveReceivedKmsCall(DeleteCustomKeyStoreCommand);
    expect(fake()).toHaveReceivedKmsCallTimes('ListKeys', 0);
  });
});
