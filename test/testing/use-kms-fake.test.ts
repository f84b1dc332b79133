import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKmsFake, isFakeKmsUsageError } from '../../src/index.js';
import { TEST_ACCESS_KEY_ID } from '../../src/testing/core/test-environment.js';
import { currentKmsFake, useKmsFake } from '../../src/testing/vitest.js';
import { cloudHsmInput } from '../support/inputs.js';

const kms = useKmsFake({ region: 'eu-west-3', seed: 'helpers' });

describe('useKmsFake (Vitest)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a KMSClient built inside the code under test, with no configuration at all', async () => {
    const client = new KMSClient({});
    const { CustomKeyStoreId } = await client.send(
      new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'built-inside' })),
    );
    expect(kms).toHaveStoreName(CustomKeyStoreId as string, 'built-inside');
    expect(kms.stores()).toMatchObject([{ Region: 'eu-west-3', Account: '111122223333' }]);
  });

  it('starts every test from the seeded state: the store of the previous test is gone', () => {
    expect(kms.stores()).toEqual([]);
    expect(kms.calls()).toEqual([]);
  });

  it('hardens the environment during the test: no EC2 metadata, the fake Region, fake credentials, no profile', () => {
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(process.env.AWS_REGION).toBe('eu-west-3');
    expect(process.env.AWS_ACCESS_KEY_ID).toBe(TEST_ACCESS_KEY_ID);
    expect(process.env.AWS_SECRET_ACCESS_KEY).toMatch(/not-a-secret/);
    expect(process.env.AWS_PROFILE).toBeUndefined();
    expect(process.env.AWS_SESSION_TOKEN).toBeUndefined();
  });

  it("keeps the account of the fake's own client({ account }) and attach(client, { account }) while installed", async () => {
    const attached = new KMSClient({});
    kms.attach(attached, { account: '777788889999' });
    await kms.client({ account: '444455556666' }).send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    await attached.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    await new KMSClient({}).send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    expect(kms.stores().map((s) => s.Account)).toEqual(['444455556666', '777788889999', '111122223333']);
    kms.detach(attached);
  });

  it('keeps the fake installed for every KMSClient', () => {
    expect(kms.installed).toBe(true);
  });

  it('gives setup files and other modules the same fake through currentKmsFake()', () => {
    expect(currentKmsFake()).toBe(kms);
  });

  it('refuses a second installed fake loudly instead of letting two fakes fight over KMSClient', () => {
    const other = createKmsFake();
    let error: unknown;
    try {
      other.install();
    } catch (e) {
      error = e;
    }
    expect(isFakeKmsUsageError(error)).toBe(true);
    expect(String(error)).toMatch(/already installed/);
  });

  it('lets timed transitions follow vi.useFakeTimers()', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z'), toFake: ['Date', 'setTimeout'] });
    const id = kms.addStore({ CustomKeyStoreName: 'timed', CloudHsmClusterId: 'cluster-1a23b4cdefg' });
    kms.setTiming({ afterMs: 30_000 }, id);
    const client = new KMSClient({});
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    const describe = async () =>
      (await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores?.[0]
        ?.ConnectionState;
    expect(await describe()).toBe('CONNECTING');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(await describe()).toBe('CONNECTING');
    expect(kms).toHaveStoreState(id, 'CONNECTING');
    await vi.advanceTimersByTimeAsync(1);
    // The matcher applies a transition whose time has come, as the next Describe would.
    expect(kms).toHaveStoreState(id, 'CONNECTED');
    expect(await describe()).toBe('CONNECTED');
  });
});
