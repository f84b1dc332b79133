import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { useKmsFake } from '../../../src/testing/jest.js';

const kms = useKmsFake();

describe("Jest's fake timers and the SDK's retries", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('an injected retryable error is retried at once by a client built in the code under test, not hung', async () => {
    jest.useFakeTimers();
    kms.failNext('DescribeCustomKeyStores', 'ThrottlingException', { times: 2 });
    const out = await new KMSClient({}).send(new DescribeCustomKeyStoresCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(kms.calls('DescribeCustomKeyStores')).toHaveLength(3);
  });

  it("a failed toEqual on the fake prints Jest's diff of a short summary, not of the fake's internals", () => {
    kms.addStore({
      CustomKeyStoreName: 'secretive',
      CloudHsmClusterId: 'cluster-abcdefghijk',
      KeyStorePassword: 'kmsPswd-Jest-Canary',
    });
    let message = '';
    try {
      expect(kms).toEqual({ something: 'else' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('secretive');
    expect(message).not.toContain('kmsPswd-Jest-Canary');
    expect(message.split('\n').length).toBeLessThan(40);
  });
});
