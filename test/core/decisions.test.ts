import {
  CreateCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { cloudHsmInput, clusterId } from '../support/inputs.js';
import { create, rejectionOf } from '../support/kms.js';

/** Send raw awsJson1_1 bytes, as a non-SDK client would. */
async function raw(fake: KmsFake, target: string | undefined, body: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (target !== undefined) headers['x-amz-target'] = target;
  const { response } = await fake.requestHandler.handle({
    method: 'POST',
    hostname: 'kms.us-east-1.amazonaws.com',
    path: '/',
    headers,
    body,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    json: JSON.parse(new TextDecoder().decode(response.body)),
  };
}

describe('wire errors (§8.4, §8.12)', () => {
  it('a body that is not JSON, or not a JSON object, is SerializationException 400', async () => {
    const fake = createKmsFake();
    for (const body of ['{not json', '[]', '"text"', '42', 'null']) {
      const { status, json } = await raw(fake, 'TrentService.DescribeCustomKeyStores', body);
      expect(status).toBe(400);
      expect(json.__type).toBe('SerializationException');
      expect(json.message).toEqual(expect.any(String));
    }
  });

  it('a member of the wrong JSON type is SerializationException 400', async () => {
    const fake = createKmsFake();
    for (const body of ['{"Limit":"10"}', '{"CustomKeyStoreId":{}}', '{"Limit":1.5}']) {
      const { status, json } = await raw(fake, 'TrentService.DescribeCustomKeyStores', body);
      expect([status, json.__type]).toEqual([400, 'SerializationException']);
    }
  });

  it('ignores unknown members, as AWS does', async () => {
    const fake = createKmsFake();
    const { status, json } = await raw(fake, 'TrentService.DescribeCustomKeyStores', '{"Unknown":1}');
    expect(status).toBe(200);
    expect(json).toEqual({ CustomKeyStores: [], Truncated: false });
  });

  it('a target that is not a KMS operation is UnknownOperationException 400', async () => {
    const fake = createKmsFake();
    for (const target of [undefined, 'TrentService.MakeCoffee', 'DynamoDB_20120810.ListTables', '']) {
      const { status, json } = await raw(fake, target, '{}');
      expect([status, json.__type]).toEqual([400, 'UnknownOperationException']);
    }
  });

  it('errors carry the bare shape name in __type and a request id header', async () => {
    const fake = createKmsFake();
    const { status, headers, json } = await raw(
      fake,
      'TrentService.ConnectCustomKeyStore',
      '{"CustomKeyStoreId":"cks-none"}',
    );
    expect(status).toBe(400);
    expect(Object.keys(json).sort()).toEqual(['__type', 'message']);
    expect(json.__type).toBe('CustomKeyStoreNotFoundException');
    expect(headers['x-amzn-requestid']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('CreationDate goes over the wire as epoch seconds with a millisecond fraction', async () => {
    const fake = createKmsFake({ now: () => Date.parse('2019-02-25T21:13:27.775Z') });
    await create(fake.client(), cloudHsmInput());
    const { json } = await raw(fake, 'TrentService.DescribeCustomKeyStores', '{}');
    expect(json.CustomKeyStores[0].CreationDate).toBe(1551129207.775);
  });
});

describe('order of checks (§8.7)', () => {
  it('input validation comes before existence', async () => {
    const kms = createKmsFake().client();
    const error = await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'x'.repeat(65) })));
    expect(error.name).toBe('ValidationException');
  });

  it('existence comes before state, and state before uniqueness', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'taken' }));
    const id = await create(kms, cloudHsmInput());
    fake.setState(id, 'FAILED', 'NETWORK_ERRORS');
    const notFound = await rejectionOf(
      kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-none', NewCustomKeyStoreName: 'taken' })),
    );
    expect(notFound.name).toBe('CustomKeyStoreNotFoundException');
    const invalid = await rejectionOf(
      kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'taken' })),
    );
    expect(invalid).toBeInstanceOf(CustomKeyStoreInvalidStateException);
  });
});

describe('ids and determinism (§8.11)', () => {
  async function run(seed: string) {
    const fake = createKmsFake({ seed, now: () => 0 });
    const kms = fake.client();
    const ids = [
      await create(kms, cloudHsmInput({ CustomKeyStoreName: 'a' })),
      await create(kms, cloudHsmInput({ CustomKeyStoreName: 'b' })),
    ];
    const requestIds = fake.calls().map((c) => c.requestId);
    return { ids, requestIds };
  }

  it('the same seed gives the same store ids and request ids; another seed does not', async () => {
    const a = await run('seed-1');
    const b = await run('seed-1');
    const c = await run('seed-2');
    expect(a).toEqual(b);
    expect(c.ids).not.toEqual(a.ids);
    for (const id of a.ids) expect(id).toMatch(/^cks-[0-9a-f]{17}$/);
    // Seeded request ids are still RFC 4122 version-4 UUIDs, each one different.
    for (const id of a.requestIds)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(a.requestIds).size).toBe(a.requestIds.length);
  });

  it('reset() replays the same ids', async () => {
    const fake = createKmsFake({ seed: 7 });
    const first = await create(fake.client(), cloudHsmInput({ CustomKeyStoreName: 'x' }));
    fake.reset();
    expect(await create(fake.client(), cloudHsmInput({ CustomKeyStoreName: 'x' }))).toBe(first);
  });

  it('a seeded id the stream draws again for a later seed is not given twice, for stores and for keys', async () => {
    const hsm = (name: string, id?: string) => ({
      ...(id ? { CustomKeyStoreId: id } : {}),
      CustomKeyStoreName: name,
      CloudHsmClusterId: clusterId(),
    });
    const drawn = createKmsFake({ seed: 'clash', stores: [hsm('first')], keys: [{}] });
    const storeId = drawn.stores()[0]?.CustomKeyStoreId as string;
    const keyId = drawn.keys()[0]?.KeyId as string;
    // The same seed draws those ids first again, for the seeds without one: the seeds that name them keep them.
    const fake = createKmsFake({
      seed: 'clash',
      stores: [hsm('given', storeId), hsm('drawn')],
      keys: [{ KeyId: keyId, Description: 'given' }, { Description: 'drawn' }],
    });
    const stores = fake.stores().map((s) => [s.CustomKeyStoreName, s.CustomKeyStoreId]);
    const keys = fake.keys().map((k) => [k.Description, k.KeyId]);
    expect(stores[0]).toEqual(['given', storeId]);
    expect(keys[0]).toEqual(['given', keyId]);
    expect(new Set(stores.map(([, id]) => id)).size).toBe(2);
    expect(new Set(keys.map(([, id]) => id)).size).toBe(2);
    const kms = fake.client();
    for (const [name, id] of stores) {
      const out = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
      expect(out.CustomKeyStores?.[0]?.CustomKeyStoreName).toBe(name);
    }
    for (const [description, id] of keys) {
      const out = await kms.send(new DescribeKeyCommand({ KeyId: id }));
      expect(out.KeyMetadata?.Description).toBe(description);
    }
    fake.reset();
    expect(fake.stores().map((s) => [s.CustomKeyStoreName, s.CustomKeyStoreId])).toEqual(stores);
    expect(fake.keys().map((k) => [k.Description, k.KeyId])).toEqual(keys);
  });

  it('without a seed, ids differ between fakes', async () => {
    const a = await create(createKmsFake().client(), cloudHsmInput());
    const b = await create(createKmsFake().client(), cloudHsmInput());
    expect(a).not.toBe(b);
  });
});

describe('seeding misuse is refused directly, not over the wire', () => {
  it('names what is wrong', () => {
    expect(() =>
      createKmsFake({
        stores: [{ CustomKeyStoreName: 'x', ConnectionState: 'FAILED', CloudHsmClusterId: 'cluster-abcdefghijk' }],
      }),
    ).toThrow(/\$\.stores\[0\]\.ConnectionErrorCode: is required when ConnectionState is FAILED/);
    expect(() =>
      createKmsFake({
        stores: [
          { CustomKeyStoreName: 'dup', CloudHsmClusterId: 'cluster-abcdefghijk' },
          { CustomKeyStoreName: 'dup', CloudHsmClusterId: 'cluster-bcdefghijkm' },
        ],
      }),
    ).toThrow(/\$\.stores\[1\]\.CustomKeyStoreName: dup is already the name of \$\.stores\[0\]/);
    expect(() => createKmsFake().failNextConnect('cks-unknown', 'NETWORK_ERRORS')).toThrow(
      /no custom key store "cks-unknown"/,
    );
    expect(() => createKmsFake({ account: '12' })).toThrow(/\$\.account: the value does not match/);
  });

  it('a seeded store in another Region is invisible to this one', async () => {
    const fake = createKmsFake({
      stores: [{ CustomKeyStoreName: 'eu', CloudHsmClusterId: 'cluster-abcdefghijk', Region: 'eu-west-1' }],
    });
    expect((await fake.client().send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores).toEqual([]);
    expect(
      (await fake.client({ region: 'eu-west-1' }).send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores,
    ).toHaveLength(1);
    await expect(
      fake
        .client({ region: 'eu-west-1', maxAttempts: 1 })
        .send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'eu' }))),
    ).rejects.toThrow(/already used/);
  });
});
