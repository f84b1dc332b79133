import { FakeKmsUsageError } from '../../errors/kms-error.js';

/**
 * An external key in an XKS proxy's key manager, as the proxy's GetKeyMetadata reports it. Anything left
 * out takes the healthy default: an enabled AES-256 key that encrypts and decrypts.
 */
export interface ExternalKeySpec {
  keyId: string;
  /** Default `'AES_256'`. */
  keySpec?: string;
  /** Default `['ENCRYPT', 'DECRYPT']`. */
  keyUsage?: string[];
  /** Default `'ENABLED'`. */
  status?: 'ENABLED' | 'DISABLED';
  /** The key manager no longer has the key. Default false. */
  deleted?: boolean;
}

export type ResolvedExternalKey = Required<ExternalKeySpec>;

/**
 * The external keys of every proxy, by proxy endpoint and key id. A key nobody described exists with the
 * defaults; the world learns it on first use (as it learns a cluster's trust anchor), and `reset()` forgets
 * what was learned or changed.
 */
export class ExternalKeyTable {
  private keys = new Map<string, ExternalKeySpec>();

  resolve(uriEndpoint: string, keyId: string): ResolvedExternalKey {
    const spec = this.keys.get(entry(uriEndpoint, keyId)) ?? { keyId };
    return {
      keyId,
      keySpec: spec.keySpec ?? 'AES_256',
      keyUsage: spec.keyUsage ?? ['ENCRYPT', 'DECRYPT'],
      status: spec.status ?? 'ENABLED',
      deleted: spec.deleted ?? false,
    };
  }

  /** Remember a key the proxy was asked about, so later changes apply to the same key. */
  learn(uriEndpoint: string, keyId: string): void {
    const k = entry(uriEndpoint, keyId);
    if (!this.keys.has(k)) this.keys.set(k, { keyId });
  }

  update(uriEndpoint: string, keyId: string, changes: Partial<Omit<ExternalKeySpec, 'keyId'>>): void {
    for (const name of Object.keys(changes)) {
      if (!['keySpec', 'keyUsage', 'status', 'deleted'].includes(name)) {
        throw new FakeKmsUsageError(
          `externalKey("${keyId}").update(): "${name}" is not a property of an external key (keySpec, keyUsage, status, deleted).`,
        );
      }
    }
    const k = entry(uriEndpoint, keyId);
    this.keys.set(k, { ...(this.keys.get(k) ?? { keyId }), ...changes });
  }

  reset(): void {
    this.keys = new Map();
  }
}

function entry(uriEndpoint: string, keyId: string): string {
  return `${uriEndpoint} ${keyId}`;
}
