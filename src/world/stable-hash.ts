/** FNV-1a, 32 bits: the same on every machine; enough to name default HSMs and subnets deterministically. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** `length` lowercase hex characters derived from `text`. */
export function stableHex(text: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) out += fnv1a(`${round}:${text}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/**
 * {@link stableHex} for names asked for again and again (a cluster's default HSMs and subnets, on every Create
 * and Connect): the last few hundred are remembered. One-off names use `stableHex`, so they cannot crowd these out.
 */
export function recurringHex(text: string, length: number): string {
  const key = `${length}:${text}`;
  let out = made.get(key);
  if (out !== undefined) return out;
  out = stableHex(text, length);
  if (made.size >= MADE_LIMIT) made.clear();
  made.set(key, out);
  return out;
}
const made = new Map<string, string>();
const MADE_LIMIT = 512;
