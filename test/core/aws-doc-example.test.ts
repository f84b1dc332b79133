import { DescribeCustomKeyStoresCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { TRUST_ANCHOR } from '../support/inputs.js';

describe("the AWS documentation's ExampleKeyStore as a fixture", () => {
  it('describes by name with exactly the CloudHSM members and nothing of XKS', async () => {
    const fake = createKmsFake({
      stores: [
        {
          CustomKeyStoreId: 'cks-1234567890abcdef0',
          CustomKeyStoreName: 'ExampleKeyStore',
          CloudHsmClusterId: 'cluster-1a23b4cdefg',
          TrustAnchorCertificate: TRUST_ANCHOR,
          ConnectionState: 'CONNECTED',
          CreationDate: '2017-07-05T21:04:55Z',
        },
      ],
    });
    const { CustomKeyStores } = await fake
      .client()
      .send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'ExampleKeyStore' }));
    const entry = CustomKeyStores?.[0];
    expect(Object.keys(entry ?? {}).sort()).toEqual([
      'CloudHsmClusterId',
      'ConnectionState',
      'CreationDate',
      'CustomKeyStoreId',
      'CustomKeyStoreName',
      'CustomKeyStoreType',
      'TrustAnchorCertificate',
    ]);
    expect(entry).toEqual({
      CustomKeyStoreId: 'cks-1234567890abcdef0',
      CustomKeyStoreName: 'ExampleKeyStore',
      CloudHsmClusterId: 'cluster-1a23b4cdefg',
      TrustAnchorCertificate: TRUST_ANCHOR,
      ConnectionState: 'CONNECTED',
      CreationDate: new Date(Date.UTC(2017, 6, 5, 21, 4, 55)),
      CustomKeyStoreType: 'AWS_CLOUDHSM',
    });
  });

  it('comes back exactly as seeded after reset()', async () => {
    const fake = createKmsFake({
      stores: [
        {
          CustomKeyStoreId: 'cks-1234567890abcdef0',
          CustomKeyStoreName: 'ExampleKeyStore',
          CloudHsmClusterId: 'cluster-1a23b4cdefg',
          ConnectionState: 'CONNECTED',
        },
      ],
    });
    fake.setState('cks-1234567890abcdef0', 'FAILED', 'NETWORK_ERRORS');
    fake.addStore({ CustomKeyStoreName: 'extra', CloudHsmClusterId: 'cluster-abcdefghijk' });
    fake.reset();
    expect(fake.stores().map((s) => [s.CustomKeyStoreId, s.ConnectionState])).toEqual([
      ['cks-1234567890abcdef0', 'CONNECTED'],
    ]);
  });
});
