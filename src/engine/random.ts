import { createHash, randomFillSync, randomUUID } from 'node:crypto';

/**
 * The fake's source of ids. With a seed it is a deterministic stream, so the same calls produce the same ids
 * on every machine (spec §8.11); without one it uses crypto randomness.
 *
 * The seeded stream is xoshiro128** started from the seed's SHA-256: ids need to be reproducible and
 * distinct, not secret, and one step of it costs a few arithmetic operations where a hash per id cost a
 * native call (about ten times the price of an unseeded id).
 */
export class RandomSource {
  private readonly start: Uint32Array | undefined;
  private readonly state = new Uint32Array(4);

  constructor(seed?: string | number) {
    if (seed === undefined) return;
    const digest = createHash('sha256').update(String(seed)).digest();
    const start = new Uint32Array(4);
    for (let i = 0; i < 4; i++) start[i] = digest.readUInt32BE(i * 4);
    // xoshiro's one forbidden state: a digest of zeros will not happen, but cost nothing to rule out.
    if (start.every((word) => word === 0)) start[0] = 1;
    this.start = start;
    this.state.set(start);
  }

  /** Where the seeded stream stood when seeding ended. */
  private readonly afterSeeding = new Uint32Array(4);

  /** Seeding is over: remember where the stream stands, to come back to it. */
  seeded(): void {
    this.afterSeeding.set(this.state);
  }

  /** Back to where seeding left the stream, without seeding again (reset() put the seeded stores back). */
  afterSeedingAgain(): void {
    if (this.start) this.state.set(this.afterSeeding);
  }

  /** `chars` lowercase hex characters. */
  hex(chars: number): string {
    if (this.start === undefined)
      return this.unseeded(Math.ceil(chars / 2))
        .toString('hex')
        .slice(0, chars);
    const text = this.scratch(chars);
    let word = 0;
    for (let i = 0; i < chars; i++) {
      if (i % 8 === 0) word = this.next();
      text[i] = HEX_DIGITS[(word >>> (28 - 4 * (i % 8))) & 0xf] as number;
    }
    return text.toString('latin1', 0, chars);
  }

  /** An RFC 4122 version-4 UUID. */
  uuid(): string {
    if (this.start === undefined) return randomUUID();
    // The version nibble (4) and the variant bits (10) sit in the second and third words.
    const words = [
      this.next(),
      ((this.next() & 0xffff0fff) | 0x4000) >>> 0,
      ((this.next() & 0x3fffffff) | 0x80000000) >>> 0,
      this.next(),
    ];
    // The text is written as bytes and read as one string: no small strings joined per id.
    const text = this.scratch(36);
    let at = 0;
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) text[at++] = DASH;
      text[at++] = HEX_DIGITS[((words[i >>> 3] as number) >>> (28 - 4 * (i % 8))) & 0xf] as number;
    }
    return text.toString('latin1', 0, 36);
  }

  private text: Buffer | undefined;

  /** A buffer of at least `n` bytes to write an id's characters into, kept between ids. */
  private scratch(n: number): Buffer {
    if (this.text === undefined || this.text.length < n) this.text = Buffer.alloc(Math.max(n, 64));
    return this.text;
  }

  /** Back to the start of the stream, so a reset fake repeats its ids. */
  rewind(): void {
    if (this.start) this.state.set(this.start);
  }

  /** The next 32-bit word of the seeded stream (xoshiro128**, Blackman and Vigna). */
  private next(): number {
    const s = this.state;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s[2] = (s[2] as number) ^ s0;
    s[3] = (s[3] as number) ^ s1;
    s[1] = s1 ^ (s[2] as number);
    s[0] = s0 ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return result;
  }

  private pool: Buffer | undefined;
  private poolAt = POOL_SIZE;

  /**
   * `n` fresh random bytes as a view into a pool that one `randomFillSync` refills every few hundred ids, instead
   * of a system call per id. The view is valid until the next call: copy it to keep it.
   */
  private unseeded(n: number): Buffer {
    if (this.poolAt + n > POOL_SIZE) {
      this.pool ??= Buffer.allocUnsafe(POOL_SIZE);
      randomFillSync(this.pool);
      this.poolAt = 0;
    }
    const at = this.poolAt;
    this.poolAt += n;
    return (this.pool as Buffer).subarray(at, at + n);
  }
}

const POOL_SIZE = 4096;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;
