import { FakeKmsUsageError, type KmsFake } from '../../index.js';

let current: KmsFake | undefined;

export function setCurrentFake(fake: KmsFake | undefined): void {
  current = fake;
}

/**
 * The fake that `useKmsFake()` registered for this test file, e.g. from a setup file.
 *
 * @example
 * // vitest.setup.ts: useKmsFake({ seed: 1 });
 * // a test file:
 * import { currentKmsFake } from 'fake-kms/vitest';
 * const kms = currentKmsFake();
 */
export function currentKmsFake(): KmsFake {
  if (!current) {
    throw new FakeKmsUsageError(
      'No fake-kms fake is active. Call useKmsFake() at the top of this test file or in a setup file (Vitest setupFiles, Jest setupFilesAfterEnv) first.',
    );
  }
  return current;
}
