/**
 * Target 3 of issue 13, for KMS keys: seeding and reset() grow linearly with the key count, and DescribeKey,
 * Encrypt, CreateKey and a ListKeys / ListAliases page cost at 100,000 keys what they cost at 10 (keys are
 * indexed by id, alias and store; a page starts at its marker by binary search). Measured through a real
 * KMSClient (`fake.client()`) on the built package, side by side, interleaved, in CPU time (a neighbour's
 * burst on a shared machine inflates wall time, not the CPU time a batch used).
 */
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  type KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import type { KeySeed, KmsFake, StoreSeed } from '../src/index.js';
import { fullWalkRow, seedAndResetRows, sizeLabel, smallAgainstBigRows } from './lib/at-scale.js';
import { compare, perRunCpuUs } from './lib/measure.js';
import { fmt, median, type Row, row } from './lib/stats.js';
import type { BenchOptions } from './options.js';

// The built package, as users run it (`npm run bench` builds it first); its types are the sources'.
const DIST = '../dist/index.js';
const { createKmsFake } = (await import(DIST)) as typeof import('../src/index.js');

const label = sizeLabel;

/** `n` keys as a user seeds them with the `keys` option: AWS_KMS keys, each with an alias. */
function keySeeds(n: number): KeySeed[] {
  return Array.from({ length: n }, (_, i) => ({ Aliases: [`alias/key-${i}`] }));
}

/** A CONNECTED CloudHSM store holding `n` keys, as a user seeds it with `KeyCount`. */
function storeWithKeys(n: number): StoreSeed[] {
  return [
    {
      CustomKeyStoreName: 'bench-hsm',
      CloudHsmClusterId: 'cluster-benchkeysaa',
      ConnectionState: 'CONNECTED',
      KeyCount: n,
    },
  ];
}

export async function keys(options: BenchOptions): Promise<Row[]> {
  const sizes = options.quick ? [10, 1_000, 10_000] : [10, 1_000, 10_000, 100_000];
  const big = sizes[sizes.length - 1] as number;
  const ref = sizes[sizes.length - 2] as number;
  // Five rounds: a 100,000-item round swings with the machine (page faults, caches), and the median of three still did.
  const rounds = options.quick ? 1 : 5;
  const rows: Row[] = [];

  // Seeding and reset(), both ways a user seeds keys: every size once per round, one big/ref ratio per round.
  // The seed lists are built before the clock starts, as a suite builds them once.
  const seedLists = new Map(sizes.map((n) => [n, keySeeds(n)]));
  const ways: [string, (n: number) => KmsFake][] = [
    [
      'the keys option (AWS_KMS keys with an alias each)',
      (n) => createKmsFake({ keys: seedLists.get(n) as KeySeed[], seed: 'keys' }),
    ],
    ['KeyCount of a CloudHSM store', (n) => createKmsFake({ stores: storeWithKeys(n), seed: 'keys' })],
  ];
  const run = { sizes, big, ref, rounds };
  for (const [way, make] of ways) {
    rows.push(
      ...(await seedAndResetRows(
        run,
        make,
        async (fake) => {
          const kms = fake.client();
          const { Keys } = await kms.send(new ListKeysCommand({ Limit: 3 }));
          for (const key of Keys ?? []) await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
          await kms.send(new CreateKeyCommand({}));
        },
        {
          id: '3e',
          seeding: `seeding keys with ${way}`,
          reset: `reset() of keys seeded with ${way}`,
          test: 'a page of 3 keys listed and disabled, one key created',
          unit: 'keys',
        },
      )),
    );
  }

  seedLists.clear();

  // Per call through the SDK: the same operations on a fake of 10 keys and one of `big` keys.
  const calls = options.quick ? 30 : 150;
  const perCallRounds = options.quick ? 3 : 5;
  const a = await sideOf(10);
  const b = await sideOf(big);
  const plaintext = new Uint8Array(256);
  // Pages of 10, so that a page holds as many keys at 10 keys as at 100,000 and only the lookup differs.
  const lateKeys = await lastPage(b.kms, 'keys', 10);
  const lateAliases = await lastPage(b.kms, 'aliases', 10);
  const ops: [string, (s: SideOf) => Promise<number>][] = [
    ['DescribeKey by id', (s) => perRunCpuUs(calls, () => s.kms.send(new DescribeKeyCommand({ KeyId: s.keyId })))],
    ['DescribeKey by alias', (s) => perRunCpuUs(calls, () => s.kms.send(new DescribeKeyCommand({ KeyId: s.alias })))],
    [
      'Encrypt (256 bytes)',
      (s) => perRunCpuUs(calls, () => s.kms.send(new EncryptCommand({ KeyId: s.keyId, Plaintext: plaintext }))),
    ],
    [
      'ListKeys, first page (Limit 10)',
      (s) => perRunCpuUs(calls, () => s.kms.send(new ListKeysCommand({ Limit: 10 }))),
    ],
    [
      'ListKeys, last page (Limit 10; at 10 keys the first)',
      (s) =>
        perRunCpuUs(calls, () =>
          s.kms.send(new ListKeysCommand({ Limit: 10, Marker: s === b ? lateKeys : undefined })),
        ),
    ],
    [
      'ListAliases, first page (Limit 10)',
      (s) => perRunCpuUs(calls, () => s.kms.send(new ListAliasesCommand({ Limit: 10 }))),
    ],
    [
      'ListAliases, last page (Limit 10; at 10 keys the first)',
      (s) =>
        perRunCpuUs(calls, () =>
          s.kms.send(new ListAliasesCommand({ Limit: 10, Marker: s === b ? lateAliases : undefined })),
        ),
    ],
    // Last: it adds keys (at the end of the creation order, so the pages above are unchanged).
    ['CreateKey', (s) => perRunCpuUs(calls, () => s.kms.send(new CreateKeyCommand({})))],
  ];
  rows.push(
    ...(await smallAgainstBigRows(ops, a, b, perCallRounds, {
      id: '3f',
      calls,
      figure: (name) => `${name} at ${label(big)} / at 10 keys`,
    })),
  );

  // A page of 100 at the end of the walk against the first page of 100, on the big fake.
  for (const [what, first, last] of [
    ['ListKeys', () => new ListKeysCommand({ Limit: 100 }), () => lastPage(b.kms, 'keys', 100)],
    ['ListAliases', () => new ListAliasesCommand({ Limit: 100 }), () => lastPage(b.kms, 'aliases', 100)],
  ] as const) {
    const marker = await last();
    const late = what === 'ListKeys' ? ListKeysCommand : ListAliasesCommand;
    const page = await compare(
      { name: 'first', batch: () => perRunCpuUs(calls, () => b.kms.send(first())) },
      { name: 'last', batch: () => perRunCpuUs(calls, () => b.kms.send(new late({ Limit: 100, Marker: marker }))) },
      perCallRounds,
    );
    rows.push(
      row(
        {
          id: '3g',
          figure: `${what}: last page / first page (Limit 100) of ${label(big)}`,
          how: `${calls} calls per batch, interleaved; ${fmt(median(page.baselineUs))} vs ${fmt(median(page.candidateUs))} µs per page (CPU time)`,
          unit: '×',
          target: '≤ 1.5',
        },
        page.ratios,
      ),
    );
  }

  // A full ListKeys paginator walk (the default page of 100): O(N) means big/ref times the ref walk.
  const refFake = createKmsFake({ keys: keySeeds(ref), seed: 'keys' }).client();
  const bigFake = createKmsFake({ keys: keySeeds(big), seed: 'keys' }).client();
  const walk = async (kms: KMSClient) => {
    let n = 0;
    for await (const p of paginateListKeys({ client: kms }, {})) n += p.Keys?.length ?? 0;
    return n;
  };
  await walk(refFake); // warm-up: JIT, the SDK's lazily built middleware
  rows.push(
    await fullWalkRow(
      { sizes, big, ref, rounds },
      () => walk(refFake),
      () => walk(bigFake),
      { id: '3h', figure: `full ListKeys paginator walk (default page of 100), ${label(big)} / ${label(ref)} keys` },
    ),
  );
  return rows;
}

interface SideOf {
  kms: KMSClient;
  /** A key in the middle of the creation order, and its alias. */
  keyId: string;
  alias: string;
}

async function sideOf(n: number): Promise<SideOf> {
  const fake = createKmsFake({ keys: keySeeds(n), seed: 'keys' });
  const kms = fake.client();
  const middle = Math.floor(n / 2);
  const alias = `alias/key-${middle}`;
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: alias }));
  return { kms, keyId: KeyMetadata?.KeyId as string, alias };
}

/** The marker that asks for the last page of `size`, found by walking in pages of 1000 first, then of `size`. */
async function lastPage(kms: KMSClient, what: 'keys' | 'aliases', size: number): Promise<string> {
  const send = async (Limit: number, Marker: string | undefined) =>
    (what === 'keys'
      ? await kms.send(new ListKeysCommand({ Limit, Marker }))
      : await kms.send(new ListAliasesCommand({ Limit, Marker }))
    ).NextMarker;
  let marker: string | undefined;
  let previous: string | undefined;
  do {
    previous = marker;
    marker = await send(1000, marker);
  } while (marker);
  let m = previous;
  let last = previous;
  for (;;) {
    const next = await send(size, m);
    if (!next) return last as string;
    last = next;
    m = next;
  }
}
