import { MultiIndex } from '../indexes/multi-index.js';
import { OrderedTable } from '../indexes/ordered-table.js';
import type { CallContext } from '../types.js';
import type { AliasRecord, KeyRecord } from './key-types.js';
import { KeyVault } from './key-vault.js';

/** The keys and aliases of one account and Region. */
interface Scope {
  /** Keys in creation order, for ListKeys paging. */
  keys: OrderedTable<KeyRecord>;
  aliasesByName: Map<string, AliasRecord>;
  /** Aliases in creation order, for ListAliases paging. */
  aliases: OrderedTable<AliasRecord>;
}

/** One page of keys or aliases and whether more follow. */
export interface KeyPage<T> {
  items: T[];
  truncated: boolean;
}

/**
 * Every KMS key and alias of one fake, with the indexes operations look them up by: key id, account and
 * Region (in creation order, for paging), custom key store, external key id, alias name, and the keys
 * waiting for deletion. Nothing here scans all keys: a lookup is O(1), a page O(log n + page), adding or
 * deleting a key O(log n) (see {@link OrderedTable}), and a call when no deletion is due does no work.
 */
export class KeyRegistry {
  readonly vault = new KeyVault();
  private readonly byId = new Map<string, KeyRecord>();
  /** Account → Region → scope (nested maps: no key string to build on every lookup). */
  private readonly scopes = new Map<string, Map<string, Scope>>();
  private readonly byStore = new MultiIndex<string, KeyRecord>();
  /** `<storeId>/<XksKeyId>` → key: one KMS key per external key per store (XksKeyAlreadyInUseException). */
  private readonly byXksKey = new Map<string, KeyRecord>();
  private readonly aliasesByKey = new MultiIndex<string, AliasRecord>();
  private readonly pendingDeletion = new Set<KeyRecord>();
  /**
   * No pending deletion is due before this time (a lower bound: it may be earlier than the true earliest
   * date after a cancellation), so the check every call makes is one comparison until a deletion is due.
   */
  private nextDeletion = Number.POSITIVE_INFINITY;
  private nextSeq = 1;

  takeSeq(): number {
    return this.nextSeq++;
  }

  /** How many keys the fake holds, in every account and Region. */
  get size(): number {
    return this.byId.size;
  }

  // ---- keys --------------------------------------------------------------------------------------

  add(key: KeyRecord): void {
    this.byId.set(key.id, key);
    this.scopeOf(key, true).keys.add(key);
    if (key.storeId !== undefined) {
      this.byStore.add(key.storeId, key);
      if (key.xksKeyId !== undefined) this.byXksKey.set(xksKey(key.storeId, key.xksKeyId), key);
    }
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
  page(ctx: CallContext, after: number, limit: number): KeyPage<KeyRecord> {
    const scope = this.scopeOf(ctx, false);
    if (!scope) return { items: [], truncated: false };
    const { items, more } = scope.keys.page(after, limit);
    return { items, truncated: more };
  }

  /** Keys in a custom key store, pending deletion included. */
  inStore(storeId: string): ReadonlySet<KeyRecord> {
    return this.byStore.get(storeId);
  }

  byExternalKey(storeId: string, xksKeyId: string): KeyRecord | undefined {
    return this.byXksKey.get(xksKey(storeId, xksKeyId));
  }

  /** Keep the pending-deletion index in step after `deletionDate` changed. */
  deletionChanged(key: KeyRecord): void {
    if (key.deletionDate === undefined) {
      this.pendingDeletion.delete(key);
    } else {
      this.pendingDeletion.add(key);
      if (key.deletionDate < this.nextDeletion) this.nextDeletion = key.deletionDate;
    }
  }

  /** Delete every key whose waiting period has ended on the fake's clock (with its aliases and material). */
  purgeDue(now: number): void {
    if (now < this.nextDeletion) return;
    let next = Number.POSITIVE_INFINITY;
    for (const key of this.pendingDeletion) {
      const date = key.deletionDate as number;
      if (date <= now) this.delete(key);
      else if (date < next) next = date;
    }
    this.nextDeletion = next;
  }

  delete(key: KeyRecord): void {
    if (this.byId.get(key.id) !== key) return;
    this.byId.delete(key.id);
    this.scopeOf(key, false)?.keys.remove(key);
    if (key.storeId !== undefined) {
      this.byStore.delete(key.storeId, key);
      if (key.xksKeyId !== undefined) this.byXksKey.delete(xksKey(key.storeId, key.xksKeyId));
    }
    this.pendingDeletion.delete(key);
    for (const alias of [...this.aliasesByKey.get(key.id)]) this.deleteAlias(alias);
    this.vault.delete(key.id);
  }

  /** Every key, in creation order (for `fake.keys()` and snapshots, never for a KMS call). */
  all(): KeyRecord[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  // ---- aliases -----------------------------------------------------------------------------------

  /** Add an alias; `firstOfNewKey` when its key was just added and has no alias yet (no lookup then). */
  addAlias(alias: AliasRecord, firstOfNewKey = false): void {
    const scope = this.scopeOf(alias, true);
    scope.aliasesByName.set(alias.name, alias);
    scope.aliases.add(alias);
    if (firstOfNewKey) this.aliasesByKey.addNew(alias.targetKeyId, alias);
    else this.aliasesByKey.add(alias.targetKeyId, alias);
  }

  alias(ctx: CallContext, name: string): AliasRecord | undefined {
    return this.scopeOf(ctx, false)?.aliasesByName.get(name);
  }

  retarget(alias: AliasRecord, keyId: string, now: number): void {
    this.aliasesByKey.delete(alias.targetKeyId, alias);
    alias.targetKeyId = keyId;
    alias.lastUpdatedDate = now;
    this.aliasesByKey.add(keyId, alias);
  }

  deleteAlias(alias: AliasRecord): void {
    const scope = this.scopeOf(alias, false);
    if (scope?.aliasesByName.get(alias.name) !== alias) return;
    scope.aliasesByName.delete(alias.name);
    scope.aliases.remove(alias);
    this.aliasesByKey.delete(alias.targetKeyId, alias);
  }

  /** Aliases of one account and Region after a creation sequence number, for ListAliases. */
  aliasPage(ctx: CallContext, after: number, limit: number): KeyPage<AliasRecord> {
    const scope = this.scopeOf(ctx, false);
    if (!scope) return { items: [], truncated: false };
    const { items, more } = scope.aliases.page(after, limit);
    return { items, truncated: more };
  }

  /** The aliases of one key, in creation order (a key has few). */
  aliasesOf(keyId: string): AliasRecord[] {
    return [...this.aliasesByKey.get(keyId)].sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.byId.clear();
    this.scopes.clear();
    this.byStore.clear();
    this.byXksKey.clear();
    this.aliasesByKey.clear();
    this.pendingDeletion.clear();
    this.nextDeletion = Number.POSITIVE_INFINITY;
    this.vault.clear();
    this.nextSeq = 1;
  }

  private scopeOf(ctx: CallContext, create: true): Scope;
  private scopeOf(ctx: CallContext, create: false): Scope | undefined;
  private scopeOf(ctx: CallContext, create: boolean): Scope | undefined {
    let regions = this.scopes.get(ctx.account);
    if (!regions) {
      if (!create) return undefined;
      regions = new Map();
      this.scopes.set(ctx.account, regions);
    }
    let scope = regions.get(ctx.region);
    if (!scope && create) {
      scope = { keys: new OrderedTable(), aliasesByName: new Map(), aliases: new OrderedTable() };
      regions.set(ctx.region, scope);
    }
    return scope;
  }
}

function xksKey(storeId: string, xksKeyId: string): string {
  return `${storeId}/${xksKeyId}`;
}
