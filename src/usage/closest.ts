/**
 * The allowed value nearest to a typo (at most two letters in five off), for "did you mean". Only the
 * suggestion is shown, never the value given, which might be a secret passed in the wrong place.
 *
 * @example
 * closest('DescribeKeyStores', ['DescribeCustomKeyStores', 'ConnectCustomKeyStore']); // 'DescribeCustomKeyStores'
 */
export function closest(value: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.ceil(value.length / 2.5)) + 1;
  for (const candidate of allowed) {
    const d = distance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance; strings of very different lengths are simply far apart. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = row;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}
