/**
 * Found while writing the state-machine property (issue 5): a store seeded in a transient state must
 * settle like any other (spec §8.16), as `setState` documents for its own. Scenario files and snapshots
 * taken mid-transition produce exactly such seeds; a store that stays CONNECTING forever hangs every
 * "connect and poll until CONNECTED" loop.
 */
import { DescribeCustomKeyStoresCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, type StoreSeed, type Timing } from '../../src/index.js';

const seeds: StoreSeed[] = [
  { CustomKeyStoreName: 'seeded-connecting', CloudHsmClusterId: 'cluster-abcdefghijk', ConnectionState: 'CONNECTING' },
  {
    CustomKeyStoreName: 'seeded-disconnecting',
    CloudHsmClusterId: 'cluster-bcdefghijkm',
    ConnectionState: 'DISCONNECTING',
  },
];

async function states(kms: KMSClient): Promise<string> {
  const { CustomKeyStores = [] } = await kms.send(new DescribeCustomKeyStoresCommand({}));
  return CustomKeyStores.map((s) => s.ConnectionState).join('/');
}

describe('stores seeded in CONNECTING or DISCONNECTING (§8.16)', () => {
  it('are seen once in the transient state by default, then settle', async () => {
    const kms = createKmsFake({ stores: seeds }).client();
    expect([await states(kms), await states(kms)]).toEqual(['CONNECTING/DISCONNECTING', 'CONNECTED/DISCONNECTED']);
  });

  it.each<[string, Timing]>([
    ['immediate', 'immediate'],
    ['after 0 observations', { observations: 0 }],
  ])('are settled from the start with %s timing', async (_label, timing) => {
    expect(await states(createKmsFake({ timing, stores: seeds }).client())).toBe('CONNECTED/DISCONNECTED');
  });

  it('settle by hand with manual timing, and again after reset()', async () => {
    const fake = createKmsFake({ timing: 'manual', stores: seeds });
    const kms = fake.client();
    for (let round = 0; round < 2; round++) {
      expect(await states(kms)).toBe('CONNECTING/DISCONNECTING');
      fake.settle();
      expect(await states(kms)).toBe('CONNECTED/DISCONNECTED');
      fake.reset();
    }
  });
});
