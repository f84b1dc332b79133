/**
 * A regression guard for issue 13 that does not depend on the machine: instead of timing calls, it counts
 * which stores a call reads. Every store but the one a call names gets watching accessors; a call that
 * scans, sorts or filters the stores touches them all, an indexed one touches none.
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { cloudHsmInput, clusterId, xksPublicInput } from '../support/inputs.js';

const STORES = 2_000;
const WATCHED = ['name', 'seq', 'state', 'account', 'region', 'cloudHsm', 'xks', 'pending'] as const;

/** A fake of 2,000 stores (CloudHSM and XKS) whose stores record who read them, except `spared`. */
function watchedFake(): { fake: KmsFake; touched: Set<unknown>; spared: string } {
  const stores = Array.from({ length: STORES }, (_, i) =>
    i % 2
      ? { CustomKeyStoreName: `hsm-${i}`, CloudHsmClusterId: clusterId() }
      : {
          CustomKeyStoreName: `xks-${i}`,
          CustomKeyStoreType: 'EXTERNAL_KEY_STORE' as const,
          XksProxyConfiguration: {
            Connectivity: 'PUBLIC_ENDPOINT' as const,
            AccessKeyId: 'ABCDE23456ABCDE23456',
            UriEndpoint: `https://xks-${i}.example.com`,
            UriPath: '/kms/xks/v1',
          },
          XksProxyRawSecretAccessKey: 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=',
        },
  );
  const fake = createKmsFake({ stores, quota: STORES + 10, timing: 'immediate' });
  const touched = new Set<unknown>();
  const records = fake.engine.registry.all();
  const spared = records[STORES / 2 + 1]?.id as string;
  for (const record of records) {
    if (record.id === spared) continue;
    for (const field of WATCHED) {
      let value = (record as unknown as Record<string, unknown>)[field];
      Object.defineProperty(record, field, {
        enumerable: true,
        configurable: true,
        get: () => {
          touched.add(record);
          return value;
        },
        set: (next) => {
          value = next;
        },
      });
    }
  }
  return { fake, touched, spared };
}

describe(`a call on a fake of ${STORES.toLocaleString('en-US')} stores reads only the stores it is about`, () => {
  it('Describe by id and by name, Connect, Update and Delete read no other store', async () => {
    const { fake, touched, spared } = watchedFake();
    const kms = fake.client();
    await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: spared }));
    await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: `hsm-${STORES / 2 + 1}` }));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: spared }));
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: spared, NewCustomKeyStoreName: 'renamed' }));
    fake.setState(spared, 'DISCONNECTED');
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: spared }));
    expect(touched.size).toBe(0);
  });

  it('Create of a CloudHSM or an external key store reads no other store', async () => {
    const { fake, touched } = watchedFake();
    const kms = fake.client();
    await kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    await kms.send(new CreateCustomKeyStoreCommand(xksPublicInput()));
    expect(touched.size).toBe(0);
  });

  it('a page reads only the stores it returns, wherever the marker points', async () => {
    const { fake, touched } = watchedFake();
    const kms = fake.client();
    let marker: string | undefined;
    for (let page = 0; page < 2; page++) {
      marker = (await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 997, Marker: marker }))).NextMarker;
    }
    touched.clear();
    const last = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 7, Marker: marker }));
    expect(last.CustomKeyStores).toHaveLength(STORES - 2 * 997);
    expect(touched.size).toBe(STORES - 2 * 997);
    touched.clear();
    const first = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 7 }));
    expect(first.CustomKeyStores).toHaveLength(7);
    expect(touched.size).toBe(7);
  });
});
