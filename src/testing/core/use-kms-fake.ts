import { createKmsFake, type KmsFake, type KmsFakeOptions } from '../../index.js';
import { setCurrentFake } from './current-fake.js';
import { followCurrent } from './follow-current.js';
import { testEnvironment } from './test-environment.js';

/** The lifecycle hooks of a test runner, as Vitest and Jest both provide them. */
export interface TestHooks {
  beforeAll(fn: () => void): void;
  beforeEach(fn: () => void): void;
  afterAll(fn: () => void): void;
}

export interface UseKmsFakeOptions extends KmsFakeOptions {
  /**
   * `false` (default): one fake for the file, `reset()` to its seeded state before each test.
   * `true`: a new fake before each test; the returned object always acts as the current one.
   */
  fresh?: boolean;
  /** Make every `KMSClient` in the process answer from the fake (`fake.install()`). Default `true`. */
  install?: boolean;
  /**
   * Harden the environment from the first hook to the last: `AWS_EC2_METADATA_DISABLED=true`, `AWS_REGION`
   * set to the fake's Region, fake `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`, and `AWS_SESSION_TOKEN`
   * / `AWS_PROFILE` unset, and the SDK's Node-version warning silenced; the previous values come back
   * after the file. Default `true`.
   */
  env?: boolean;
}

/**
 * The runner-neutral core of `useKmsFake`: registers the hooks and returns the fake.
 * beforeAll: harden the environment, install. beforeEach: reset (or replace) the fake, re-install.
 * afterAll: uninstall and restore the environment. Installing from beforeAll on (not per test) means
 * clients used in the user's own beforeAll/afterEach hooks answer from the fake as well.
 */
export function registerKmsFake(hooks: TestHooks, options: UseKmsFakeOptions = {}): KmsFake {
  const { fresh = false, install = true, env = true, ...fakeOptions } = options;
  let fake = createKmsFake(fakeOptions);
  const environment = testEnvironment(fakeOptions.region ?? 'us-east-1');
  const handle = fresh ? followCurrent(() => fake) : fake;
  setCurrentFake(handle);

  hooks.beforeAll(() => {
    setCurrentFake(handle);
    if (env) environment.apply();
    if (install) fake.install();
  });
  hooks.beforeEach(() => {
    if (env) environment.apply();
    if (fresh) {
      fake.uninstall();
      fake = createKmsFake(fakeOptions);
    } else {
      fake.reset();
    }
    if (install) fake.install();
  });
  hooks.afterAll(() => {
    fake.uninstall();
    if (env) environment.restore();
    setCurrentFake(undefined);
  });
  return handle;
}
