import * as crypto from 'node:crypto';
import { createHash, randomBytes, randomFillSync, randomUUID } from 'node:crypto';

/**
 * The fake's source of ids. With a seed it is a deterministic stream (sha256 in counter mode), so the
 * same calls produce the same ids on every machine (spec §8.11); without one it uses crypto randomness.
 */
export class RandomSource {
  private counter = 0;
  private readonly seed: string | undefined;

  constructor(seed?: string | number) {
    this.seed = seed === undefined ? undefined : String(seed);
  }

  bytes(n: number): Buffer {
    if (this.seed === undefined) return Buffer.from(this.unseeded(n));
    // Ids and request ids fit in one block: skip the chunk list (the stream is the same either way).
    if (n <= 32) return sha256(`${this.seed}:${this.counter++}`).subarray(0, n);
    const chunks: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const block = sha256(`${this.seed}:${this.counter++}`);
      chunks.push(block);
      have += block.length;
    }
    return Buffer.concat(chunks).subarray(0, n);
  }

  hex(chars: number): string {
    const n = Math.ceil(chars / 2);
    // Unseeded ids read the pool in place: the hex text is the copy.
    const bytes = this.seed === undefined ? this.unseeded(n) : this.bytes(n);
    return bytes.toString('hex').slice(0, chars);
  }

  private pool: Buffer | undefined;
  private poolAt = POOL_SIZE;

  /**
   * `n` fresh random bytes as a view into a pool that one `randomFillSync` refills every few hundred ids, instead
   * of a system call per id. The view is valid until the next call: copy it to keep it.
   */
  private unseeded(n: number): Buffer {
    if (n > POOL_SIZE / 8) return randomBytes(n);
    if (this.poolAt + n > POOL_SIZE) {
      this.pool ??= Buffer.allocUnsafe(POOL_SIZE);
      randomFillSync(this.pool);
      this.poolAt = 0;
    }
    const at = this.poolAt;
    this.poolAt += n;
    return (this.pool as Buffer).subarray(at, at + n);
  }

  /** An RFC 4122 version-4 UUID. */
  uuid(): string {
    if (this.seed === undefined) return randomUUID();
    const b = this.bytes(16);
    b[6] = ((b[6] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** Back to the start of the stream, so a reset fake repeats its ids. */
  rewind(): void {
    this.counter = 0;
  }
}

const POOL_SIZE = 4096;

type OneShotHash = (algorithm: string, data: string, encoding: 'buffer') => Buffer;
/** Node's one-shot `crypto.hash` (20.12+) costs a fraction of a Hash object; older Node 20 falls back. */
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;

function sha256(text: string): Buffer {
  return oneShot ? oneShot('sha256', text, 'buffer') : createHash('sha256').update(text).digest();
}
