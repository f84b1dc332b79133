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
  /** A key's one record as itself (the usual case: no Set per key), or a Bucket once several share it. */
  private readonly map = new Map<K, V | Bucket<V>>();

  add(key: K, value: V): void {
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, value);
    else if (held instanceof Bucket) held.add(value);
    else if (held !== value) this.map.set(key, new Bucket([held, value]));
  }

  /**
   * Add `value` unless `key` holds a record already (then add nothing and return false): a uniqueness check and
   * the indexing in one lookup.
   */
  addIfAbsent(key: K, value: V): boolean {
    if (this.map.get(key) !== undefined) return false;
    this.map.set(key, value);
    return true;
  }

  /** Add `value` under a key the caller knows holds nothing: no lookup first. */
  addNew(key: K, value: V): void {
    this.map.set(key, value);
  }

  delete(key: K, value: V): void {
    const held = this.map.get(key);
    if (held === value) this.map.delete(key);
    else if (held instanceof Bucket) {
      held.delete(value);
      if (held.size === 1) this.map.set(key, held.values().next().value as V);
    }
  }

  /** The records under `key` (empty when none). */
  get(key: K): ReadonlySet<V> {
    const held = this.map.get(key);
    if (held === undefined) return EMPTY;
    return held instanceof Bucket ? held : new Set([held]);
  }

  first(key: K): V | undefined {
    const held = this.map.get(key);
    return held instanceof Bucket ? (held.values().next().value as V | undefined) : held;
  }

  clear(): void {
    this.map.clear();
  }
}

/** The records of a key several share; a class of its own so it is never mistaken for a record. */
class Bucket<V> extends Set<V> {}

const EMPTY: ReadonlySet<never> = new Set();
