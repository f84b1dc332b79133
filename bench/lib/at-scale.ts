/**
 * The two measurements the store and key scale sections share: seeding and `reset()` at every size (does
 * the cost grow linearly?), and one operation on a small fake against a big one (does it grow at all?).
 */
import { canCollectYoung, compare, cpuMs, cpuMsOwnYoungGarbage } from './measure.js';
import { fmt, median, type Row, row } from './stats.js';

export const sizeLabel = (n: number) => n.toLocaleString('en-US');

export interface SizeRun {
  sizes: readonly number[];
  /** The biggest size, and the one its cost is compared with. */
  big: number;
  ref: number;
  rounds: number;
}

/** How seeding and reset() are timed (see `cpuMsOwnYoungGarbage`), given what the two collections alone cost. */
const timedAs = (bracketMs: number) =>
  canCollectYoung
    ? `CPU time, a minor GC before and inside each (a size pays for its own young garbage, not the last size’s; the GC inside costs ${fmt(bracketMs)} ms with nothing to collect)`
    : 'CPU time (without --expose-gc: a size may pay for the last size’s young garbage)';

/** A fake as the scale rows use it: reset, and (inside) every store handed out for a change. */
interface ScaleFake {
  reset(): unknown;
  engine: { registry: { all(): unknown } };
}

/**
 * Seed a fake of every size with `make`, then reset it three ways, every size once per round (alternating
 * order), and give one row each: the big/ref ratio per round, the median times per size. The resets:
 * - right after seeding;
 * - after `test` (a test's few calls, not timed): reset() puts back what the test reached;
 * - after every store was handed out for a change (as a change to more than a quarter of the items does):
 *   reset() seeds everything again.
 */
export async function seedAndResetRows<F extends ScaleFake>(
  run: SizeRun,
  make: (n: number) => F,
  test: (fake: F) => Promise<unknown>,
  row3: { id: string; seeding: string; reset: string; unit: string; test: string },
): Promise<Row[]> {
  const bracketMs: number[] = [];
  for (let i = 0; i < 5; i++) bracketMs.push(await cpuMsOwnYoungGarbage(() => undefined));
  const sized = () => new Map<number, number[]>(run.sizes.map((n) => [n, []]));
  const seedMs = sized();
  const resetMs = sized();
  const afterTestMs = sized();
  const againMs = sized();
  for (let round = 0; round < run.rounds; round++) {
    for (const n of round % 2 ? [...run.sizes].reverse() : run.sizes) {
      let made: F | undefined;
      seedMs.get(n)?.push(await cpuMsOwnYoungGarbage(() => (made = make(n))));
      const fake = made as F;
      resetMs.get(n)?.push(await cpuMsOwnYoungGarbage(() => fake.reset()));
      await test(fake);
      afterTestMs.get(n)?.push(await cpuMsOwnYoungGarbage(() => fake.reset()));
      fake.engine.registry.all();
      againMs.get(n)?.push(await cpuMsOwnYoungGarbage(() => fake.reset()));
    }
  }
  return (
    [
      [row3.seeding, seedMs],
      [`${row3.reset} right after seeding`, resetMs],
      [`${row3.reset} after a test (${row3.test})`, afterTestMs],
      [`${row3.reset} seeding everything again (after more than a quarter changed)`, againMs],
    ] as const
  ).map(([what, times]) => {
    const at = (n: number) => times.get(n) as number[];
    const ratios = at(run.big).map((t, i) => t / (at(run.ref)[i] as number));
    const how = `${timedAs(median(bracketMs))}; ${run.sizes.map((n) => `${sizeLabel(n)}: ${fmt(median(at(n)))} ms`).join(', ')}`;
    return row(
      {
        id: row3.id,
        figure: `${what}, ${sizeLabel(run.big)} / ${sizeLabel(run.ref)} ${row3.unit}`,
        how,
        unit: '×',
        target: '≤ 12',
      },
      ratios,
    );
  });
}

/**
 * Each operation on the fake of 10 (`small`) against the fake of `big` items, interleaved; one row each. An
 * operation is one batch of `calls` calls returning CPU microseconds per call.
 */
export async function smallAgainstBigRows<S>(
  ops: readonly (readonly [name: string, op: (side: S) => Promise<number>])[],
  small: S,
  big: S,
  rounds: number,
  described: { id: string; calls: number; figure: (name: string) => string },
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [name, op] of ops) {
    const result = await compare({ name: '10', batch: () => op(small) }, { name: 'big', batch: () => op(big) }, rounds);
    rows.push(
      row(
        {
          id: described.id,
          figure: described.figure(name),
          how: `${described.calls} calls per batch, interleaved; ${fmt(median(result.baselineUs))} vs ${fmt(median(result.candidateUs))} µs per call (CPU time)`,
          unit: '×',
          target: '≤ 1.5',
        },
        result.ratios,
      ),
    );
  }
  return rows;
}

/**
 * A full paginator walk of the fake of `ref` items against the one of `big` items, once each per round: linear
 * (O(N)) when the ratio is about `big / ref`.
 */
export async function fullWalkRow(
  run: SizeRun,
  walkRef: () => Promise<unknown>,
  walkBig: () => Promise<unknown>,
  described: { id: string; figure: string },
): Promise<Row> {
  const refMs: number[] = [];
  const bigMs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < run.rounds; round++) {
    const r = await cpuMs(walkRef);
    const g = await cpuMs(walkBig);
    refMs.push(r);
    bigMs.push(g);
    ratios.push(g / r);
  }
  return row(
    {
      id: described.id,
      figure: described.figure,
      how: `walked through the SDK paginator, CPU time; ${fmt(median(refMs))} ms vs ${fmt(median(bigMs))} ms; O(N) is ${run.big / run.ref}×`,
      unit: '×',
      target: `≈ ${run.big / run.ref} (O(N))`,
    },
    ratios,
  );
}
