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
  // Every Create and Connect names a cluster's default HSMs and subnets again: remember the last few hundred.
  const key = `${length}:${text}`;
  let out = made.get(key);
  if (out !== undefined) return out;
  out = '';
  for (let round = 0; out.length < length; round++) out += fnv1a(`${round}:${text}`).toString(16).padStart(8, '0');
  out = out.slice(0, length);
  if (made.size >= MADE_LIMIT) made.clear();
  made.set(key, out);
  return out;
}
const made = new Map<string, string>();
const MADE_LIMIT = 512;
