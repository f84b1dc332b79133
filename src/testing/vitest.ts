/**
 * fake-kms for Vitest: `useKmsFake()` gives every test a reset fake that every `KMSClient` answers from,
 * plus matchers. Timed transitions (`timing: { afterMs }`) follow `vi.useFakeTimers()`.
 *
 * @packageDocumentation
 */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { KmsFake } from '../index.js';
import { registerKmsFake, type UseKmsFakeOptions, watchTestPhase } from './core/use-kms-fake.js';
import { kmsMatchers } from './matchers/kms-matchers.js';
import type { KmsFakeMatchers } from './matchers/types.js';

let extended = false;

// Imported at the top of a test file or setup file, while the runner collects it: from here on the
// runner tells fake-kms when the file's hooks and tests start, so a late useKmsFake() call fails loudly.
watchTestPhase({ beforeAll, afterAll });

/**
 * One call at the top of a test file (or in a setup file): a fake for the file, reset before each test,
 * installed for every `KMSClient`, with the environment hardened and restored, and the matchers registered.
 *
 * @example
 * import { useKmsFake } from 'fake-kms/vitest';
 * const kms = useKmsFake({ seed: 1 });
 *
 * it('connects', async () => {
 *   const id = kms.addStore({ CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-1a23b4cdefg' });
 *   await new KMSClient({}).send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
 *   expect(kms).toHaveStoreState(id, 'CONNECTING');
 * });
 */
export function useKmsFake(options?: UseKmsFakeOptions): KmsFake {
  if (!extended) {
    expect.extend(kmsMatchers);
    extended = true;
  }
  return registerKmsFake({ beforeAll, beforeEach, afterAll }, options);
}

export { currentKmsFake } from './core/current-fake.js';
export type { UseKmsFakeOptions } from './core/use-kms-fake.js';
export { type ClientMockLike, forwardToFake } from './interop/forward-to-fake.js';
export { kmsMatchers } from './matchers/kms-matchers.js';
export type { KmsFakeMatchers, KmsOperationRef } from './matchers/types.js';

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: must match Vitest's own declaration of Assertion<T = any>.
  interface Assertion<T = any> extends KmsFakeMatchers<void> {}
}
