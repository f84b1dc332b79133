import { CustomKeyStoreNotFoundException, DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { isFakeKmsUsageError } from '../../src/index.js';
import { useKmsFake } from '../../src/testing/vitest.js';
import { cloudHsmInput } from '../support/inputs.js';
import { create, recordSentHeaders, rejectionOf } from '../support/kms.js';

const kms = useKmsFake({ fastClients: true });

/** A client as the code under test builds it, recording the headers of each request it sends. */
function clientUnderTest(): { client: KMSClient; sent: Record<string, string>[] } {
  const client = new KMSClient({ region: 'us-east-1' });
  return { client, sent: recordSentHeaders(client, 'high') };
}

describe('useKmsFake({ fastClients: true })', () => {
  it('answers clients the code under test builds, with the fast configuration: no SigV4, a fixed user agent', async () => {
    const { client, sent } = clientUnderTest();
    const id = await create(client, cloudHsmInput());
    expect(kms).toHaveStoreState(id, 'DISCONNECTED');
    expect(sent[0]?.authorization).toContain('Signature=fake-kms-unsigned');
    expect(sent[0]?.['user-agent']).toMatch(/^fake-kms\b/);
    expect((client.config as unknown as { cacheMiddleware?: boolean }).cacheMiddleware).toBe(true);
  });

  it('keeps the SDK exception classes and a fresh fake for every test', async () => {
    const { client } = clientUnderTest();
    expect(kms.stores()).toEqual([]);
    const error = await rejectionOf(
      client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-1234567890abcdef0' })),
    );
    expect(error).toBeInstanceOf(CustomKeyStoreNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses a misspelt install option by name', () => {
    const error = (() => {
      try {
        kms.install({ fastclients: true } as never);
      } catch (e) {
        return e;
      }
    })();
    expect(isFakeKmsUsageError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/no option "fastclients" \(did you mean fastClients\?\)/);
  });
});
