import {
  CreateCustomKeyStoreCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  InvalidMarkerException,
  KMSServiceException,
  paginateDescribeCustomKeyStores,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { cloudHsmInput, xksPublicInput } from '../support/inputs.js';
import { create, rejectionOf } from '../support/kms.js';

describe('DescribeCustomKeyStores', () => {
  it('lists every store of the account and Region in creation order, with Truncated false', async () => {
    const kms = createKmsFake().client();
    const ids = [
      await create(kms, cloudHsmInput()),
      await create(kms, xksPublicInput()),
      await create(kms, cloudHsmInput()),
    ];
    const out = await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(out.CustomKeyStores?.map((s) => s.CustomKeyStoreId)).toEqual(ids);
    expect(out.Truncated).toBe(false);
    expect(out.NextMarker).toBeUndefined();
  });

  it('returns an empty list, not an error, when there are no stores', async () => {
    const out = await createKmsFake().client().send(new DescribeCustomKeyStoresCommand({}));
    expect(out.CustomKeyStores).toEqual([]);
    expect(out.Truncated).toBe(false);
  });

  it('filters by id and by name; a filter that matches nothing is CustomKeyStoreNotFoundException', async () => {
    const kms = createKmsFake().client();
    const id = await create(kms, cloudHsmInput({ CustomKeyStoreName: 'by-name' }));
    const byName = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'by-name' }));
    expect(byName.CustomKeyStores?.map((s) => s.CustomKeyStoreId)).toEqual([id]);
    for (const filter of [
      { CustomKeyStoreId: 'cks-00000000000000000' },
      { CustomKeyStoreName: 'nope' },
      { CustomKeyStoreId: 'odd but long enough' },
    ]) {
      const error = await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand(filter)));
      expect(error.name).toBe('CustomKeyStoreNotFoundException');
      expect(error).toBeInstanceOf(KMSServiceException);
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
  });

  it('refuses an id and a name together by default (§8.1)', async () => {
    const kms = createKmsFake().client();
    const id = await create(kms, cloudHsmInput({ CustomKeyStoreName: 'both' }));
    const error = await rejectionOf(
      kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id, CustomKeyStoreName: 'both' })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Specify either CustomKeyStoreId or CustomKeyStoreName, but not both.');
  });

  it('treats an id and a name as an AND filter when configured (§8.1 option)', async () => {
    const kms = createKmsFake({ describeWithIdAndName: 'and' }).client();
    const id = await create(kms, cloudHsmInput({ CustomKeyStoreName: 'both' }));
    const match = await kms.send(
      new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id, CustomKeyStoreName: 'both' }),
    );
    expect(match.CustomKeyStores).toHaveLength(1);
    const error = await rejectionOf(
      kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id, CustomKeyStoreName: 'other' })),
    );
    expect(error.name).toBe('CustomKeyStoreNotFoundException');
  });

  it('pages with Limit and an opaque NextMarker; the last page has Truncated false and no marker (§8.9)', async () => {
    const kms = createKmsFake().client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await create(kms, cloudHsmInput()));
    const first = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 2 }));
    expect(first.Truncated).toBe(true);
    expect(first.NextMarker).toEqual(expect.any(String));
    expect(first.NextMarker).not.toMatch(/^\d+$/);
    const second = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 2, Marker: first.NextMarker }));
    const third = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 2, Marker: second.NextMarker }));
    expect(third.Truncated).toBe(false);
    expect(third.NextMarker).toBeUndefined();
    const seen = [first, second, third].flatMap((p) => p.CustomKeyStores?.map((s) => s.CustomKeyStoreId));
    expect(seen).toEqual(ids);
  });

  it('uses pages of 100 when Limit is absent', async () => {
    const fake = createKmsFake({ quota: 150 });
    const kms = fake.client();
    for (let i = 0; i < 101; i++)
      fake.addStore({ CustomKeyStoreName: `s${i}`, CloudHsmClusterId: 'cluster-abcdefghijk' });
    const page = await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(page.CustomKeyStores).toHaveLength(100);
    expect(page.Truncated).toBe(true);
  });

  it('refuses malformed, forged and foreign markers with InvalidMarkerException', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    for (let i = 0; i < 3; i++) await create(kms, cloudHsmInput());
    const { NextMarker } = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 1 }));
    const marker = NextMarker as string;
    const [body, sig] = marker.split('.') as [string, string];
    const forgedBody = Buffer.from(
      Buffer.from(body, 'base64url')
        .toString()
        .replace(/"s":\d+/, '"s":0'),
    ).toString('base64url');
    const otherFake = createKmsFake();
    for (let i = 0; i < 3; i++) await create(otherFake.client(), cloudHsmInput());
    const foreign = (await otherFake.client().send(new DescribeCustomKeyStoresCommand({ Limit: 1 }))).NextMarker;
    const candidates: Array<[string, ReturnType<typeof fake.client>]> = [
      ['garbage', kms],
      [`${forgedBody}.${sig}`, kms],
      [foreign as string, kms],
      [marker, fake.client({ region: 'eu-west-1' })],
      [marker, fake.client({ account: '444455556666' })],
    ];
    for (const [m, client] of candidates) {
      const error = await rejectionOf(client.send(new DescribeCustomKeyStoresCommand({ Marker: m })));
      expect(error).toBeInstanceOf(InvalidMarkerException);
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    fake.reset();
    expect(await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand({ Marker: marker })))).toBeInstanceOf(
      InvalidMarkerException,
    );
  });

  it("the SDK's paginator walks 250 stores and returns each exactly once", async () => {
    const fake = createKmsFake({ quota: 300, timing: 'immediate' });
    const kms = fake.client();
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) ids.push(await create(kms, cloudHsmInput()));
    const seen: string[] = [];
    for await (const page of paginateDescribeCustomKeyStores({ client: kms, pageSize: 7 }, {})) {
      for (const s of page.CustomKeyStores ?? []) seen.push(s.CustomKeyStoreId as string);
    }
    expect(seen).toEqual(ids);
  });

  it('keeps the walk exact while stores are created and deleted between pages', async () => {
    const fake = createKmsFake({ quota: 400, timing: 'immediate' });
    const kms = fake.client();
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) ids.push(await create(kms, cloudHsmInput()));
    const deleted = new Set<string>();
    const added: string[] = [];
    const seen: string[] = [];
    let page = 0;
    for await (const out of paginateDescribeCustomKeyStores({ client: kms, pageSize: 20 }, {})) {
      for (const s of out.CustomKeyStores ?? []) seen.push(s.CustomKeyStoreId as string);
      page += 1;
      // Delete one store already seen and one not yet seen, and create a new one, between pages.
      const seenVictim = ids[page * 3];
      const aheadVictim = ids[ids.length - page];
      for (const victim of [seenVictim, aheadVictim]) {
        if (victim && !deleted.has(victim)) {
          await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: victim }));
          deleted.add(victim);
        }
      }
      added.push(await create(kms, cloudHsmInput()));
    }
    const survivors = ids.filter((id) => !deleted.has(id) || seen.includes(id));
    // Every store that existed for the whole walk is seen exactly once.
    const wholeWalk = ids.filter((id) => !deleted.has(id));
    for (const id of wholeWalk) expect(seen.filter((s) => s === id)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((id) => survivors.includes(id) || added.includes(id))).toBe(true);
  });

  it('isolates accounts and Regions (§8.17)', async () => {
    const fake = createKmsFake();
    const east = fake.client({ region: 'us-east-1' });
    const west = fake.client({ region: 'us-west-2' });
    const other = fake.client({ account: '444455556666' });
    const id = await create(east, cloudHsmInput({ CustomKeyStoreName: 'same-name' }));
    await create(west, cloudHsmInput({ CustomKeyStoreName: 'same-name' }));
    await create(other, cloudHsmInput({ CustomKeyStoreName: 'same-name' }));
    for (const client of [west, other]) {
      const out = await client.send(new DescribeCustomKeyStoresCommand({}));
      expect(out.CustomKeyStores?.map((s) => s.CustomKeyStoreId)).not.toContain(id);
      expect((await rejectionOf(client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id })))).name).toBe(
        'CustomKeyStoreNotFoundException',
      );
    }
    expect((await east.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores).toHaveLength(1);
  });

  it('changes no state when a Create is refused', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'taken' }));
    const before = JSON.stringify(fake.stores());
    await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'taken' }))));
    await rejectionOf(kms.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: '' })));
    expect(JSON.stringify(fake.stores())).toBe(before);
  });
});
