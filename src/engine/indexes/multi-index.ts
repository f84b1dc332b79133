/**
 * A secondary index: every record under each of its keys (a name, a cluster id, an endpoint). Lookups are
 * O(1) and return the few records that share a key, so uniqueness checks never scan a whole table.
 * Keys are computed by the caller, which re-indexes a record around any change to an indexed field.
 *
 * @example
 * const byName = new MultiIndex<string, StoreRecord>();
 * byName.add(store.name, store);
 * byName.first('payments-hsm');
 */
export class MultiIndex<K, V> {
  private readonly map = new Map<K, Set<V>>();

  add(key: K, value: V): void {
    let set = this.map.get(key);
    if (!set) {
      set = new Set();
      this.map.set(key, set);
    }
    set.add(value);
  }

  delete(key: K, value: V): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.map.delete(key);
  }

  /** The records under `key` (empty when none). */
  get(key: K): ReadonlySet<V> {
    return this.map.get(key) ?? EMPTY;
  }

  first(key: K): V | undefined {
    for (const value of this.get(key)) return value;
    return undefined;
  }

  clear(): void {
    this.map.clear();
  }
}

const EMPTY: ReadonlySet<never> = new Set();
