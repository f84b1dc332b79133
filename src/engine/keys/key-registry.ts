import { MultiIndex } from '../indexes/multi-index.js';
import { OrderedTable } from '../indexes/ordered-table.js';
import { restoreInPlace, SinceSeeding } from '../indexes/since-seeding.js';
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
 *
 * As in the store registry, every key and alias handed out is noted, so that `reset()` puts back only those
 * ({@link KeyRegistry.restoreSeeded}); `peekAll` and `peekAliasesOf` are for reads that change nothing.
 */
export class KeyRegistry {
  readonly vault = new KeyVault();
  private readonly keyChanges = new SinceSeeding<KeyRecord>(copyKey);
  private readonly aliasChanges = new SinceSeeding<AliasRecord>((alias) => ({ ...alias }));
  private seededNextSeq = 1;
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
    this.keyChanges.added(key);
    this.insert(key, false);
  }

  /** Index a key: a new one at the end of its table, or (reset() restoring it) back in its place. */
  private insert(key: KeyRecord, restoring: boolean): void {
    this.byId.set(key.id, key);
    const table = this.scopeOf(key, true).keys;
    if (restoring) table.restore(key);
    else table.add(key);
    if (key.storeId !== undefined) {
      this.byStore.add(key.storeId, key);
      if (key.xksKeyId !== undefined) this.byXksKey.set(xksKey(key.storeId, key.xksKeyId), key);
    }
    this.deletionChanged(key);
  }

  /** The key with this id in this account and Region. */
  get(ctx: CallContext, id: string): KeyRecord | undefined {
    const key = this.byId.get(id);
    return key && key.account === ctx.account && key.region === ctx.region ? this.keyChanges.reach(key) : undefined;
  }

  /** The key with this id anywhere in the fake (key ids are unique per fake). */
  findById(id: string): KeyRecord | undefined {
    const key = this.byId.get(id);
    return key && this.keyChanges.reach(key);
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /** Keys of one account and Region after a creation sequence number, for ListKeys. */
  page(ctx: CallContext, after: number, limit: number): KeyPage<KeyRecord> {
    const scope = this.scopeOf(ctx, false);
    if (!scope) return { items: [], truncated: false };
    const { items, more } = scope.keys.page(after, limit);
    for (const key of items) this.keyChanges.reach(key);
    return { items, truncated: more };
  }

  /** How many keys a custom key store holds, pending deletion included (no key is handed out). */
  countInStore(storeId: string): number {
    return this.byStore.get(storeId).size;
  }

  byExternalKey(storeId: string, xksKeyId: string): KeyRecord | undefined {
    const key = this.byXksKey.get(xksKey(storeId, xksKeyId));
    return key && this.keyChanges.reach(key);
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

  /** A seeded key pending deletion whose seed gave no DeletionDate is dated anew by reset(): it stays pending. */
  redateDeletion(key: KeyRecord, deletionDate: number): void {
    key.deletionDate = deletionDate;
    this.pendingDeletion.add(key);
    if (deletionDate < this.nextDeletion) this.nextDeletion = deletionDate;
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
    this.keyChanges.reach(key);
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

  /** Every key, in creation order, to read and never to change (`fake.keys()`, snapshots; never a KMS call). */
  peekAll(): KeyRecord[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  // ---- aliases -----------------------------------------------------------------------------------

  /** Add an alias; `firstOfNewKey` when its key was just added and has no alias yet (no lookup then). */
  addAlias(alias: AliasRecord, firstOfNewKey = false): void {
    this.aliasChanges.added(alias);
    const scope = this.scopeOf(alias, true);
    scope.aliasesByName.set(alias.name, alias);
    scope.aliases.add(alias);
    if (firstOfNewKey) this.aliasesByKey.addNew(alias.targetKeyId, alias);
    else this.aliasesByKey.add(alias.targetKeyId, alias);
  }

  alias(ctx: CallContext, name: string): AliasRecord | undefined {
    const alias = this.scopeOf(ctx, false)?.aliasesByName.get(name);
    return alias && this.aliasChanges.reach(alias);
  }

  retarget(alias: AliasRecord, keyId: string, now: number): void {
    this.aliasChanges.reach(alias);
    this.aliasesByKey.delete(alias.targetKeyId, alias);
    alias.targetKeyId = keyId;
    alias.lastUpdatedDate = now;
    this.aliasesByKey.add(keyId, alias);
  }

  deleteAlias(alias: AliasRecord): void {
    const scope = this.scopeOf(alias, false);
    if (scope?.aliasesByName.get(alias.name) !== alias) return;
    this.aliasChanges.reach(alias);
    scope.aliasesByName.delete(alias.name);
    scope.aliases.remove(alias);
    this.aliasesByKey.delete(alias.targetKeyId, alias);
  }

  /** Aliases of one account and Region after a creation sequence number, for ListAliases. */
  aliasPage(ctx: CallContext, after: number, limit: number): KeyPage<AliasRecord> {
    const scope = this.scopeOf(ctx, false);
    if (!scope) return { items: [], truncated: false };
    const { items, more } = scope.aliases.page(after, limit);
    for (const alias of items) this.aliasChanges.reach(alias);
    return { items, truncated: more };
  }

  /** The aliases of one key, in creation order (a key has few). */
  aliasesOf(keyId: string): AliasRecord[] {
    const aliases = this.peekAliasesOf(keyId);
    for (const alias of aliases) this.aliasChanges.reach(alias);
    return aliases;
  }

  /** The aliases of one key, in creation order, to read and never to change. */
  peekAliasesOf(keyId: string): AliasRecord[] {
    return [...this.aliasesByKey.get(keyId)].sort((a, b) => a.seq - b.seq);
  }

  /** Seeding is over: note what changes from now on (see {@link SinceSeeding}). */
  sealSeeded(): void {
    this.seededNextSeq = this.nextSeq;
    const limit = Math.max(64, this.byId.size >>> 2);
    this.keyChanges.start(limit);
    this.aliasChanges.start(limit);
  }

  /** Whether {@link KeyRegistry.restoreSeeded} can put back the seeded keys and aliases. */
  get restorable(): boolean {
    return this.keyChanges.restorable && this.aliasChanges.restorable;
  }

  /**
   * Back to the keys and aliases as seeded: those added since are deleted (with their material), and the seeded
   * ones handed out since are put back as seeded, in place, re-indexed, without material (made anew on first use,
   * as for every seeded key after a reset).
   */
  restoreSeeded(): void {
    const addedKeys = [...this.keyChanges.addedRecords];
    const reachedKeys = [...this.keyChanges.reachedRecords];
    const addedAliases = [...this.aliasChanges.addedRecords];
    const reachedAliases = [...this.aliasChanges.reachedRecords];
    this.keyChanges.stop();
    this.aliasChanges.stop();
    for (const alias of addedAliases) this.deleteAlias(alias);
    for (const key of addedKeys) this.delete(key);
    for (const [key, seeded] of reachedKeys) {
      const live = this.byId.get(key.id) === key;
      restoreInPlace(key, seeded);
      this.vault.delete(key.id);
      if (live) this.deletionChanged(key);
      else this.insert(key, true);
    }
    for (const [alias, seeded] of reachedAliases) {
      const scope = this.scopeOf(alias, true);
      const live = scope.aliasesByName.get(alias.name) === alias;
      if (live) this.aliasesByKey.delete(alias.targetKeyId, alias);
      restoreInPlace(alias, seeded);
      if (!live) {
        scope.aliasesByName.set(alias.name, alias);
        scope.aliases.restore(alias);
      }
      this.aliasesByKey.add(alias.targetKeyId, alias);
    }
    this.nextSeq = this.seededNextSeq;
    this.sealSeeded();
  }

  clear(): void {
    this.keyChanges.stop();
    this.aliasChanges.stop();
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

/** A key as it is now, deeply enough that no later change (its tags, its deletion) reaches it. */
function copyKey(key: KeyRecord): KeyRecord {
  const copy = { ...key };
  if (key.tags) copy.tags = new Map(key.tags);
  return copy;
}

function xksKey(storeId: string, xksKeyId: string): string {
  return `${storeId}/${xksKeyId}`;
}
