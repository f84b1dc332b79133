import { randomBytes } from 'node:crypto';

/**
 * Key material, kept apart from key records so that nothing that prints, clones or serialises a record
 * (`inspect`, `JSON.stringify`, `structuredClone`, snapshots, the journal) can reach it. The map is a private
 * class field: `util.inspect` and `JSON.stringify` of the vault show nothing either.
 *
 * Material is made on a key's first cryptographic use rather than when the key is created: nobody can tell
 * the difference (material is never shown), and a fake seeded with 100,000 keys then spends neither the
 * CSPRNG calls nor the memory on keys a test never encrypts under.
 */
export class KeyVault {
  readonly #material = new Map<string, Buffer>();

  /** The key's 256-bit material, always from the system's CSPRNG (never from the fake's seed). */
  material(keyId: string): Buffer {
    let material = this.#material.get(keyId);
    if (material === undefined) {
      material = randomBytes(32);
      this.#material.set(keyId, material);
    }
    return material;
  }

  /** Forget a deleted key's material, zeroed first. */
  delete(keyId: string): void {
    this.#material.get(keyId)?.fill(0);
    this.#material.delete(keyId);
  }

  clear(): void {
    for (const material of this.#material.values()) material.fill(0);
    this.#material.clear();
  }

  toJSON(): Record<string, never> {
    return {};
  }
}
