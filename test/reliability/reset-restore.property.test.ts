/**
 * reset() puts back only the stores, keys and aliases a test reached when it knows them all, and seeds
 * everything again otherwise. Either way the fake must be exactly as seeded: this runs random operations through
 * a real KMSClient and the fake's own controls, resets, and compares everything a user can read with a fake
 * made fresh from the same options at the same moment (ids included: with a seed, the same ids; without one,
 * the ids the fake had before).
 */
import {
  CancelKeyDeletionCommand,
  ConnectCustomKeyStoreCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyCommand,
  EncryptCommand,
  type KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateCustomKeyStoreCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKmsFake, type KeySeed, type KmsFake, type StoreSeed } from '../../src/index.js';
import { TRUST_ANCHOR, XKS_CREDENTIAL } from '../support/inputs.js';

const START = Date.UTC(2026, 5, 1);
const RUNS = Number(process.env.RESET_RUNS ?? 100);

const STORE_SEEDS: StoreSeed[] = [
  {
    CustomKeyStoreName: 'hsm-dated',
    CloudHsmClusterId: 'cluster-aaaaaaaaaaa',
    TrustAnchorCertificate: TRUST_ANCHOR,
    KeyStorePassword: 'kmsPswd-123',
    CreationDate: '2025-01-02T03:04:05Z',
    KeyCount: 2,
  },
  // No CreationDate: it is the moment of seeding, so reset() dates it anew.
  { CustomKeyStoreName: 'hsm-undated', CloudHsmClusterId: 'cluster-bbbbbbbbbbb', KeyCount: 1 },
  {
    CustomKeyStoreName: 'xks-public',
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    ConnectionState: 'CONNECTED',
    XksProxyConfiguration: {
      Connectivity: 'PUBLIC_ENDPOINT',
      AccessKeyId: XKS_CREDENTIAL.AccessKeyId,
      UriEndpoint: 'https://xks-seeded.example.com',
      UriPath: '/kms/xks/v1',
    },
    XksProxyRawSecretAccessKey: XKS_CREDENTIAL.RawSecretAccessKey,
    KeyCount: 1,
  },
  { CustomKeyStoreName: 'hsm-connecting', CloudHsmClusterId: 'cluster-ccccccccccc', ConnectionState: 'CONNECTING' },
  {
    CustomKeyStoreName: 'hsm-failed',
    CloudHsmClusterId: 'cluster-ddddddddddd',
    ConnectionState: 'FAILED',
    ConnectionErrorCode: 'USER_LOCKED_OUT',
    CreationDate: '2025-06-01T00:00:00Z',
  },
  { CustomKeyStoreName: 'hsm-plain', CloudHsmClusterId: 'cluster-ggggggggggg', CreationDate: '2025-07-01T00:00:00Z' },
];

const KEY_SEEDS: KeySeed[] = [
  { Description: 'tagged', Aliases: ['alias/one', 'alias/two'], Tags: [{ TagKey: 'team', TagValue: 'payments' }] },
  { KeyState: 'PendingDeletion', Aliases: ['alias/doomed'], CreationDate: '2025-03-03T00:00:00Z' },
  { KeyState: 'Disabled', Description: 'off', CreationDate: '2025-04-04T00:00:00Z' },
  { Aliases: ['alias/plain'] },
  { KeyState: 'PendingDeletion', DeletionDate: '2026-06-20T00:00:00Z', CreationDate: '2025-05-05T00:00:00Z' },
];

interface Options {
  stores: number[];
  keys: number[];
  seed: string | undefined;
  quota: number;
  timing: 'immediate' | 'manual' | { observations: number } | { afterMs: number };
}

const optionsArb: fc.Arbitrary<Options> = fc.record({
  stores: fc.subarray([0, 1, 2, 3, 4, 5]),
  keys: fc.subarray([0, 1, 2, 3, 4]),
  seed: fc.option(fc.constant('reset-restore'), { nil: undefined }),
  quota: fc.constantFrom(7, 20),
  timing: fc.constantFrom<Options['timing']>('immediate', 'manual', { observations: 1 }, { afterMs: 5_000 }),
});

/** One fake of the run, its clock and its client. */
interface Run {
  fake: KmsFake;
  kms: KMSClient;
  clock: { now: number };
  /** Ciphertexts made since the last reset. */
  ciphertexts: Uint8Array[];
}

function makeFake(o: Options, clock: { now: number }): KmsFake {
  return createKmsFake({
    stores: o.stores.map((i) => STORE_SEEDS[i] as StoreSeed),
    keys: o.keys.map((i) => KEY_SEEDS[i] as KeySeed),
    seed: o.seed,
    timing: o.timing,
    quota: o.quota,
    now: () => clock.now,
  });
}

type Step = (r: Run) => Promise<unknown> | unknown;
const storeIds = (r: Run) => r.fake.stores().map((s) => s.CustomKeyStoreId as string);
const keyIds = (r: Run) => r.fake.keys().map((k) => k.KeyId as string);
const nth = <T>(list: T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];
/** A call whose KMS error is part of the game (a wrong state, a name taken): the state must match either way. */
const settled = async (r: Run, command: object) => {
  await r.kms.send(command as never).catch((error: unknown) => {
    if (!(error instanceof Error && '$metadata' in error)) throw error;
  });
};
let created = 0;

const stepArb: fc.Arbitrary<[string, Step]> = fc.oneof(
  fc.nat(9).map((n): [string, Step] => [
    `connect #${n}`,
    async (r: Run) => {
      const id = nth(storeIds(r), n);
      if (id) await settled(r, new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    },
  ]),
  fc.nat(9).map((n): [string, Step] => [
    `disconnect #${n}`,
    async (r: Run) => {
      const id = nth(storeIds(r), n);
      if (id) await settled(r, new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    },
  ]),
  fc.nat(9).map((n): [string, Step] => [
    `disconnect and delete store #${n}`,
    async (r: Run) => {
      const id = nth(storeIds(r), n);
      if (!id) return;
      await settled(r, new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      r.fake.settle(id);
      await settled(r, new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    },
  ]),
  fc.nat(9).map((n): [string, Step] => [
    `move store #${n} to a related cluster`,
    async (r: Run) => {
      const store = nth(r.fake.stores(), n);
      if (!store?.CloudHsmClusterId) return;
      const related = 'cluster-hhhhhhhhhhh';
      r.fake.world.cluster(related).relatedTo(store.CloudHsmClusterId);
      await settled(
        r,
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId, CloudHsmClusterId: related }),
      );
    },
  ]),
  fc.tuple(fc.nat(9), fc.constantFrom('hsm-dated', 'renamed', 'xks-public')).map(([n, name]): [string, Step] => [
    `rename #${n} to ${name}`,
    async (r: Run) => {
      const id = nth(storeIds(r), n);
      if (id) await settled(r, new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: name }));
    },
  ]),
  fc.nat(9).map((n): [string, Step] => [
    `new password for #${n}`,
    async (r: Run) => {
      const id = nth(storeIds(r), n);
      if (id)
        await settled(r, new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: 'kmsPswd-999' }));
    },
  ]),
  fc.constantFrom('hsm-dated', 'made-1', 'made-2').map((name): [string, Step] => [
    `create store ${name}`,
    async (r: Run) => {
      created += 1;
      await settled(
        r,
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: name,
          CloudHsmClusterId: `cluster-mmmmmmmmmm${'abcdefghij'[created % 10]}`,
          TrustAnchorCertificate: TRUST_ANCHOR,
          KeyStorePassword: 'kmsPswd-123',
        }),
      );
    },
  ]),
  fc.option(fc.nat(9), { nil: undefined }).map((n): [string, Step] => [
    `create key${n === undefined ? '' : ` in #${n}`}`,
    async (r: Run) => {
      const id = n === undefined ? undefined : nth(storeIds(r), n);
      await settled(r, new CreateKeyCommand(id ? { CustomKeyStoreId: id, Origin: 'AWS_CLOUDHSM' } : {}));
    },
  ]),
  fc.tuple(fc.nat(9), fc.constantFrom('team', 'env')).map(([n, tag]): [string, Step] => [
    `tag key #${n} ${tag}`,
    async (r: Run) => {
      const id = nth(keyIds(r), n);
      if (id) await settled(r, new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: tag, TagValue: 'changed' }] }));
    },
  ]),
  fc.nat(9).map((n): [string, Step] => [
    `untag key #${n}`,
    async (r: Run) => {
      const id = nth(keyIds(r), n);
      if (id) await settled(r, new UntagResourceCommand({ KeyId: id, TagKeys: ['team'] }));
    },
  ]),
  fc.tuple(fc.nat(9), fc.constantFrom('alias/one', 'alias/new', 'alias/plain')).map(([n, alias]): [string, Step] => [
    `alias ${alias} to key #${n}`,
    async (r: Run) => {
      const id = nth(keyIds(r), n);
      if (!id) return;
      await settled(r, new CreateAliasCommand({ AliasName: alias, TargetKeyId: id }));
      await settled(r, new UpdateAliasCommand({ AliasName: alias, TargetKeyId: id }));
    },
  ]),
  fc
    .constantFrom('alias/one', 'alias/doomed', 'alias/new')
    .map((alias): [string, Step] => [
      `delete ${alias}`,
      (r: Run) => settled(r, new DeleteAliasCommand({ AliasName: alias })),
    ]),
  fc
    .tuple(fc.nat(9), fc.constantFrom('schedule', 'cancel', 'disable', 'enable', 'describe'))
    .map(([n, what]): [string, Step] => [
      `${what} key #${n}`,
      async (r: Run) => {
        const KeyId = nth(keyIds(r), n);
        if (!KeyId) return;
        if (what === 'schedule') await settled(r, new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 }));
        if (what === 'cancel') await settled(r, new CancelKeyDeletionCommand({ KeyId }));
        if (what === 'disable') await settled(r, new DisableKeyCommand({ KeyId }));
        if (what === 'enable') await settled(r, new EnableKeyCommand({ KeyId }));
        if (what === 'describe') await settled(r, new UpdateKeyDescriptionCommand({ KeyId, Description: 'changed' }));
      },
    ]),
  fc.nat(9).map((n): [string, Step] => [
    `setState #${n} DISCONNECTING`,
    (r: Run) => {
      const id = nth(storeIds(r), n);
      if (id) r.fake.setState(id, 'DISCONNECTING');
    },
  ]),
  fc.nat(9).map((n): [string, Step] => [
    `setTiming #${n}`,
    (r: Run) => {
      const id = nth(storeIds(r), n);
      if (id) r.fake.setTiming({ observations: 3 }, id);
    },
  ]),
  fc.constant<[string, Step]>([
    'addStore',
    (r: Run) => r.fake.addStore({ CustomKeyStoreName: `added-${++created}`, CloudHsmClusterId: 'cluster-eeeeeeeeeee' }),
  ]),
  fc.constant<[string, Step]>(['describe all', (r: Run) => r.kms.send(new DescribeCustomKeyStoresCommand({}))]),
  fc.nat(9).map((n): [string, Step] => [
    `encrypt under key #${n}`,
    async (r: Run) => {
      const KeyId = nth(keyIds(r), n);
      if (!KeyId) return;
      const out = await r.kms
        .send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('secret') }))
        .catch(() => undefined);
      if (out?.CiphertextBlob) r.ciphertexts.push(out.CiphertextBlob);
    },
  ]),
  fc.constant<[string, Step]>(['settle all', (r: Run) => r.fake.settle()]),
  fc.constant<[string, Step]>(['setTiming all', (r: Run) => r.fake.setTiming('immediate')]),
  // Every store handed out at once (as a change to them all would take them): the next reset seeds again.
  fc.constant<[string, Step]>(['every store handed out', (r: Run) => r.fake.engine.registry.all()]),
  fc.constantFrom(1_000, 8 * 24 * 3600_000, 40 * 24 * 3600_000).map((ms): [string, Step] => [
    `clock +${ms} ms`,
    (r: Run) => {
      r.clock.now += ms;
    },
  ]),
);

/** Every page of a paged KMS list, through the client, two items a page. */
async function walk<T>(
  page: (marker: string | undefined) => Promise<{ items: T[]; next?: string }>,
): Promise<(T | string)[]> {
  const all: (T | string)[] = [];
  let marker: string | undefined;
  do {
    const { items, next } = await page(marker);
    all.push(...items);
    marker = next;
    // A marker's payload (its signature is the fake's own): account, Region, operation, position, reset.
    if (marker) all.push(marker.split('.')[0] as string);
  } while (marker);
  return all;
}

/** What a user can read of the fake, in its own ids; ends with a store and a key created (their ids show the stream). */
async function observe(r: Run): Promise<unknown> {
  const stores = r.fake.stores();
  const keys = r.fake.keys();
  const snapshot = r.fake.snapshot();
  const keyStates = keys.map((k) => r.fake.keyState(k.KeyId as string));
  const listKeys = () =>
    walk(async (Marker) => {
      const out = await r.kms.send(new ListKeysCommand({ Limit: 2, Marker }));
      return { items: out.Keys ?? [], next: out.NextMarker };
    });
  const listedKeys = await listKeys();
  const listedAliases = await walk(async (Marker) => {
    const out = await r.kms.send(new ListAliasesCommand({ Limit: 2, Marker }));
    return { items: out.Aliases ?? [], next: out.NextMarker };
  });
  const describe = () =>
    walk(async (Marker) => {
      const out = await r.kms.send(new DescribeCustomKeyStoresCommand({ Limit: 2, Marker }));
      return { items: out.CustomKeyStores ?? [], next: out.NextMarker };
    });
  const described = await describe();
  // Transitions under way go on as they would have from seeding: later, and when settled by hand.
  r.clock.now += 6_000;
  const later = await describe();
  for (const store of stores) r.fake.settle(store.CustomKeyStoreId as string);
  const settledByHand = r.fake.stores();
  // Every name a run may give finds the store that has it now, and only that one.
  const byName: Record<string, unknown> = {};
  for (const name of ['hsm-dated', 'renamed', 'xks-public', 'made-1', 'made-2', 'hsm-plain']) {
    byName[name] = await r.kms
      .send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: name }))
      .then((out) => out.CustomKeyStores?.map((s) => s.CustomKeyStoreId))
      .catch((error: Error) => error.name);
  }
  const probe = await r.kms.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'probe',
      CloudHsmClusterId: 'cluster-fffffffffff',
      TrustAnchorCertificate: TRUST_ANCHOR,
      KeyStorePassword: 'kmsPswd-123',
    }),
  );
  const probeKey = await r.kms.send(new CreateKeyCommand({}));
  await r.kms.send(new CreateKeyCommand({}));
  // A name a run may have given a seeded store, or a store it created, is free again.
  const renamedFree = await r.kms
    .send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: 'renamed',
        CloudHsmClusterId: 'cluster-nnnnnnnnnnn',
        TrustAnchorCertificate: TRUST_ANCHOR,
        KeyStorePassword: 'kmsPswd-123',
      }),
    )
    .then(() => 'created')
    .catch((error: Error) => error.name);
  // How many more stores the quota allows in the account and Region (it counts the stores there).
  let room = 0;
  for (; room < 25; room++) {
    const made = await r.kms
      .send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: `room-${room}`,
          CloudHsmClusterId: `cluster-rrrrrrrrrr${'abcdefghijklmnopqrstuvwxyz'[room]}`,
          TrustAnchorCertificate: TRUST_ANCHOR,
          KeyStorePassword: 'kmsPswd-123',
        }),
      )
      .catch(() => undefined);
    if (!made) break;
  }
  // Pages after what was created since the reset (their markers carry its position).
  const pagesAfterProbe = [await listKeys(), await describe()];
  const journal = r.fake.journal.map((e) => e.kind);
  // Deletions under way finish on time.
  r.clock.now += 31 * 24 * 3600_000;
  const keysLater = r.fake.keys();
  return {
    stores,
    keys,
    snapshot,
    keyStates,
    listedKeys,
    listedAliases,
    described,
    later,
    settledByHand,
    byName,
    renamedFree,
    pagesAfterProbe,
    probe: probe.CustomKeyStoreId,
    probeKey: probeKey.KeyMetadata?.KeyId,
    room,
    journal,
    keysLater,
  };
}

/** Store and key ids replaced by their position among the ids a fake issued, for fakes without a seed. */
function byPosition(value: unknown): unknown {
  const names = new Map<string, string>();
  const text = JSON.stringify(value).replace(
    /cks-[0-9a-f]{17}|[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => {
      if (!names.has(id)) names.set(id, `id#${names.size}`);
      return names.get(id) as string;
    },
  );
  return JSON.parse(text);
}

const paths = { restored: 0, seededAgain: 0 };

describe('reset() puts back exactly the seeded state, whether it restores what changed or seeds again', () => {
  it(`agrees with a fresh fake on ${RUNS} random runs`, async () => {
    await fc.assert(
      fc.asyncProperty(
        optionsArb,
        fc.array(stepArb, { maxLength: 14 }),
        fc.array(stepArb, { maxLength: 14 }),
        async (options, first, second) => {
          const clock = { now: START };
          const fake = makeFake(options, clock);
          const run: Run = { fake, kms: fake.client({ maxAttempts: 1 }), clock, ciphertexts: [] };
          const seededIds = storeIds(run).concat(keyIds(run));
          for (const steps of [first, second]) {
            for (const [, step] of steps) await step(run);
            const seeded = fake.engine.registry.peekAll()[0] ?? fake.engine.keys.peekAll()[0];
            fake.reset();
            // Which way the reset went: a restoring reset keeps the seeded records, seeding again makes new ones.
            const after = fake.engine.registry.peekAll()[0] ?? fake.engine.keys.peekAll()[0];
            if (seeded && after === seeded) paths.restored += 1;
            else if (seeded) paths.seededAgain += 1;
            // The seeded stores and keys keep their ids, seed or not (read before a due deletion purges a key).
            const keptKeys = fake.engine.keys.peekAll().map((k) => k.id);
            expect(storeIds(run).concat(keptKeys)).toEqual(seededIds);
            const twinClock = { now: clock.now };
            const twin = makeFake(options, twinClock);
            // As many resets as the fake had, so paging markers (which name the reset they belong to) compare.
            for (let i = 0; i < fake.engine.generation; i++) twin.reset();
            const expected = await observe({
              fake: twin,
              kms: twin.client({ maxAttempts: 1 }),
              clock: twinClock,
              ciphertexts: [],
            });
            const actual = await observe(run);
            if (options.seed !== undefined) expect(actual).toEqual(expected);
            else expect(byPosition(actual)).toEqual(byPosition(expected));
            // Seeded keys get new material: nothing encrypted before the reset decrypts after it.
            for (const CiphertextBlob of run.ciphertexts.splice(0)) {
              await expect(run.kms.send(new DecryptCommand({ CiphertextBlob }))).rejects.toThrow();
            }
          }
        },
      ),
      { numRuns: RUNS, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
    // Both ways of resetting were compared, the restoring one most.
    expect(paths.restored).toBeGreaterThan(paths.seededAgain);
    expect(paths.seededAgain).toBeGreaterThan(0);
  }, 300_000);
});
