import { KMSClient, ListGrantsCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KmsFake } from '../../src/index.js';
import { useKmsFake } from '../../src/testing/vitest.js';

const kms = useKmsFake({ fresh: true });
const seen = new Set<object>();

describe('useKmsFake({ fresh: true })', () => {
  it('gives the first test a fake of its own, and lets it change the fake for every store', () => {
    kms.setTiming('manual');
    kms.failNext('ListGrants', 'KMSInternalException');
    seen.add(kms.engine);
    expect(kms).toBeInstanceOf(KmsFake);
  });

  it('gives the next test a new fake, with nothing the first one changed', async () => {
    expect(seen.has(kms.engine)).toBe(false);
    expect(kms.engine.options.timing).toEqual({ observations: 1 });
    expect(kms.installed).toBe(true);
    // ListGrants is not implemented: the injected KMSInternalException of the first test would answer otherwise.
    await expect(
      new KMSClient({}).send(new ListGrantsCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' })),
    ).rejects.toMatchObject({
      name: 'NotImplementedException',
    });
  });
});
