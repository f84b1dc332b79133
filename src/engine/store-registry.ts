import { INSPECT, inspectAs } from '../usage/redacted-view.js';
import { MultiIndex } from './indexes/multi-index.js';
import { OrderedTable, type Page } from './indexes/ordered-table.js';
import { restoreInPlace, SinceSeeding } from './indexes/since-seeding.js';
import type { CallContext, StoreRecord } from './types.js';

/** The stores of one account and Region, with the indexes that uniqueness checks and Describe read. */
interface Scope {
  ordered: OrderedTable<StoreRecord>;
  byName: MultiIndex<string, StoreRecord>;
  byCluster: MultiIndex<string, StoreRecord>;
  /** XKS: endpoint + path. */
  byUri: MultiIndex<string, StoreRecord>;
}

/** Some XKS uniqueness rules are Region-wide, across accounts. */
interface RegionIndexes {
  byEndpoint: MultiIndex<string, StoreRecord>;
  byVpcService: MultiIndex<string, StoreRecord>;
}

/**
 * Every store of one fake, grouped by account and Region (spec §8.17), in creation order, which Describe
 * lists in (spec §8.9). Every lookup an operation makes (id, name, cluster, XKS URI, endpoint, VPC endpoint
 * service, a page after a marker) goes through an index, so no call costs O(stores). A change to an indexed
 * field goes through {@link StoreRegistry.update}.
 *
 * Every accessor that hands out a store notes it in {@link StoreRegistry.changes}, so that `reset()` can put
 * back the few stores a test reached instead of seeding them all again ({@link StoreRegistry.restoreSeeded}).
 * Code that only reads every store (`fake.stores()`, snapshots) uses {@link StoreRegistry.peekAll}.
 */
export class StoreRegistry {
  private readonly byId = new Map<string, StoreRecord>();
  private readonly changes = new SinceSeeding<StoreRecord>(copyStore);
  private seededNextSeq = 1;
  /** False once reset() put a deleted store back in `byId`, after stores created later: see {@link StoreRegistry.peekAll}. */
  private byIdInOrder = true;
  /** Account → Region → scope (nested maps: no key string to build on every lookup). */
  private readonly scopes = new Map<string, Map<string, Scope>>();
  private readonly regions = new Map<string, RegionIndexes>();
  private nextSeq = 1;

  /** The next creation sequence number. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  add(store: StoreRecord): void {
    this.changes.added(store);
    const scope = this.scopeOf(store, true);
    scope.ordered.add(store);
    this.byId.set(store.id, store);
    this.index(store, scope);
  }

  /**
   * Add a store unless its account and Region hold one of its name already (then add nothing and return false),
   * or, when the caller knows the name is free (`nameKnownFree`: reset() seeding again), without looking.
   * The lookup that checks the name is the one that indexes it: at 100,000 seeded stores every lookup in an
   * index that no longer fits the CPU caches counts.
   */
  addIfNameFree(store: StoreRecord, nameKnownFree = false): boolean {
    const scope = this.scopeOf(store, true);
    if (nameKnownFree) scope.byName.addNew(store.name, store);
    else if (!scope.byName.addIfAbsent(store.name, store)) return false;
    this.changes.added(store);
    scope.ordered.add(store);
    this.byId.set(store.id, store);
    this.index(store, scope, false);
    return true;
  }

  delete(store: StoreRecord): void {
    if (this.byId.get(store.id) !== store) return;
    this.changes.reach(store);
    this.byId.delete(store.id);
    this.scopeOf(store, true).ordered.remove(store);
    this.unindex(store);
  }

  /** Change a store's name, cluster or XKS configuration, keeping the indexes right. */
  update(store: StoreRecord, change: () => void): void {
    const known = this.byId.get(store.id) === store;
    this.changes.reach(store);
    if (known) this.unindex(store);
    try {
      change();
    } finally {
      if (known) this.index(store);
    }
  }

  /** The store with this id in the caller's account and Region. */
  get(ctx: CallContext, id: string): StoreRecord | undefined {
    const store = this.byId.get(id);
    return store && store.account === ctx.account && store.region === ctx.region
      ? this.changes.reach(store)
      : undefined;
  }

  /** The store with this id in any account or Region (ids are unique per fake). */
  findById(id: string): StoreRecord | undefined {
    const store = this.byId.get(id);
    return store && this.changes.reach(store);
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /** The store with this name in the caller's account and Region (names are unique there). */
  findByName(ctx: CallContext, name: string): StoreRecord | undefined {
    const store = this.scopeOf(ctx, false)?.byName.first(name);
    return store && this.changes.reach(store);
  }

  /** Stores of the account and Region with this name (one at most while names stay unique). */
  withName(ctx: CallContext, name: string): ReadonlySet<StoreRecord> {
    return this.reachEach(this.scopeOf(ctx, false)?.byName.get(name));
  }

  /** Stores with this name in any account or Region: one name-index lookup per account and Region, for tests. */
  namedAnywhere(name: string): StoreRecord[] {
    const found: StoreRecord[] = [];
    for (const regions of this.scopes.values()) {
      for (const scope of regions.values()) found.push(...this.reachEach(scope.byName.get(name)));
    }
    return found.sort((a, b) => a.seq - b.seq);
  }

  /** CloudHSM stores of the account and Region on this cluster. */
  onCluster(ctx: CallContext, clusterId: string): ReadonlySet<StoreRecord> {
    return this.reachEach(this.scopeOf(ctx, false)?.byCluster.get(clusterId));
  }

  /** XKS stores of the account and Region with this endpoint + path. */
  withUri(ctx: CallContext, uri: string): ReadonlySet<StoreRecord> {
    return this.reachEach(this.scopeOf(ctx, false)?.byUri.get(uri));
  }

  /** XKS stores of the Region, any account, with this proxy endpoint. */
  withEndpoint(region: string, endpoint: string): ReadonlySet<StoreRecord> {
    return this.reachEach(this.regions.get(region)?.byEndpoint.get(endpoint));
  }

  /** XKS stores of the Region, any account, behind this VPC endpoint service. */
  withVpcService(region: string, serviceName: string): ReadonlySet<StoreRecord> {
    return this.reachEach(this.regions.get(region)?.byVpcService.get(serviceName));
  }

  /** How many stores the account and Region hold. */
  count(ctx: CallContext): number {
    return this.scopeOf(ctx, false)?.ordered.size ?? 0;
  }

  /** Up to `limit` stores of the account and Region created after `afterSeq`, in creation order. */
  page(ctx: CallContext, afterSeq: number, limit: number): Page<StoreRecord> {
    const page = this.scopeOf(ctx, false)?.ordered.page(afterSeq, limit);
    if (!page) return { items: [], more: false };
    for (const store of page.items) this.changes.reach(store);
    return page;
  }

  /** Every store, in creation order (ids are added in the order their seq was taken), for a change to them all. */
  all(): StoreRecord[] {
    this.changes.reachAll();
    return this.peekAll();
  }

  /**
   * Every store, in creation order, to read and never to change (`fake.stores()`, snapshots, messages): `reset()`
   * does not look at stores that were only read.
   */
  peekAll(): StoreRecord[] {
    if (!this.byIdInOrder) {
      const stores = [...this.byId.values()].sort((a, b) => a.seq - b.seq);
      this.byId.clear();
      for (const store of stores) this.byId.set(store.id, store);
      this.byIdInOrder = true;
    }
    return [...this.byId.values()];
  }

  /** How many stores the fake holds, in every account and Region. */
  get size(): number {
    return this.byId.size;
  }

  /** Store records hold passwords and secret keys: printing the registry shows ids and states only. */
  toJSON(): string[] {
    return this.peekAll().map((s) => `${s.id} ${s.name} ${s.state}`);
  }

  /** Seeding is over: note what changes from now on (see {@link SinceSeeding}). */
  sealSeeded(): void {
    this.seededNextSeq = this.nextSeq;
    this.changes.start(Math.max(64, this.byId.size >>> 2));
  }

  /** Whether {@link StoreRegistry.restoreSeeded} can put back the seeded stores. */
  get restorable(): boolean {
    return this.changes.restorable;
  }

  /**
   * Back to the stores as seeded: the stores added since are deleted, and the seeded stores handed out since are
   * put back as they were seeded (in place, re-indexed, and where they were deleted, back in their place).
   */
  restoreSeeded(): void {
    const added = [...this.changes.addedRecords];
    const reached = [...this.changes.reachedRecords];
    this.changes.stop();
    for (const store of added) this.delete(store);
    for (const [store, seeded] of reached) {
      const live = this.byId.get(store.id) === store;
      if (live) this.unindex(store);
      restoreInPlace(store, seeded);
      if (live) {
        this.index(store);
      } else {
        const scope = this.scopeOf(store, true);
        scope.ordered.restore(store);
        this.byId.set(store.id, store);
        this.byIdInOrder = false;
        this.index(store, scope);
      }
    }
    this.nextSeq = this.seededNextSeq;
    this.sealSeeded();
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('StoreRegistry', this.toJSON(), options, inspect);
  }

  clear(): void {
    this.changes.stop();
    this.byId.clear();
    this.scopes.clear();
    this.regions.clear();
    this.nextSeq = 1;
  }

  private index(store: StoreRecord, scope = this.scopeOf(store, true), byName = true): void {
    if (byName) scope.byName.add(store.name, store);
    if (store.cloudHsm) scope.byCluster.add(store.cloudHsm.clusterId, store);
    if (store.xks) {
      scope.byUri.add(uriOf(store.xks), store);
      const region = this.regionOf(store.region);
      region.byEndpoint.add(store.xks.uriEndpoint, store);
      if (store.xks.vpcEndpointServiceName) region.byVpcService.add(store.xks.vpcEndpointServiceName, store);
    }
  }

  private unindex(store: StoreRecord): void {
    const scope = this.scopeOf(store, true);
    scope.byName.delete(store.name, store);
    if (store.cloudHsm) scope.byCluster.delete(store.cloudHsm.clusterId, store);
    if (store.xks) {
      scope.byUri.delete(uriOf(store.xks), store);
      const region = this.regionOf(store.region);
      region.byEndpoint.delete(store.xks.uriEndpoint, store);
      if (store.xks.vpcEndpointServiceName) region.byVpcService.delete(store.xks.vpcEndpointServiceName, store);
    }
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
      scope = {
        ordered: new OrderedTable(),
        byName: new MultiIndex(),
        byCluster: new MultiIndex(),
        byUri: new MultiIndex(),
      };
      regions.set(ctx.region, scope);
    }
    return scope;
  }

  private regionOf(region: string): RegionIndexes {
    let indexes = this.regions.get(region);
    if (!indexes) {
      indexes = { byEndpoint: new MultiIndex(), byVpcService: new MultiIndex() };
      this.regions.set(region, indexes);
    }
    return indexes;
  }

  /** A set of stores handed out: each noted as reached. */
  private reachEach(stores: ReadonlySet<StoreRecord> | undefined): ReadonlySet<StoreRecord> {
    if (stores === undefined) return NONE;
    for (const store of stores) this.changes.reach(store);
    return stores;
  }
}

/** A store as it is now, deeply enough that no later change of the store (its state, its XKS settings) reaches it. */
function copyStore(store: StoreRecord): StoreRecord {
  const copy = { ...store };
  if (store.cloudHsm) copy.cloudHsm = { ...store.cloudHsm };
  if (store.xks) copy.xks = { ...store.xks };
  if (store.pending) copy.pending = { ...store.pending };
  if (typeof store.timing === 'object') copy.timing = { ...store.timing };
  return copy;
}

/** The XKS URI that must be unique per account and Region: endpoint + path. */
export function uriOf(proxy: { uriEndpoint: string; uriPath: string }): string {
  return proxy.uriEndpoint + proxy.uriPath;
}

const NONE: ReadonlySet<StoreRecord> = new Set();
