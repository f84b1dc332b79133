import { KMSClient, ListGrantsCommand } from '@aws-sdk/client-kms';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUnhandledRequestGuardArmed } from '../../src/adapters/sdk/unhandled-request-guard.js';
import { FakeKmsUsageError } from '../../src/index.js';
import { registerKmsFake, type TestHooks } from '../../src/testing/core/use-kms-fake.js';

/** Hooks recorded instead of registered, so one test can play a whole test file's lifecycle. */
function recordedHooks() {
  const hooks = {
    beforeAll: [] as Array<() => void>,
    beforeEach: [] as Array<() => void>,
    afterAll: [] as Array<() => void>,
  };
  const register: TestHooks = {
    beforeAll: (fn) => hooks.beforeAll.push(fn),
    beforeEach: (fn) => hooks.beforeEach.push(fn),
    afterAll: (fn) => hooks.afterAll.push(fn),
  };
  const run = (which: keyof typeof hooks) => {
    for (const fn of hooks[which]) fn();
  };
  return { register, run };
}

const NAMES = [
  'AWS_EC2_METADATA_DISABLED',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_PROFILE',
  'AWS_SESSION_TOKEN',
];

describe('the lifecycle behind useKmsFake', () => {
  let before: Record<string, string | undefined>;
  beforeEach(() => {
    before = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
    process.env.AWS_PROFILE = 'production-admin';
    process.env.AWS_REGION = 'ap-southeast-2';
    delete process.env.AWS_EC2_METADATA_DISABLED;
    delete process.env.AWS_ACCESS_KEY_ID;
  });
  afterEach(() => {
    for (const [n, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[n];
      else process.env[n] = v;
    }
  });

  it('puts back every variable after the file, including ones that were unset and ones it removed', () => {
    const { register, run } = recordedHooks();
    registerKmsFake(register, { region: 'us-west-2' });
    run('beforeAll');
    run('beforeEach');
    expect(process.env.AWS_PROFILE).toBeUndefined();
    expect(process.env.AWS_REGION).toBe('us-west-2');
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    run('afterAll');
    expect(process.env.AWS_PROFILE).toBe('production-admin');
    expect(process.env.AWS_REGION).toBe('ap-southeast-2');
    expect('AWS_EC2_METADATA_DISABLED' in process.env).toBe(false);
    expect('AWS_ACCESS_KEY_ID' in process.env).toBe(false);
  });

  it('re-applies the hardening before each test when a test changed it', () => {
    const { register, run } = recordedHooks();
    registerKmsFake(register);
    run('beforeAll');
    process.env.AWS_PROFILE = 'changed-by-a-test';
    run('beforeEach');
    expect(process.env.AWS_PROFILE).toBeUndefined();
    run('afterAll');
    expect(process.env.AWS_PROFILE).toBe('production-admin');
  });

  it('uninstalls after the file, so a KMSClient no longer reaches the fake', async () => {
    const { register, run } = recordedHooks();
    const fake = registerKmsFake(register, { install: true });
    run('beforeAll');
    run('beforeEach');
    expect(fake.installed).toBe(true);
    await expect(
      new KMSClient({}).send(new ListGrantsCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' })),
    ).rejects.toMatchObject({
      name: 'NotImplementedException',
    });
    run('afterAll');
    expect(fake.installed).toBe(false);
  });

  it('leaves the environment alone with env: false and KMSClient alone with install: false', () => {
    const { register, run } = recordedHooks();
    const fake = registerKmsFake(register, { env: false, install: false });
    run('beforeAll');
    run('beforeEach');
    expect(process.env.AWS_PROFILE).toBe('production-admin');
    expect(fake.installed).toBe(false);
    run('afterAll');
  });

  it('resets the fake to its seeded stores before each test', () => {
    const { register, run } = recordedHooks();
    const fake = registerKmsFake(register, {
      install: false,
      stores: [{ CustomKeyStoreName: 'seeded', CloudHsmClusterId: 'cluster-1a23b4cdefg' }],
    });
    run('beforeAll');
    run('beforeEach');
    fake.addStore({ CustomKeyStoreName: 'added-by-a-test', CloudHsmClusterId: 'cluster-2a23b4cdefg' });
    run('beforeEach');
    expect(fake.stores().map((s) => s.CustomKeyStoreName)).toEqual(['seeded']);
    run('afterAll');
  });

  it('refuses a second useKmsFake() whose fake would be installed while the first one is, saying where to call it', () => {
    const outer = recordedHooks();
    const inner = recordedHooks();
    const first = registerKmsFake(outer.register);
    registerKmsFake(inner.register);
    outer.run('beforeAll');
    try {
      expect(() => inner.run('beforeAll')).toThrow(FakeKmsUsageError);
      expect(() => inner.run('beforeAll')).toThrow(/called twice.*Call useKmsFake\(\) once/);
      inner.run('afterAll');
      expect(first.installed).toBe(true);
    } finally {
      outer.run('afterAll');
    }
  });

  it('lets two useKmsFake() run one after the other (sibling describe blocks), and beside one with install: false', () => {
    const [a, b, c] = [recordedHooks(), recordedHooks(), recordedHooks()];
    const first = registerKmsFake(a.register);
    const second = registerKmsFake(b.register);
    registerKmsFake(c.register, { install: false });
    a.run('beforeAll');
    c.run('beforeAll');
    a.run('afterAll');
    b.run('beforeAll');
    expect([first.installed, second.installed]).toEqual([false, true]);
    b.run('afterAll');
    c.run('afterAll');
  });

  it('guards against unhandled AWS requests from beforeAll to afterAll, even with install: false, unless told to bypass', () => {
    const guarded = recordedHooks();
    registerKmsFake(guarded.register, { install: false });
    guarded.run('beforeAll');
    expect(isUnhandledRequestGuardArmed()).toBe(true);
    guarded.run('afterAll');
    expect(isUnhandledRequestGuardArmed()).toBe(false);
    const bypass = recordedHooks();
    registerKmsFake(bypass.register, { onUnhandledRequest: 'bypass' });
    bypass.run('beforeAll');
    expect(isUnhandledRequestGuardArmed()).toBe(false);
    bypass.run('afterAll');
  });
});
