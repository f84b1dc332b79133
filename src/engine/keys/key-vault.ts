import { randomBytes } from 'node:crypto';

/**
 * Key material, kept apart from key records so that nothing that prints, clones or serialises a record
 * (`inspect`, `JSON.stringify`, `structuredClone`, snapshots, the journal) can reach it. The map is a private
 * class field: `util.inspect` and `JSON.stringify` of the vault show nothing either.
 */
export class KeyVault {
  readonly #material = new Map<string, Buffer>();

  /** New 256-bit material for a key, always from the system's CSPRNG (never from the fake's seed). */
  create(keyId: string): void {
    this.#material.set(keyId, randomBytes(32));
  }

  material(keyId: string): Buffer | undefined {
    return this.#material.get(keyId);
  }

  delete(keyId: string): void {
    this.#material.get(keyId)?.fill(0);
    this.#material.delete(keyId);
  }

  clear(): void {
    for (const id of [...this.#material.keys()]) this.delete(id);
  }

  toJSON(): Record<string, never> {
    return {};
  }
}
