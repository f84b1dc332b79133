import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, FakeKmsUsageError } from '../../src/index.js';
import { registerKmsFake, type TestHooks } from '../../src/testing/core/use-kms-fake.js';
import { afterFirstAttempt, networkAttempts, withProductionLikeCredentials } from './production-like.js';

withProductionLikeCredentials();

/** Issue 8, observation 1: a call in flight is answered by the fake it started with, whatever happens meanwhile. */
describe('a call in flight (an SDK retry in backoff included)', () => {
  it('is still answered by the fake when detach() runs before the SDK retries it, and never runs the client’s own credential provider', async () => {
    const fake = createKmsFake();
    let ownProviderCalls = 0;
    const ownCredentials = async () => {
      ownProviderCalls++;
      return { accessKeyId: 'AKIA4QZKX7RWN2PDEV3H', secretAccessKey: 'q9Xb0Lk3vR7mT2nW8yE5uJ1hG6fD4sA0pZcV3bN7' };
    };
    const kms = new KMSClient({ credentials: ownCredentials });
    fake.attach(kms);
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 1 });
    afterFirstAttempt(kms, () => fake.detach(kms));

    const out = await kms.send(new DescribeCustomKeyStoresCommand({}));

    expect(out.$metadata.attempts).toBe(2);
    expect(fake.calls('DescribeCustomKeyStores').map((c) => c.error?.code ?? 'answered')).toEqual([
      'KMSInternalException',
      'answered',
    ]);
    expect(ownProviderCalls).toBe(0);
    expect(networkAttempts()).toEqual([]);
  });

  it('is still answered by the fake when uninstall() runs before the SDK retries it', async () => {
    const fake = createKmsFake().install();
    const kms = new KMSClient({}); // built inside the code under test
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 1 });
    afterFirstAttempt(kms, () => fake.uninstall());

    const out = await kms.send(new DescribeCustomKeyStoresCommand({}));

    expect(fake.installed).toBe(false);
    expect(out.$metadata.attempts).toBe(2);
    expect(fake.calls('DescribeCustomKeyStores')).toHaveLength(2);
    expect(networkAttempts()).toEqual([]);
  });

  it('is counted from its first call under install(): uninstall() before the retry never runs the client’s own credential provider', async () => {
    const fake = createKmsFake().install();
    let ownProviderCalls = 0;
    const kms = new KMSClient({
      credentials: async () => {
        ownProviderCalls++;
        return { accessKeyId: 'AKIA4QZKX7RWN2PDEV3H', secretAccessKey: 'q9Xb0Lk3vR7mT2nW8yE5uJ1hG6fD4sA0pZcV3bN7' };
      },
    });
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 1 });
    afterFirstAttempt(kms, () => fake.uninstall());

    const out = await kms.send(new DescribeCustomKeyStoresCommand({}));

    expect(out.$metadata.attempts).toBe(2);
    expect(fake.calls('DescribeCustomKeyStores')).toHaveLength(2);
    expect(ownProviderCalls).toBe(0);
    expect(networkAttempts()).toEqual([]);
  });

  it('keeps its fake when another fake is installed before the retry; the new fake never sees it', async () => {
    const first = createKmsFake().install();
    const second = createKmsFake();
    const kms = new KMSClient({});
    first.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 1 });
    afterFirstAttempt(kms, () => {
      first.uninstall();
      second.install();
    });
    try {
      await kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(first.calls('DescribeCustomKeyStores')).toHaveLength(2);
      expect(second.calls()).toEqual([]);
      // The client's next call starts under the second fake.
      await kms.send(new DescribeCustomKeyStoresCommand({}));
      expect(second.calls('DescribeCustomKeyStores')).toHaveLength(1);
    } finally {
      second.uninstall();
    }
    expect(networkAttempts()).toEqual([]);
  });

  it("cannot be taken over by another fake's attach() while it runs; the client is free once it ended", async () => {
    const a = createKmsFake();
    const b = createKmsFake();
    const kms = new KMSClient({});
    a.attach(kms);
    a.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 1 });
    let takeover: unknown;
    afterFirstAttempt(kms, () => {
      a.detach(kms);
      try {
        b.attach(kms);
      } catch (error) {
        takeover = error;
      }
    });
    await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(takeover).toBeInstanceOf(FakeKmsUsageError);
    expect(String(takeover)).toMatch(/still has calls in flight that fake-kms fake #\d+ .* answers/);
    b.attach(kms);
    await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect([a.calls().length, b.calls().length]).toEqual([2, 1]);
    expect(networkAttempts()).toEqual([]);
  });

  it('under useKmsFake({ fresh: true }), an un-awaited call of one test is answered by its own fake when it retries in the next', async () => {
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
    const kms = registerKmsFake(register, { fresh: true, env: false });
    run('beforeAll');
    run('beforeEach');
    try {
      // Test 1 fires a call and does not await it; the call fails once and the SDK will retry it.
      const firstTestsFake = kms.engine;
      kms.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 1 });
      const client = new KMSClient({});
      afterFirstAttempt(client, () => run('beforeEach')); // test 2 starts while the SDK backs off
      const unawaited = client.send(new DescribeCustomKeyStoresCommand({}));

      const out = await unawaited;
      expect(kms.engine).not.toBe(firstTestsFake);
      expect(out.$metadata.attempts).toBe(2);
      expect(firstTestsFake.journal.callCount()).toBe(2);
      expect(kms.calls()).toEqual([]);
    } finally {
      run('afterAll');
    }
    expect(networkAttempts()).toEqual([]);
  });
});
