/** Fake credentials for every AWS SDK client in a test: never valid anywhere, never sent anywhere. */
export const TEST_ACCESS_KEY_ID = 'FAKEKMSTESTACCESSKEY';
const TEST_SECRET_ACCESS_KEY = 'fake-kms-test-secret-access-key-not-a-secret';

/** Variables unset during tests, so no real identity or profile reaches the code under test. */
const UNSET = ['AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;

export interface TestEnvironment {
  /** Save the current values (first time only) and set the hardened ones; safe to call again before each test. */
  apply(): void;
  /** Put back exactly what was there before the first `apply()`, including variables that were unset. */
  restore(): void;
}

/**
 * Environment hardening for a test file: no EC2 metadata look-ups, a Region, and fake static credentials,
 * so that no SDK client in the process (KMS or any other) can find a real identity or open a socket to
 * look for one. Values are put back afterwards.
 */
export function testEnvironment(region: string): TestEnvironment {
  const wanted: Record<string, string | undefined> = {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY,
    // The SDK's once-per-process warning about future Node versions is noise a test cannot act on.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const name of UNSET) wanted[name] = undefined;
  const names = Object.keys(wanted);
  let saved: Map<string, string | undefined> | undefined;
  return {
    apply() {
      saved ??= new Map(names.map((name) => [name, process.env[name]]));
      for (const name of names) setVariable(name, wanted[name]);
    },
    restore() {
      if (!saved) return;
      for (const [name, value] of saved) setVariable(name, value);
      saved = undefined;
    },
  };
}

/** Writes only what differs: `process.env` writes reach the C environment, and this runs before every test. */
function setVariable(name: string, value: string | undefined): void {
  if (process.env[name] === value) return;
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
