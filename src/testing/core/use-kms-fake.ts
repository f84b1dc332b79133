import { armUnhandledRequestGuard, releaseUnhandledRequestGuard } from '../../adapters/sdk/unhandled-request-guard.js';
import { createKmsFake, FakeKmsUsageError, type KmsFake, type KmsFakeOptions } from '../../index.js';
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
  /**
   * A KMS, STS or instance-metadata request that did not come through a fake (a second copy of the SDK,
   * a client wired some other way), from the first hook to the last, even with `install: false`:
   * `'error'` (default) fails it at once with a `FakeKmsUsageError`, `'bypass'` lets it go.
   */
  onUnhandledRequest?: 'error' | 'bypass';
  /**
   * Give the clients the installed fake wires (those your code builds) the configuration of
   * `fastKmsClientConfig()`: a suite of many calls runs near the speed of stubs, with the SDK's serializer,
   * deserializer, retries and exceptions still in play. Leave it off when a test inspects the signed
   * request or the user agent. Default `false`.
   */
  fastClients?: boolean;
}

/**
 * Whether the test file's hooks and tests have started: `useKmsFake` must be called before, while the
 * runner collects the file, or its hooks are never run. Tracked by hooks that the runner entry points
 * (`fake-kms/vitest`, `fake-kms/jest`) register when a test file or setup file imports them.
 */
let running = false;
/** How many installing `useKmsFake` fakes are between their beforeAll and afterAll (only one can install). */
let active = 0;

export function watchTestPhase(hooks: Pick<TestHooks, 'beforeAll' | 'afterAll'>): void {
  try {
    hooks.beforeAll(() => {
      running = true;
    });
    hooks.afterAll(() => {
      running = false;
    });
  } catch {
    // Imported outside a test run (a config file, a script): there is no phase to watch.
  }
}

const WHERE =
  'Call useKmsFake() once, at the top level of the test file or of a describe block, or in a setup file (Vitest setupFiles, Jest setupFilesAfterEnv).';

/**
 * The runner-neutral core of `useKmsFake`: registers the hooks and returns the fake.
 * beforeAll: harden the environment, install. beforeEach: reset (or replace) the fake, re-install.
 * afterAll: uninstall and restore the environment. Installing from beforeAll on (not per test) means
 * clients used in the user's own beforeAll/afterEach hooks answer from the fake as well.
 */
export function registerKmsFake(hooks: TestHooks, options: UseKmsFakeOptions = {}): KmsFake {
  if (running) {
    throw new FakeKmsUsageError(
      `useKmsFake() was called inside a test or a hook: the runner has already collected this file, so the fake's hooks would never run and nothing would be installed. ${WHERE}`,
    );
  }
  const {
    fresh = false,
    install = true,
    env = true,
    onUnhandledRequest = 'error',
    fastClients = false,
    ...fakeOptions
  } = options;
  let fake = createKmsFake(fakeOptions);
  const registration = {};
  let counted = false;
  const environment = testEnvironment(fakeOptions.region ?? 'us-east-1');
  const handle = fresh ? followCurrent(() => fake) : fake;
  setCurrentFake(handle);

  hooks.beforeAll(() => {
    if (install && active > 0) {
      throw new FakeKmsUsageError(
        `useKmsFake() was called twice where both fakes would be installed at once (twice in one file or describe block, nested describe blocks, or in a setup file and in the test file). ${WHERE} For a second fake in the same tests, use createKmsFake() and fake.client().`,
      );
    }
    if (install) {
      active++;
      counted = true;
    }
    setCurrentFake(handle);
    if (env) environment.apply();
    if (onUnhandledRequest === 'error') armUnhandledRequestGuard(registration);
    if (install) fake.install({ onUnhandledRequest, fastClients });
  });
  hooks.beforeEach(() => {
    if (env) environment.apply();
    if (fresh) {
      fake.uninstall();
      fake = createKmsFake(fakeOptions);
    } else {
      fake.reset();
    }
    if (install) fake.install({ onUnhandledRequest, fastClients });
  });
  hooks.afterAll(() => {
    if (counted) active--;
    counted = false;
    fake.uninstall();
    releaseUnhandledRequestGuard(registration);
    if (env) environment.restore();
    setCurrentFake(undefined);
  });
  return handle;
}
