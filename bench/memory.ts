/** Target 4 of issue 13: heap per 10,000 stores and per 10,000 keys, the journal's cost per entry, and its bound. */
import { spawnSync } from 'node:child_process';
import { fmt, median, type Row, row } from './lib/stats.js';
import type { BenchOptions } from './options.js';

export async function memory(options: BenchOptions): Promise<Row[]> {
  const rounds = options.quick ? 1 : 3;
  const probe = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/memory-probe.ts', String(rounds)],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (probe.status !== 0) throw new Error(`memory probe failed: ${probe.stderr}`);
  const m = JSON.parse(probe.stdout.trim().split('\n').pop() as string) as Record<string, number[]>;
  const kb = (values: number[] | undefined) => (values ?? []).map((v) => v / 1024);
  return [
    row(
      {
        id: '4a',
        figure: 'heap per 10,000 CloudHSM stores',
        how: `heapUsed after gc, own process; ${fmt(median(m.perStore ?? []))} bytes per store`,
        unit: 'MB',
        target: 'report',
      },
      (m.perStore ?? []).map((b) => (b * 10_000) / 1024 / 1024),
    ),
    ...(
      [
        ['perKmsKey', 'heap per 10,000 KMS keys (AWS_KMS, seeded with the keys option)'],
        ['perHsmKey', 'heap per 10,000 KMS keys in a CloudHSM store (seeded with KeyCount)'],
      ] as const
    ).map(([field, figure]) =>
      row(
        {
          id: '4a',
          figure,
          how: `heapUsed after gc, own process; ${fmt(median(m[field] ?? []))} bytes per key (material is made on first use)`,
          unit: 'MB',
          target: 'report',
        },
        (m[field] ?? []).map((b) => (b * 10_000) / 1024 / 1024),
      ),
    ),
    row(
      {
        id: '4b',
        figure: 'journal cost per entry: Describe of 3 stores',
        how: 'heap growth over 10,000 calls through the request handler / 10,000',
        unit: 'KB',
        target: 'report',
      },
      kb(m.perEntry3),
    ),
    row(
      {
        id: '4c',
        figure: 'journal cost per entry: Describe of 100 stores',
        how: 'heap growth over 2,000 calls / 2,000',
        unit: 'KB',
        target: 'report',
      },
      kb(m.perEntry100),
    ),
    row(
      {
        id: '4d',
        figure: 'journal bound: heap growth from call 10,001 to 50,000 (journalLimit 10,000, the default)',
        how: `Describe of 3 stores; the full journal itself is ≈ 10,000 × row 4b; callCount stays exact`,
        unit: 'MB',
        target: '≈ 0',
      },
      m.bounded ?? [],
    ),
  ];
}
