import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { FakeKmsUsageError } from '../../../src/index.js';
import { TEST_ACCESS_KEY_ID } from '../../../src/testing/core/test-environment.js';
import { currentKmsFake, useKmsFake } from '../../../src/testing/jest.js';
import { cloudHsmInput } from '../../support/inputs.js';

const kms = useKmsFake({ region: 'eu-central-1' });

function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the assertion to fail, but it passed');
}

describe('useKmsFake (Jest)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('refuses useKmsFake() inside a test, saying where to call it (it could install nothing there)', () => {
    expect(() => useKmsFake()).toThrow(FakeKmsUsageError);
    expect(() => useKmsFake()).toThrow(/inside a test or a hook.*at the top level of the test file/);
  });

  it('answers a KMSClient built inside the code under test', async () => {
    const { CustomKeyStoreId } = await new KMSClient({}).send(
      new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'from-jest' })),
    );
    expect(kms).toHaveStoreName(CustomKeyStoreId as string, 'from-jest');
    expect(kms).toHaveReceivedKmsCall(CreateCustomKeyStoreCommand, { CustomKeyStoreName: 'from-jest' });
  });

  it('starts every test from the seeded state', () => {
    expect(kms.stores()).toEqual([]);
    expect(kms).toHaveReceivedKmsCallTimes('CreateCustomKeyStore', 0);
  });

  it('hardens the environment during the test', () => {
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
    expect(process.env.AWS_REGION).toBe('eu-central-1');
    expect(process.env.AWS_ACCESS_KEY_ID).toBe(TEST_ACCESS_KEY_ID);
    expect(process.env.AWS_PROFILE).toBeUndefined();
    expect(currentKmsFake()).toBe(kms);
  });

  it('shows the same failure messages as under Vitest, from the shared core', () => {
    const id = kms.addStore({
      CustomKeyStoreName: 'locked',
      CloudHsmClusterId: 'cluster-1a23b4cdefg',
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'USER_LOCKED_OUT',
    });
    expect(kms).toHaveStoreErrorCode('locked', 'USER_LOCKED_OUT');
    expect(failure(() => expect(kms).toHaveStoreState(id, 'CONNECTED'))).toContain(
      `Expected store "${id}" to have ConnectionState CONNECTED.\nThe fake holds ${id} "locked" AWS_CLOUDHSM FAILED (USER_LOCKED_OUT) in 111122223333/eu-central-1.`,
    );
    expect(failure(() => expect(kms).not.toHaveStoreState(id, 'FAILED'))).toContain('but it does');
  });

  it("lets timed transitions follow Jest's modern fake timers", async () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
    const id = kms.addStore({ CustomKeyStoreName: 'timed', CloudHsmClusterId: 'cluster-1a23b4cdefg' });
    kms.setTiming({ afterMs: 10_000 }, id);
    const client = new KMSClient({});
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    const state = async () =>
      (await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores?.[0]
        ?.ConnectionState;
    expect(await state()).toBe('CONNECTING');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(kms).toHaveStoreState(id, 'CONNECTED');
    expect(await state()).toBe('CONNECTED');
  });
});
