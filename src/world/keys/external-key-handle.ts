import type { ExternalKeySpec, ExternalKeyTable, ResolvedExternalKey } from './external-key-table.js';

/**
 * A live view of one external key behind an XKS proxy: `fake.world.proxy(endpoint).externalKey(id)`.
 * As on AWS, changing it never changes the KMS key's state; cryptographic operations with the KMS key fail.
 *
 * @example
 * fake.world.proxy('https://xks.example.com').externalKey('ext-key-1').disable();
 */
export class ExternalKeyHandle {
  constructor(
    readonly uriEndpoint: string,
    readonly keyId: string,
    private readonly table: ExternalKeyTable,
  ) {}

  describe(): ResolvedExternalKey {
    return this.table.resolve(this.uriEndpoint, this.keyId);
  }

  update(changes: Partial<Omit<ExternalKeySpec, 'keyId'>>): this {
    this.table.update(this.uriEndpoint, this.keyId, changes);
    return this;
  }

  disable(): this {
    return this.update({ status: 'DISABLED' });
  }

  enable(): this {
    return this.update({ status: 'ENABLED' });
  }

  /** The key manager deletes the key. */
  delete(): this {
    return this.update({ deleted: true });
  }
}
