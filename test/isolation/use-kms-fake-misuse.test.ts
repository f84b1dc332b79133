import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeKmsUsageError } from '../../src/index.js';
import { useKmsFake } from '../../src/testing/vitest.js';
import { networkAttempts, withProductionLikeCredentials } from './production-like.js';

withProductionLikeCredentials();

/** The error `useKmsFake()` throws where it is called, or undefined. */
function misuse(): unknown {
  try {
    useKmsFake();
  } catch (error) {
    return error;
  }
  return undefined;
}

const WHERE =
  /useKmsFake\(\) was called inside a test or a hook.*Call useKmsFake\(\) once, at the top level of the test file or of a describe block, or in a setup file/;

/** Issue 8, observation 6: a useKmsFake() that could install nothing says so, instead of letting calls escape. */
describe('useKmsFake() called too late', () => {
  let inBeforeAll: unknown;
  let inBeforeEach: unknown;
  beforeAll(() => {
    inBeforeAll = misuse();
  });
  beforeEach(() => {
    inBeforeEach = misuse();
  });

  it('inside a test throws a FakeKmsUsageError that says where to call it', () => {
    const error = misuse();
    expect(error).toBeInstanceOf(FakeKmsUsageError);
    expect(String(error)).toMatch(WHERE);
  });

  it('inside beforeAll or beforeEach throws the same error', () => {
    expect(inBeforeAll).toBeInstanceOf(FakeKmsUsageError);
    expect(String(inBeforeAll)).toMatch(WHERE);
    expect(inBeforeEach).toBeInstanceOf(FakeKmsUsageError);
  });

  it('installed nothing and reached nothing', () => {
    expect(networkAttempts()).toEqual([]);
  });
});
