import type { CallContext } from '../types.js';
import type { AliasRecord, KeyRecord } from './key-types.js';
import { KeyVault } from './key-vault.js';
import { SortedBySeq } from './sorted-by-seq.js';

/**
 * Every KMS key and alias of one fake, with the indexes operations look them up by: key id, account and
 * Region (in creation order, for paging), custom key store, external key id, alias name, and the keys
 * waiting for deletion. Nothing here scans all keys.
 */
export class KeyRegistry {
  readonly vault = new KeyVault();
  private readonly byId = new Map<string, KeyRecord>();
  private readonly byScope = new Map<string, SortedBySeq<KeyRecord>>();
  private readonly byStore = new Map<string, Set<KeyRecord>>();
  /** `<storeId>/<XksKeyId>` → key: one KMS key per external key per store (XksKeyAlreadyInUseException). */
  private readonly byXksKey = new Map<string, KeyRecord>();
  private readonly aliasesByScope = new Map<string, Map<string, AliasRecord>>();
  private readonly aliasSeqs = new Map<string, SortedBySeq<AliasRecord>>();
  private readonly aliasesByKey = new Map<string, Set<AliasRecord>>();
  private readonly pendingDeletion = new Set<KeyRecord>();
  private nextSeq = 1;

  takeSeq(): number {
    return this.nextSeq++;
  }

  // ---- keys --------------------------------------------------------------------------------------

  add(key: KeyRecord): void {
    this.byId.set(key.id, key);
    scoped(this.byScope, scopeKey(key), () => new SortedBySeq<KeyRecord>()).add(key);
    if (key.storeId !== undefined) scoped(this.byStore, key.storeId, () => new Set<KeyRecord>()).add(key);
    if (key.storeId !== undefined && key.xksKeyId !== undefined)
      this.byXksKey.set(xksKey(key.storeId, key.xksKeyId), key);
    this.deletionChanged(key);
  }

  /** The key with this id in this account and Region. */
  get(ctx: CallContext, id: string): KeyRecord | undefined {
    const key = this.byId.get(id);
    return key && key.account === ctx.account && key.region === ctx.region ? key : undefined;
  }

  /** The key with this id anywhere in the fake (key ids are unique per fake). */
  findById(id: string): KeyRecord | undefined {
    return this.byId.get(id);
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /** Keys of one account and Region after a creation sequence number, for ListKeys. */
  page(ctx: CallContext, after: number, limit: number): { items: KeyRecord[]; truncated: boolean } {
    return this.byScope.get(scopeKey(ctx))?.page(after, limit) ?? { items: [], truncated: false };
  }

  /** Keys in a custom key store, pending deletion included. */
  inStore(storeId: string): ReadonlySet<KeyRecord> {
    return this.byStore.get(storeId) ?? new Set();
  }

  byExternalKey(storeId: string, xksKeyId: string): KeyRecord | undefined {
    return this.byXksKey.get(xksKey(storeId, xksKeyId));
  }

  /** Keep the pending-deletion index in step after `deletionDate` changed. */
  deletionChanged(key: KeyRecord): void {
    if (key.deletionDate === undefined) this.pendingDeletion.delete(key);
    else this.pendingDeletion.add(key);
  }

  /** Delete every key whose waiting period has ended on the fake's clock (with its aliases and material). */
  purgeDue(now: number): void {
    for (const key of this.pendingDeletion) {
      if ((key.deletionDate as number) <= now) this.delete(key);
    }
  }

  delete(key: KeyRecord): void {
    this.byId.delete(key.id);
    this.byScope.get(scopeKey(key))?.remove(key);
    if (key.storeId !== undefined) this.byStore.get(key.storeId)?.delete(key);
    if (key.storeId !== undefined && key.xksKeyId !== undefined)
      this.byXksKey.delete(xksKey(key.storeId, key.xksKeyId));
    this.pendingDeletion.delete(key);
    for (const alias of [...(this.aliasesByKey.get(key.id) ?? [])]) this.deleteAlias(alias);
    this.vault.delete(key.id);
  }

  /** Every key, in creation order. */
  all(): KeyRecord[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  // ---- aliases -----------------------------------------------------------------------------------

  addAlias(alias: AliasRecord): void {
    scoped(this.aliasesByScope, scopeKey(alias), () => new Map<string, AliasRecord>()).set(alias.name, alias);
    scoped(this.aliasSeqs, scopeKey(alias), () => new SortedBySeq<AliasRecord>()).add(alias);
    scoped(this.aliasesByKey, alias.targetKeyId, () => new Set<AliasRecord>()).add(alias);
  }

  alias(ctx: CallContext, name: string): AliasRecord | undefined {
    return this.aliasesByScope.get(scopeKey(ctx))?.get(name);
  }

  retarget(alias: AliasRecord, keyId: string, now: number): void {
    this.aliasesByKey.get(alias.targetKeyId)?.delete(alias);
    alias.targetKeyId = keyId;
    alias.lastUpdatedDate = now;
    scoped(this.aliasesByKey, keyId, () => new Set<AliasRecord>()).add(alias);
  }

  deleteAlias(alias: AliasRecord): void {
    this.aliasesByScope.get(scopeKey(alias))?.delete(alias.name);
    this.aliasSeqs.get(scopeKey(alias))?.remove(alias);
    this.aliasesByKey.get(alias.targetKeyId)?.delete(alias);
  }

  /** Aliases of one account and Region after a creation sequence number, for ListAliases. */
  aliasPage(ctx: CallContext, after: number, limit: number): { items: AliasRecord[]; truncated: boolean } {
    return this.aliasSeqs.get(scopeKey(ctx))?.page(after, limit) ?? { items: [], truncated: false };
  }

  aliasesOf(keyId: string): AliasRecord[] {
    return [...(this.aliasesByKey.get(keyId) ?? [])].sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    for (const map of [this.byId, this.byScope, this.byStore, this.byXksKey, this.aliasesByScope]) map.clear();
    this.aliasSeqs.clear();
    this.aliasesByKey.clear();
    this.pendingDeletion.clear();
    this.vault.clear();
    this.nextSeq = 1;
  }
}

function scoped<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function scopeKey(ctx: CallContext): string {
  return `${ctx.account}/${ctx.region}`;
}

function xksKey(storeId: string, xksKeyId: string): string {
  return `${storeId}/${xksKeyId}`;
}
