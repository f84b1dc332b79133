import { INSPECT, inspectAs } from '../usage/redacted-view.js';
import type { CallContext, StoreRecord } from './types.js';

/**
 * Every store of one fake, grouped by account and Region (spec §8.17). Insertion order is creation
 * order, which Describe lists in (spec §8.9).
 */
export class StoreRegistry {
  private readonly byScope = new Map<string, Map<string, StoreRecord>>();
  private nextSeq = 1;

  /** The next creation sequence number. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  add(store: StoreRecord): void {
    const key = scopeKey(store);
    let scope = this.byScope.get(key);
    if (!scope) {
      scope = new Map();
      this.byScope.set(key, scope);
    }
    scope.set(store.id, store);
  }

  get(ctx: CallContext, id: string): StoreRecord | undefined {
    return this.byScope.get(scopeKey(ctx))?.get(id);
  }

  /** The store with this id in any account or Region (ids are unique per fake). */
  findById(id: string): StoreRecord | undefined {
    for (const scope of this.byScope.values()) {
      const store = scope.get(id);
      if (store) return store;
    }
    return undefined;
  }

  delete(store: StoreRecord): void {
    this.byScope.get(scopeKey(store))?.delete(store.id);
  }

  /** Stores of one account and Region, in creation order. */
  list(ctx: CallContext): StoreRecord[] {
    return [...(this.byScope.get(scopeKey(ctx))?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  /** Stores of one Region across every account (some XKS uniqueness rules are Region-wide). */
  listRegion(region: string): StoreRecord[] {
    const out: StoreRecord[] = [];
    for (const scope of this.byScope.values()) {
      for (const store of scope.values()) if (store.region === region) out.push(store);
    }
    return out;
  }

  all(): StoreRecord[] {
    return [...this.byScope.values()].flatMap((scope) => [...scope.values()]).sort((a, b) => a.seq - b.seq);
  }

  hasId(id: string): boolean {
    return this.findById(id) !== undefined;
  }

  /** Store records hold passwords and secret keys: printing the registry shows ids and states only. */
  toJSON(): string[] {
    return this.all().map((s) => `${s.id} ${s.name} ${s.state}`);
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('StoreRegistry', this.toJSON(), options, inspect);
  }

  clear(): void {
    this.byScope.clear();
    this.nextSeq = 1;
  }
}

function scopeKey(ctx: CallContext): string {
  return `${ctx.account}/${ctx.region}`;
}
