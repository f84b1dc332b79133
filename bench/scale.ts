/**
 * Target 3 of issue 13: seeding and reset() grow linearly with the store count, and per-call costs do not
 * grow with it (ids, names, clusters and endpoints are indexed; pages start at the marker's position).
 * Measured on the built package, in CPU time (a neighbour's burst inflates wall time, not CPU time).
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  type KMSClient,
  paginateDescribeCustomKeyStores,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import type { KmsFake, StoreSeed } from '../src/index.js';
import { fullWalkRow, seedAndResetRows, sizeLabel, smallAgainstBigRows } from './lib/at-scale.js';
import { clusterIdFor, TRUST_ANCHOR } from './lib/floor.js';
import { compare, perRunCpuUs } from './lib/measure.js';
import { fmt, median, type Row, row } from './lib/stats.js';
import type { BenchOptions } from './options.js';

// The built package, as users run it (`npm run bench` builds it first); its types are the sources'.
const DIST = '../dist/index.js';
const { createKmsFake } = (await import(DIST)) as typeof import('../src/index.js');

function seeds(n: number): StoreSeed[] {
  return Array.from({ length: n }, (_, i) => ({
    CustomKeyStoreName: `store-${i}`,
    CloudHsmClusterId: clusterIdFor(i),
    TrustAnchorCertificate: TRUST_ANCHOR,
    CreationDate: '2026-01-01T00:00:00Z',
  }));
}

function fakeOf(stores: readonly StoreSeed[]): KmsFake {
  return createKmsFake({ stores, quota: stores.length + 100_000, seed: 'scale' });
}

export async function scale(options: BenchOptions): Promise<Row[]> {
  const sizes = options.quick ? [10, 1_000, 10_000] : [10, 1_000, 10_000, 100_000];
  const big = sizes[sizes.length - 1] as number;
  const ref = sizes[sizes.length - 2] as number;
  // Five rounds: a 100,000-item round swings with the machine (page faults, caches), and the median of three still did.
  const rounds = options.quick ? 1 : 5;
  const label = sizeLabel;
  const rows: Row[] = [];

  // Seeding and reset(): every size once per round, so each round gives one big/ref ratio.
  const seedLists = new Map(sizes.map((n) => [n, seeds(n)]));
  rows.push(
    ...(await seedAndResetRows(
      { sizes, big, ref, rounds },
      (n) => fakeOf(seedLists.get(n) as StoreSeed[]),
      async (fake) => {
        const kms = fake.client();
        const page = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 3 }));
        for (const store of page.CustomKeyStores ?? []) {
          await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId }));
        }
        await kms.send(
          new CreateCustomKeyStoreCommand({
            CustomKeyStoreName: 'made-by-the-test',
            CloudHsmClusterId: clusterIdFor(10_000_000),
            TrustAnchorCertificate: TRUST_ANCHOR,
            KeyStorePassword: 'kmsPswd-123',
          }),
        );
      },
      {
        id: '3a',
        seeding: 'seeding (createKmsFake with stores)',
        reset: 'reset()',
        test: 'a page of 3 described and connected, one store created',
        unit: 'stores',
      },
    )),
  );
  seedLists.clear();

  // Per call through the SDK: the same operations on a fake of 10 stores and one of `big` stores.
  const small = fakeOf(seeds(10));
  const large = fakeOf(seeds(big));
  const calls = options.quick ? 30 : 150;
  const perCallRounds = options.quick ? 3 : 5;
  const sides = (fake: KmsFake) => {
    const kms = fake.client();
    const id = fake.stores()[Math.floor(fake.stores().length / 2)]?.CustomKeyStoreId as string;
    return { fake, kms, id, name: `store-${Math.floor(fake.stores().length / 2)}` };
  };
  const a = sides(small);
  const b = sides(large);
  let fresh = 0;
  const ops: [string, (s: ReturnType<typeof sides>) => Promise<number>][] = [
    [
      'Describe by id',
      (s) => perRunCpuUs(calls, () => s.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: s.id }))),
    ],
    [
      'Describe by name',
      (s) => perRunCpuUs(calls, () => s.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: s.name }))),
    ],
    ['Create', (s) => createDelete(s.kms, calls, () => fresh++, 'create')],
    ['Update (rename)', (s) => renames(s.kms, s.id, s.name, calls)],
    ['Delete', (s) => createDelete(s.kms, calls, () => fresh++, 'delete')],
  ];
  rows.push(
    ...(await smallAgainstBigRows(ops, a, b, perCallRounds, {
      id: '3b',
      calls,
      figure: (name) => `${name} at ${label(big)} / at 10 stores`,
    })),
  );

  // One page (Limit 100) at the end of the walk against the first page, on the big fake.
  const lastMarker = await markerBeforeLastPage(b.kms);
  const page = await compare(
    {
      name: 'first',
      batch: () => perRunCpuUs(calls, () => b.kms.send(new DescribeCustomKeyStoresCommand({ Limit: 100 }))),
    },
    {
      name: 'last',
      batch: () =>
        perRunCpuUs(calls, () => b.kms.send(new DescribeCustomKeyStoresCommand({ Limit: 100, Marker: lastMarker }))),
    },
    perCallRounds,
  );
  rows.push(
    row(
      {
        id: '3c',
        figure: `last page / first page (Limit 100) of ${label(big)} stores`,
        how: `${calls} calls per batch, interleaved; ${fmt(median(page.baselineUs))} vs ${fmt(median(page.candidateUs))} µs per page (CPU time)`,
        unit: '×',
        target: '≤ 1.5',
      },
      page.ratios,
    ),
  );

  // A full paginator walk: O(N) means the big walk costs about big/ref times the ref walk.
  const refFake = fakeOf(seeds(ref));
  const walk = async (kms: KMSClient) => {
    let n = 0;
    for await (const p of paginateDescribeCustomKeyStores({ client: kms, pageSize: 100 }, {}))
      n += p.CustomKeyStores?.length ?? 0;
    return n;
  };
  rows.push(
    await fullWalkRow(
      { sizes, big, ref, rounds },
      () => walk(refFake.client()),
      () => walk(b.kms),
      { id: '3d', figure: `full paginator walk (pages of 100), ${label(big)} / ${label(ref)} stores` },
    ),
  );
  return rows;
}

async function createDelete(
  kms: KMSClient,
  calls: number,
  next: () => number,
  timed: 'create' | 'delete',
): Promise<number> {
  const ids: string[] = [];
  const create = async () => {
    const n = 500_000 + next();
    const { CustomKeyStoreId } = await kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: `created-${n}`,
        CloudHsmClusterId: clusterIdFor(n),
        TrustAnchorCertificate: TRUST_ANCHOR,
        KeyStorePassword: 'bench-password',
      }),
    );
    ids.push(CustomKeyStoreId as string);
  };
  const remove = async () => void (await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: ids.pop() })));
  if (timed === 'create') {
    const us = await perRunCpuUs(calls, create);
    for (let i = 0; i < calls; i++) await remove();
    return us;
  }
  for (let i = 0; i < calls; i++) await create();
  return perRunCpuUs(calls, remove);
}

async function renames(kms: KMSClient, id: string, name: string, calls: number): Promise<number> {
  let flip = false;
  return perRunCpuUs(calls, async () => {
    flip = !flip;
    await kms.send(
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: flip ? `${name}-renamed` : name }),
    );
  });
}

/** The marker that asks for the last page of 100, found by walking in pages of 1000 first. */
async function markerBeforeLastPage(kms: KMSClient): Promise<string> {
  let marker: string | undefined;
  let previous: string | undefined;
  do {
    const out = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 1000, Marker: marker }));
    previous = marker;
    marker = out.NextMarker;
  } while (marker);
  // Pages of 1000 end where pages of 100 do when the count is a multiple of 1000: re-walk the last 1000 by 100.
  let m = previous;
  let last = previous;
  for (;;) {
    const out = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 100, Marker: m }));
    if (!out.NextMarker) return last as string;
    last = out.NextMarker;
    m = out.NextMarker;
  }
}
