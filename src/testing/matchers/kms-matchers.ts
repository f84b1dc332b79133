import { toHaveReceivedKmsCall, toHaveReceivedKmsCallTimes } from './call-matchers.js';
import { toHaveKeyState } from './key-matchers.js';
import { toHaveStoreErrorCode, toHaveStoreName, toHaveStoreState } from './store-matchers.js';

/**
 * Every fake-kms matcher, for `expect.extend` in Vitest or Jest. `useKmsFake()` registers them for
 * you; extend by hand only when you create fakes yourself.
 *
 * @example
 * import { expect } from 'vitest';
 * import { kmsMatchers } from 'fake-kms/vitest';
 * expect.extend(kmsMatchers);
 */
export const kmsMatchers = {
  toHaveStoreState,
  toHaveStoreName,
  toHaveStoreErrorCode,
  toHaveKeyState,
  toHaveReceivedKmsCall,
  toHaveReceivedKmsCallTimes,
};
