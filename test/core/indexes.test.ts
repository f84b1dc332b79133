import {
  AlreadyExistsException,
  CloudHsmClusterInUseException,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreNameInUseException,
  CustomKeyStoreNotFoundException,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  paginateDescribeCustomKeyStores,
  UpdateCustomKeyStoreCommand,
  XksProxyUriEndpointInUseException,
  XksProxyUriInUseException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, fastKmsClientConfig } from '../../src/index.js';
import { cloudHsmInput, clusterId, xksPublicInput, xksVpcInput } from '../support/inputs.js';
import { create, recordSentHeaders, rejectionOf } from '../support/kms.js';

/** Every store name, walking Describe pages of `pageSize` with the SDK paginator. */
async function walk(kms: ReturnType<ReturnType<typeof createKmsFake>['client']>, pageSize: number): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeCustomKeyStores({ client: kms, pageSize }, {})) {
    for (const store of page.CustomKeyStores ?? []) names.push(store.CustomKeyStoreName as string);
  }
  return names;
}

describe('lookups follow every change to a store', () => {
  it('frees a name when its store is renamed, and takes the new one', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const id = await create(kms, cloudHsmInput({ CustomKeyStoreName: 'before' }));
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'after' }));

    const byOld = await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'before' })));
    expect(byOld).toBeInstanceOf(CustomKeyStoreNotFoundException);
    const byNew = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'after' }));
    expect(byNew.CustomKeyStores?.[0]?.CustomKeyStoreId).toBe(id);
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'before' }));
    const taken = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'after' }))),
    );
    expect(taken).toBeInstanceOf(CustomKeyStoreNameInUseException);
  });

  it('frees a cluster when its store moves to a related cluster, and when the store is deleted', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const first = clusterId();
    const second = clusterId();
    const id = await create(kms, cloudHsmInput({ CloudHsmClusterId: first }));
    fake.world.cluster(second).relatedTo(first);
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: second }));
    // The store is on the second cluster now; the first shares its lineage, so both are in use through it.
    for (const cluster of [first, second]) {
      const clash = await rejectionOf(
        kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CloudHsmClusterId: cluster }))),
      );
      expect(clash).toBeInstanceOf(CloudHsmClusterInUseException);
      expect(clash.message).toContain(id);
    }
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await create(kms, cloudHsmInput({ CloudHsmClusterId: first }));
  });

  it('frees an XKS URI and endpoint when the store changes them, and holds the new ones', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const input = xksPublicInput();
    const id = await create(kms, input);
    const moved = 'https://moved.example.com';
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, XksProxyUriEndpoint: moved }));

    await create(kms, xksPublicInput({ XksProxyUriEndpoint: input.XksProxyUriEndpoint }));
    const sameUri = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(xksPublicInput({ XksProxyUriEndpoint: moved }))),
    );
    expect(sameUri).toBeInstanceOf(XksProxyUriInUseException);
    const vpcOnSameEndpoint = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(xksVpcInput({ XksProxyUriEndpoint: moved }))),
    );
    expect(vpcOnSameEndpoint).toBeInstanceOf(XksProxyUriEndpointInUseException);
  });
});

describe('paging keeps its place among thousands of stores', () => {
  it('walks 2,500 seeded stores in creation order, each once', async () => {
    const stores = Array.from({ length: 2_500 }, (_, i) => ({
      CustomKeyStoreName: `s-${i}`,
      CloudHsmClusterId: clusterId(),
    }));
    const fake = createKmsFake({ stores, quota: 3_000 });
    expect(await walk(fake.client(), 1_000)).toEqual(stores.map((s) => s.CustomKeyStoreName));
  });

  it('neither skips nor repeats a store when most stores are deleted and others created mid-walk', async () => {
    const stores = Array.from({ length: 300 }, (_, i) => ({
      CustomKeyStoreName: `s-${i}`,
      CloudHsmClusterId: clusterId(),
    }));
    const fake = createKmsFake({ stores, quota: 1_000 });
    const kms = fake.client();
    const first = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 10 }));
    const seen = (first.CustomKeyStores ?? []).map((s) => s.CustomKeyStoreName);
    // Delete every store but every seventh (the page already returned included), then add three.
    const all = fake.stores();
    for (const [i, store] of all.entries()) {
      if (i % 7 !== 0) await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId }));
    }
    for (const name of ['new-1', 'new-2', 'new-3']) await create(kms, cloudHsmInput({ CustomKeyStoreName: name }));

    let marker = first.NextMarker;
    while (marker) {
      const page = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 10, Marker: marker }));
      seen.push(...(page.CustomKeyStores ?? []).map((s) => s.CustomKeyStoreName));
      marker = page.NextMarker;
    }
    const survivorsAfterFirstPage = all.filter((_, i) => i >= 10 && i % 7 === 0).map((s) => s.CustomKeyStoreName);
    expect(seen).toEqual([
      ...stores.slice(0, 10).map((s) => s.CustomKeyStoreName),
      ...survivorsAfterFirstPage,
      'new-1',
      'new-2',
      'new-3',
    ]);
  });

  it('ends a walk with Truncated false when the last stores were deleted', async () => {
    const fake = createKmsFake({ quota: 100 });
    const kms = fake.client();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await create(kms, cloudHsmInput()));
    for (const id of ids.slice(2)) await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    const page = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 2 }));
    expect(page.CustomKeyStores).toHaveLength(2);
    expect(page.Truncated).toBe(false);
    expect(page.NextMarker).toBeUndefined();
  });
});

describe('the fast client configuration', () => {
  it('keeps the SDK serde, exception classes and the account a client acts as', async () => {
    const fake = createKmsFake();
    const kms = fake.client({ ...fastKmsClientConfig(), account: '444455556666' });
    const id = await create(kms, cloudHsmInput());
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
    expect(CustomKeyStores?.[0]?.CreationDate).toBeInstanceOf(Date);
    expect(fake.calls('CreateCustomKeyStore')[0]?.account).toBe('444455556666');
    // The default account does not see the store: accounts stay isolated without a real signature.
    const other = fake.client(fastKmsClientConfig());
    const missing = await rejectionOf(other.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id })));
    expect(missing).toBeInstanceOf(CustomKeyStoreNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(400);
  });

  it('acts in the Region the client names', async () => {
    const fake = createKmsFake();
    await create(fake.client({ ...fastKmsClientConfig(), region: 'eu-west-1' }), cloudHsmInput());
    expect(fake.calls()[0]?.region).toBe('eu-west-1');
  });

  it('sends a fixed user agent and a credential scope in place of a signature, as documented', async () => {
    const fake = createKmsFake();
    const kms = fake.client(fastKmsClientConfig());
    const sent = recordSentHeaders(kms);
    await kms.send(new DescribeCustomKeyStoresCommand({}));
    const headers = sent[0] ?? {};
    expect(headers['user-agent']).toMatch(/^fake-kms\b/);
    expect(headers.authorization).toMatch(/Credential=FAKE\d{12}KMS0\/\d{8}\/us-east-1\/kms\/aws4_request/);
    expect(headers.authorization).toContain('Signature=fake-kms-unsigned');
  });
});

describe('reset() indexes the seeds again as the constructor did', () => {
  it.each([
    ['with a seed (the same ids again)', 'same-ids'],
    ['without one (new ids)', undefined],
  ])('%s: seeded names, clusters, ids and aliases are found and taken after reset', async (_what, seed) => {
    const fake = createKmsFake({
      seed,
      stores: [
        { CustomKeyStoreName: 'seeded-a', CloudHsmClusterId: 'cluster-aaaaaaaaaaa' },
        { CustomKeyStoreName: 'seeded-b', CloudHsmClusterId: 'cluster-bbbbbbbbbbb' },
      ],
      keys: [{ Aliases: ['alias/seeded', 'alias/seeded-too'] }],
    });
    const kms = fake.client();
    const before = fake.stores().map((s) => s.CustomKeyStoreId);
    const keyBefore = fake.keys()[0]?.KeyId;
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'added' }));
    fake.reset();

    const ids = fake.stores().map((s) => s.CustomKeyStoreId as string);
    if (seed) expect([ids, fake.keys()[0]?.KeyId]).toEqual([before, keyBefore]);
    for (const id of ids) {
      const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
      expect(CustomKeyStores?.[0]?.CustomKeyStoreId).toBe(id);
    }
    const byName = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'seeded-b' }));
    expect(byName.CustomKeyStores?.[0]?.CustomKeyStoreId).toBe(ids[1]);
    const sameName = kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'seeded-a' })));
    expect(await rejectionOf(sameName)).toBeInstanceOf(CustomKeyStoreNameInUseException);
    const sameCluster = kms.send(
      new CreateCustomKeyStoreCommand(cloudHsmInput({ CloudHsmClusterId: 'cluster-aaaaaaaaaaa' })),
    );
    expect(await rejectionOf(sameCluster)).toBeInstanceOf(CloudHsmClusterInUseException);
    expect(fake.stores().map((s) => s.CustomKeyStoreName)).toEqual(['seeded-a', 'seeded-b']);

    const keyId = fake.keys()[0]?.KeyId as string;
    const sameAlias = kms.send(new CreateAliasCommand({ AliasName: 'alias/seeded-too', TargetKeyId: keyId }));
    expect(await rejectionOf(sameAlias)).toBeInstanceOf(AlreadyExistsException);
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/seeded' }));
    expect(KeyMetadata?.KeyId).toBe(keyId);
    expect(fake.keys()[0]?.Aliases).toEqual(['alias/seeded', 'alias/seeded-too']);
  });
});
