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
