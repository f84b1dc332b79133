import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KmsFake } from '../../src/index.js';
import { useKmsFake } from '../../src/testing/vitest.js';

const kms = useKmsFake({ fresh: true });
const seen = new Set<object>();

describe('useKmsFake({ fresh: true })', () => {
  it('gives the first test a fake of its own, and lets it change the fake for every store', () => {
    kms.setTiming('manual');
    kms.failNext('DescribeCustomKeyStores', 'CustomKeyStoreNotFoundException');
    seen.add(kms.engine);
    expect(kms).toBeInstanceOf(KmsFake);
  });

  it('gives the next test a new fake, with nothing the first one changed', async () => {
    expect(seen.has(kms.engine)).toBe(false);
    expect(kms.engine.options.timing).toEqual({ observations: 1 });
    expect(kms.installed).toBe(true);
    // The injected CustomKeyStoreNotFoundException of the first test would answer otherwise.
    const out = await new KMSClient({}).send(new DescribeCustomKeyStoresCommand({}));
    expect(out.CustomKeyStores).toEqual([]);
  });
});
