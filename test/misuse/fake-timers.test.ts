import { CreateCustomKeyStoreCommand, DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { cloudHsmInput } from '../support/inputs.js';
import { cloudHsmSeed } from './support.js';

afterEach(() => {
  vi.useRealTimers();
});

type Failure = { name: string; $metadata: { attempts?: number } };

describe('the SDK retries as it decides, without waiting, on clients the fake wires', () => {
  it('with vi.useFakeTimers(), an injected retryable error is retried at once instead of hanging', async () => {
    vi.useFakeTimers();
    const fake = createKmsFake();
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 2 });
    const out = await fake.client().send(new DescribeCustomKeyStoresCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(fake.calls('DescribeCustomKeyStores').map((c) => c.error?.code)).toEqual([
      'KMSInternalException',
      'KMSInternalException',
      undefined,
    ]);
  });

  it("the quota's LimitExceededException is throttling to the SDK: three attempts, then your code sees it", async () => {
    vi.useFakeTimers();
    const fake = createKmsFake({ quota: 1, stores: [cloudHsmSeed()] });
    const error = (await fake
      .client()
      .send(new CreateCustomKeyStoreCommand(cloudHsmInput()))
      .catch((e: unknown) => e)) as Failure;
    expect(error.name).toBe('LimitExceededException');
    expect(error.$metadata.attempts).toBe(3);
    expect(fake.calls('CreateCustomKeyStore')).toHaveLength(3);
  });

  it("keeps the client's maxAttempts and never retries a client error", async () => {
    vi.useFakeTimers();
    const fake = createKmsFake();
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 'always' });
    const five = (await fake
      .client({ maxAttempts: 5 })
      .send(new DescribeCustomKeyStoresCommand({}))
      .catch((e: unknown) => e)) as Failure;
    expect(five.$metadata.attempts).toBe(5);
    const notFound = (await createKmsFake()
      .client()
      .send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-00000000000000000' }))
      .catch((e: unknown) => e)) as Failure;
    expect(notFound.$metadata.attempts).toBe(1);
  });

  it("attach gives a user's client the same instant retries, and detach gives its own strategy back", async () => {
    vi.useFakeTimers();
    const fake = createKmsFake();
    const kms = new KMSClient({ region: 'us-east-1' });
    const own = kms.config.retryStrategy;
    fake.attach(kms);
    fake.failNext('DescribeCustomKeyStores', 'ThrottlingException', { times: 1 });
    expect((await kms.send(new DescribeCustomKeyStoresCommand({}))).$metadata.attempts).toBe(2);
    fake.detach(kms);
    expect(kms.config.retryStrategy).toBe(own);
  });

  it("retryDelays: 'real' keeps the SDK's own backoff, for tests of backoff itself", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const fake = createKmsFake({ retryDelays: 'real' });
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 1 });
    const call = fake.client().send(new DescribeCustomKeyStoresCommand({}));
    await new Promise((resolve) => setImmediate(resolve));
    // The first attempt failed; the SDK now sleeps on a (frozen) timer before the second.
    expect(fake.calls('DescribeCustomKeyStores')).toHaveLength(1);
    await vi.runAllTimersAsync();
    expect((await call).$metadata.attempts).toBe(2);
  });
});
