import type { KeyState, OriginType } from '@aws-sdk/client-kms';

export type KeyOrigin = Extract<OriginType, 'AWS_KMS' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE'>;
export type { KeyState };

/**
 * A KMS key as the engine holds it. Its `KeyState` is not stored: it is derived from `enabled`, the
 * deletion schedule and the state of its custom key store (see `key-state.ts`), so a store's connection
 * state and its keys' availability can never disagree. Key material lives apart, in the `KeyVault`.
 */
export interface KeyRecord {
  /** The key id, a UUID. */
  id: string;
  arn: string;
  account: string;
  region: string;
  /** Creation order across the fake; drives ListKeys ordering and paging. */
  seq: number;
  /** Epoch milliseconds. */
  creationDate: number;
  description: string;
  origin: KeyOrigin;
  /** Only for keys in a custom key store. */
  storeId?: string;
  /** Only for keys in a CloudHSM key store: the store's cluster when the key was created. */
  cloudHsmClusterId?: string;
  /** Only for keys in an external key store. */
  xksKeyId?: string;
  /** What the key is when nothing else decides: Enabled (true) or Disabled (false). */
  enabled: boolean;
  /** Set while the key is pending deletion: when it is deleted (epoch ms). */
  deletionDate?: number;
  pendingWindowInDays?: number;
  /** Tag keys to values, in the order they were first set; absent until the key has a tag (saves ~180 bytes a key). */
  tags?: Map<string, string>;
}

/**
 * An alias as the engine holds it. Its ARN follows from its name, account and Region and is spelt out only when
 * listed: kept, it would be some 70 bytes an alias, one more string for every collection to copy.
 */
export interface AliasRecord {
  name: string;
  account: string;
  region: string;
  targetKeyId: string;
  seq: number;
  creationDate: number;
  lastUpdatedDate: number;
}

/**
 * A key to seed into a fake, in AWS vocabulary (the shape of `KeyMetadata`) plus its aliases and tags.
 * Scenario files and `snapshot()` use it. Key material is never part of a seed: a seeded key gets new
 * material, so ciphertexts from another fake do not decrypt under it.
 */
export interface KeySeed {
  KeyId?: string;
  /** Defaults to the store's type (`AWS_CLOUDHSM` / `EXTERNAL_KEY_STORE`), or `AWS_KMS` without a store. */
  Origin?: KeyOrigin;
  CustomKeyStoreId?: string;
  /** Required for keys in an external key store. */
  XksKeyId?: string;
  Description?: string;
  /** `Enabled` (default), `Disabled` or `PendingDeletion`. `Unavailable` follows from the store's state. */
  KeyState?: 'Enabled' | 'Disabled' | 'PendingDeletion';
  /** A Date, epoch milliseconds, or an ISO-8601 string. Defaults to the fake's clock. */
  CreationDate?: Date | number | string;
  /** For `PendingDeletion`: when the key is deleted. Defaults to 30 days from now. */
  DeletionDate?: Date | number | string;
  /** Alias names (`alias/...`) that point to the key. */
  Aliases?: string[];
  Tags?: { TagKey: string; TagValue: string }[];
  /** Defaults to the store's account, or the fake's. */
  Account?: string;
  /** Defaults to the store's Region, or the fake's. */
  Region?: string;
}
