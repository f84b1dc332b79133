import { INSPECT, inspectAs } from '../usage/redacted-view.js';
import { MultiIndex } from './indexes/multi-index.js';
import { OrderedTable, type Page } from './indexes/ordered-table.js';
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
 */
export class StoreRegistry {
  private readonly byId = new Map<string, StoreRecord>();
  /** Account → Region → scope (nested maps: no key string to build on every lookup). */
  private readonly scopes = new Map<string, Map<string, Scope>>();
  private readonly regions = new Map<string, RegionIndexes>();
  private nextSeq = 1;

  /** The next creation sequence number. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  add(store: StoreRecord): void {
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
    scope.ordered.add(store);
    this.byId.set(store.id, store);
    this.index(store, scope, false);
    return true;
  }

  delete(store: StoreRecord): void {
    if (this.byId.get(store.id) !== store) return;
    this.byId.delete(store.id);
    this.scopeOf(store, true).ordered.remove(store);
    this.unindex(store);
  }

  /** Change a store's name, cluster or XKS configuration, keeping the indexes right. */
  update(store: StoreRecord, change: () => void): void {
    const known = this.byId.get(store.id) === store;
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
    return store && store.account === ctx.account && store.region === ctx.region ? store : undefined;
  }

  /** The store with this id in any account or Region (ids are unique per fake). */
  findById(id: string): StoreRecord | undefined {
    return this.byId.get(id);
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  /** The store with this name in the caller's account and Region (names are unique there). */
  findByName(ctx: CallContext, name: string): StoreRecord | undefined {
    return this.scopeOf(ctx, false)?.byName.first(name);
  }

  /** Stores of the account and Region with this name (one at most while names stay unique). */
  withName(ctx: CallContext, name: string): ReadonlySet<StoreRecord> {
    return this.scopeOf(ctx, false)?.byName.get(name) ?? NONE;
  }

  /** Stores with this name in any account or Region: one name-index lookup per account and Region, for tests. */
  namedAnywhere(name: string): StoreRecord[] {
    const found: StoreRecord[] = [];
    for (const regions of this.scopes.values()) {
      for (const scope of regions.values()) found.push(...scope.byName.get(name));
    }
    return found.sort((a, b) => a.seq - b.seq);
  }

  /** CloudHSM stores of the account and Region on this cluster. */
  onCluster(ctx: CallContext, clusterId: string): ReadonlySet<StoreRecord> {
    return this.scopeOf(ctx, false)?.byCluster.get(clusterId) ?? NONE;
  }

  /** XKS stores of the account and Region with this endpoint + path. */
  withUri(ctx: CallContext, uri: string): ReadonlySet<StoreRecord> {
    return this.scopeOf(ctx, false)?.byUri.get(uri) ?? NONE;
  }

  /** XKS stores of the Region, any account, with this proxy endpoint. */
  withEndpoint(region: string, endpoint: string): ReadonlySet<StoreRecord> {
    return this.regions.get(region)?.byEndpoint.get(endpoint) ?? NONE;
  }

  /** XKS stores of the Region, any account, behind this VPC endpoint service. */
  withVpcService(region: string, serviceName: string): ReadonlySet<StoreRecord> {
    return this.regions.get(region)?.byVpcService.get(serviceName) ?? NONE;
  }

  /** How many stores the account and Region hold. */
  count(ctx: CallContext): number {
    return this.scopeOf(ctx, false)?.ordered.size ?? 0;
  }

  /** Up to `limit` stores of the account and Region created after `afterSeq`, in creation order. */
  page(ctx: CallContext, afterSeq: number, limit: number): Page<StoreRecord> {
    return this.scopeOf(ctx, false)?.ordered.page(afterSeq, limit) ?? { items: [], more: false };
  }

  /** Stores of one account and Region, in creation order. */
  list(ctx: CallContext): StoreRecord[] {
    const scope = this.scopeOf(ctx, false);
    return scope ? [...scope.ordered.values()] : [];
  }

  /** Every store, in creation order (ids are added in the order their seq was taken). */
  all(): StoreRecord[] {
    return [...this.byId.values()];
  }

  /** Store records hold passwords and secret keys: printing the registry shows ids and states only. */
  toJSON(): string[] {
    return this.all().map((s) => `${s.id} ${s.name} ${s.state}`);
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('StoreRegistry', this.toJSON(), options, inspect);
  }

  clear(): void {
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
}

/** The XKS URI that must be unique per account and Region: endpoint + path. */
export function uriOf(proxy: { uriEndpoint: string; uriPath: string }): string {
  return proxy.uriEndpoint + proxy.uriPath;
}

const NONE: ReadonlySet<StoreRecord> = new Set();
