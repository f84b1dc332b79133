/** One figure of the table: how it was measured and what it came to. */
export interface Row {
  /** The target number and a letter, e.g. `1a`. */
  id: string;
  figure: string;
  /** How it was measured, with the absolute numbers behind a ratio. */
  how: string;
  rounds: number;
  median: number;
  min: number;
  max: number;
  /** `×` for ratios, or a unit such as `ms`, `KB`. */
  unit: string;
  /** The target, e.g. `≤ 1.10`, or `reference`. */
  target: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A row from per-round values. */
export function row(fields: Omit<Row, 'rounds' | 'median' | 'min' | 'max'>, values: readonly number[]): Row {
  return {
    ...fields,
    rounds: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** A number with as many digits as it deserves. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n.toFixed(3);
}
