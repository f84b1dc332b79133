/**
 * A regression guard for issue 13 that does not depend on the machine: instead of timing calls, it counts
 * which stores (and KMS keys, and aliases) a call reads, and which middlewares the fake adds to the stack the
 * SDK resolves per call. Every record but the one a call names gets watching accessors; a call that scans,
 * sorts or filters them touches them all, an indexed one touches none.
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { kmsMatchers } from '../../src/testing/vitest.js';
import { cloudHsmInput, clusterId, xksPublicInput } from '../support/inputs.js';

expect.extend(kmsMatchers);

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
  const records = fake.engine.registry.peekAll();
  const spared = records[STORES / 2 + 1]?.id as string;
  for (const record of records) if (record.id !== spared) watch(record, WATCHED, touched);
  return { fake, touched, spared };
}

/** Make every read of `fields` of `record` add the record to `touched`. */
function watch(record: object, fields: readonly string[], touched: Set<unknown>): void {
  for (const field of fields) {
    let value = (record as Record<string, unknown>)[field];
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

  it('the store matchers read only the store they name, by id or by name', () => {
    const { fake, touched, spared } = watchedFake();
    expect(fake).toHaveStoreState(spared, 'DISCONNECTED');
    expect(fake).toHaveStoreName(spared, `hsm-${STORES / 2 + 1}`);
    expect(fake).toHaveStoreState(`hsm-${STORES / 2 + 1}`, 'DISCONNECTED');
    expect(fake).toHaveStoreErrorCode(spared, undefined);
    expect(touched.size).toBe(0);
  });

  it('reset() after a test renamed, connected and deleted one store and created two reads no other store', async () => {
    const { fake, touched, spared } = watchedFake();
    const kms = fake.client();
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: spared, NewCustomKeyStoreName: 'renamed' }));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: spared }));
    fake.setState(spared, 'DISCONNECTED');
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: spared }));
    await kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    await kms.send(new CreateCustomKeyStoreCommand(xksPublicInput()));
    fake.reset();
    expect(touched.size).toBe(0);
    // The fake kept its records rather than seeding new ones: a call on another store reads that one.
    await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: 'hsm-3' }));
    expect(touched.size).toBe(1);
    // The store is back, as seeded, in its place.
    const stores = fake.stores();
    expect(stores).toHaveLength(STORES);
    expect(stores[STORES / 2 + 1]).toMatchObject({
      CustomKeyStoreId: spared,
      CustomKeyStoreName: `hsm-${STORES / 2 + 1}`,
      ConnectionState: 'DISCONNECTED',
    });
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

const KEYS = 2_000;
const KEY_FIELDS = ['id', 'arn', 'account', 'region', 'seq', 'creationDate', 'description', 'origin', 'storeId'];
KEY_FIELDS.push('cloudHsmClusterId', 'enabled', 'deletionDate', 'tags');
const ALIAS_FIELDS = ['name', 'arn', 'account', 'region', 'targetKeyId', 'seq', 'creationDate', 'lastUpdatedDate'];

/**
 * A fake of 2,000 KMS keys, half of them in a CONNECTED CloudHSM store, one in ten pending deletion, each with
 * an alias, whose keys and aliases record who read them, except the key `spared` and its alias.
 */
function watchedKeys(): { fake: KmsFake; touched: Set<unknown>; spared: string; storeId: string } {
  const storeId = 'cks-0123456789abcdef0';
  const fake = createKmsFake({
    stores: [
      {
        CustomKeyStoreId: storeId,
        CustomKeyStoreName: 'hsm',
        CloudHsmClusterId: clusterId(),
        ConnectionState: 'CONNECTED',
      },
    ],
    keys: Array.from({ length: KEYS }, (_, i) => ({
      Aliases: [`alias/key-${i}`],
      ...(i % 2 ? { CustomKeyStoreId: storeId } : {}),
      // Keys waiting for deletion are checked on every call only once one is due.
      ...(i % 10 === 0 ? { KeyState: 'PendingDeletion' as const } : {}),
    })),
    timing: 'immediate',
  });
  const touched = new Set<unknown>();
  const keys = fake.engine.keys.peekAll();
  const spared = keys[KEYS / 2 + 1]?.id as string;
  for (const key of keys) {
    if (key.id === spared) continue;
    for (const alias of fake.engine.keys.peekAliasesOf(key.id)) watch(alias, ALIAS_FIELDS, touched);
    watch(key, KEY_FIELDS, touched);
  }
  return { fake, touched, spared, storeId };
}

describe(`a key call on a fake of ${KEYS.toLocaleString('en-US')} KMS keys reads only the keys it is about`, () => {
  it('DescribeKey (by id, ARN and alias), Encrypt, Decrypt, DisableKey and ScheduleKeyDeletion read no other key', async () => {
    const { fake, touched, spared } = watchedKeys();
    const kms = fake.client();
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: spared }));
    await kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata?.Arn }));
    await kms.send(new DescribeKeyCommand({ KeyId: `alias/key-${KEYS / 2 + 1}` }));
    const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: spared, Plaintext: Buffer.from('hi') }));
    await kms.send(new DecryptCommand({ CiphertextBlob }));
    await kms.send(new DisableKeyCommand({ KeyId: spared }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: spared, PendingWindowInDays: 7 }));
    await kms.send(new DescribeKeyCommand({ KeyId: spared }));
    expect(touched.size).toBe(0);
  });

  it('reset() after a test disabled, tagged and scheduled the deletion of one key reads no other key or alias', async () => {
    const { fake, touched, spared } = watchedKeys();
    const kms = fake.client();
    const alias = `alias/key-${KEYS / 2 + 1}`;
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new UpdateAliasCommand({ AliasName: alias, TargetKeyId: KeyMetadata?.KeyId }));
    await kms.send(new DisableKeyCommand({ KeyId: spared }));
    await kms.send(new TagResourceCommand({ KeyId: spared, Tags: [{ TagKey: 'team', TagValue: 'payments' }] }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: spared, PendingWindowInDays: 7 }));
    fake.reset();
    // (Keys seeded without a CreationDate, as these are, get the reset's date: written, never read.)
    expect(touched.size).toBe(0);
    // The fake kept its records rather than seeding new ones: a call on another key reads that one.
    await kms.send(new DescribeKeyCommand({ KeyId: 'alias/key-3' }));
    expect(touched.size).toBe(2);
    expect(fake.keyState(spared)).toBe('Enabled');
    expect(fake.keyState(alias)).toBe('Enabled');
    const keys = fake.keys();
    expect(keys).toHaveLength(KEYS);
    expect(keys.find((key) => key.KeyId === spared)).toMatchObject({ Aliases: [alias] });
    expect(keys.find((key) => key.KeyId === spared)?.Tags ?? []).toEqual([]);
  });

  it('toHaveKeyState reads only the key it names, by id or by alias', () => {
    const { fake, touched, spared } = watchedKeys();
    expect(fake).toHaveKeyState(spared, 'Enabled');
    expect(fake).toHaveKeyState(`alias/key-${KEYS / 2 + 1}`, 'Enabled');
    expect(touched.size).toBe(0);
  });

  it('CreateKey, in the default key store and in a CloudHSM store, and CreateAlias read no other key', async () => {
    const { fake, touched, storeId } = watchedKeys();
    const kms = fake.client();
    await kms.send(new CreateKeyCommand({}));
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ CustomKeyStoreId: storeId, Origin: 'AWS_CLOUDHSM' }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/fresh', TargetKeyId: KeyMetadata?.KeyId }));
    expect(touched.size).toBe(0);
  });

  it('a ListKeys or ListAliases page reads only the keys or aliases it returns, wherever the marker points', async () => {
    const { fake, touched } = watchedKeys();
    const kms = fake.client();
    let marker: string | undefined;
    for (let page = 0; page < 2; page++) {
      marker = (await kms.send(new ListKeysCommand({ Limit: 997, Marker: marker }))).NextMarker;
    }
    touched.clear();
    const last = await kms.send(new ListKeysCommand({ Limit: 7, Marker: marker }));
    expect(last.Keys).toHaveLength(KEYS - 2 * 997);
    expect(touched.size).toBe(KEYS - 2 * 997);
    touched.clear();
    const first = await kms.send(new ListKeysCommand({ Limit: 7 }));
    expect(first.Keys).toHaveLength(7);
    expect(touched.size).toBe(7);
    touched.clear();
    const aliases = await kms.send(new ListAliasesCommand({ Limit: 5 }));
    const next = await kms.send(new ListAliasesCommand({ Limit: 5, Marker: aliases.NextMarker }));
    expect(next.Aliases).toHaveLength(5);
    expect(touched.size).toBe(10);
  });
});

describe('a CloudHSM store call on a world of 2,000 described clusters reads only the clusters it is about', () => {
  it('Create and Update find related clusters through the lineage index, not by reading every description', async () => {
    // Clusters i and i + 1,000 share a backup lineage: each has one related cluster.
    const ids = Array.from({ length: 2_000 }, () => clusterId());
    const fake = createKmsFake({
      clusters: ids.map((id, i) => ({ clusterId: id, backupLineage: `lineage-${i % 1_000}` })),
      timing: 'immediate',
    });
    const touched = new Set<unknown>();
    const specs = (fake.world as unknown as { clusters: { all(): { clusterId: string }[] } }).clusters.all();
    const mine = new Set([ids[5], ids[1_005]]);
    for (const spec of specs) if (!mine.has(spec.clusterId)) watch(spec, Object.keys(spec), touched);
    const kms = fake.client();
    const { CustomKeyStoreId } = await kms.send(
      new CreateCustomKeyStoreCommand(cloudHsmInput({ CloudHsmClusterId: ids[5] })),
    );
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId, CloudHsmClusterId: ids[1_005] }));
    await kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    expect(fake.stores().map((s) => s.CloudHsmClusterId)).toContain(ids[1_005]);
    expect(touched.size).toBe(0);
  });
});

describe('the SDK middleware stack a call resolves', () => {
  /** The middlewares a command resolves on `kms`, which the SDK copies and sorts on every call without a cache. */
  function stackOf(kms: KMSClient): string[] {
    return kms.middlewareStack
      .concat(new DescribeCustomKeyStoresCommand({}).middlewareStack)
      .identify()
      .filter((id) => id.startsWith('fakeKms'));
  }

  it('holds no fake-kms middleware for a client of fake.client(), nor for an attached or installed one: the reset stamp travels in the call', async () => {
    const fake = createKmsFake();
    const built = fake.client();
    const attached = new KMSClient({ region: 'us-east-1' });
    fake.attach(attached);
    fake.install();
    try {
      const installed = new KMSClient({ region: 'us-east-1' });
      for (const kms of [built, attached, installed]) {
        await expect(kms.send(new DescribeCustomKeyStoresCommand({}))).resolves.toBeDefined();
        expect(stackOf(kms)).toEqual([]);
      }
      expect(fake.calls('DescribeCustomKeyStores')).toHaveLength(3);
    } finally {
      fake.uninstall();
      fake.detach(attached);
    }
  });

  it('holds two for clients that cache their middleware, or whose send() is already someone else’s', () => {
    const fake = createKmsFake();
    expect(stackOf(fake.client({ cacheMiddleware: true }))).toHaveLength(2);
    const caching = new KMSClient({ region: 'us-east-1', cacheMiddleware: true });
    const spied = new KMSClient({ region: 'us-east-1' });
    const ownSend = spied.send.bind(spied);
    Object.defineProperty(spied, 'send', { value: ownSend, writable: true, configurable: true });
    for (const kms of [caching, spied]) {
      fake.attach(kms);
      expect(stackOf(kms)).toHaveLength(2);
      fake.detach(kms);
      expect(stackOf(kms)).toEqual([]);
    }
  });
});
