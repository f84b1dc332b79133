/** Wall time of `fn`, in milliseconds. */
export async function timeMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** `fn` run `times` times in a row, in microseconds per run. */
export async function perRunUs(times: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const ms = await timeMs(async () => {
    for (let i = 0; i < times; i++) await fn();
  });
  return (ms * 1000) / times;
}

/**
 * `fn` run `times` times in a row, in microseconds of this process's CPU time per run (user + system, GC threads
 * included). On a shared machine a neighbour's burst delays a batch's wall time but not the CPU time it used, so
 * side-by-side ratios of CPU time swing far less; for code that never waits (the fake and the SDK floor answer in
 * process) the two agree on a quiet machine.
 */
export async function perRunCpuUs(times: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < times; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / times;
}

/** CPU time of this process spent in `fn` (user + system, GC threads included), in milliseconds. */
export async function cpuMs(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

type Collect = (options?: { type?: 'minor' | 'major' }) => void;
/** V8's collector, when the process runs with `--expose-gc` (`npm run bench` passes it); otherwise undefined. */
const collect = (globalThis as { gc?: Collect }).gc;

/** Whether {@link cpuMsOwnYoungGarbage} can bracket its measurement with young-generation collections. */
export const canCollectYoung = typeof collect === 'function';

/**
 * CPU time of `fn` as {@link cpuMs}, from an empty young generation to an empty one: a minor collection before the
 * clock starts, so `fn` never pays for copying out what the code before it left there, and one before the clock
 * stops, so `fn` pays for copying out the objects it left alive itself. Without it, up to a young generation's
 * worth (16 MB) of what `fn` allocated last is processed after the clock stops, in whatever runs next: a large
 * share of a 10,000-item seeding, a small one of a 100,000-item seeding. Without `--expose-gc`, plain {@link cpuMs}.
 */
export async function cpuMsOwnYoungGarbage(fn: () => Promise<unknown> | unknown): Promise<number> {
  if (!collect) return cpuMs(fn);
  collect({ type: 'minor' });
  return cpuMs(async () => {
    await fn();
    collect({ type: 'minor' });
  });
}

export interface Side {
  name: string;
  /** One batch: returns microseconds per operation. */
  batch: () => Promise<number>;
}

export interface Comparison {
  /** Per round: candidate / baseline. */
  ratios: number[];
  baselineUs: number[];
  candidateUs: number[];
}

/**
 * Baseline and candidate measured side by side: each round runs one batch of each, in alternating order,
 * so that a busy neighbour on a shared machine slows both alike and cancels out of the ratio.
 */
export async function compare(baseline: Side, candidate: Side, rounds: number, warmUpBatches = 1): Promise<Comparison> {
  // Warm-up: JIT, caches, lazily built middleware. Code runs unoptimized for its first few thousand calls, and
  // the side with more code of its own would pay for that in the first rounds.
  for (let i = 0; i < warmUpBatches; i++) {
    await baseline.batch();
    await candidate.batch();
  }
  const out: Comparison = { ratios: [], baselineUs: [], candidateUs: [] };
  for (let round = 0; round < rounds; round++) {
    let b: number;
    let c: number;
    if (round % 2 === 0) {
      b = await baseline.batch();
      c = await candidate.batch();
    } else {
      c = await candidate.batch();
      b = await baseline.batch();
    }
    out.baselineUs.push(b);
    out.candidateUs.push(c);
    out.ratios.push(c / b);
  }
  return out;
}
