import { MultiIndex } from '../engine/indexes/multi-index.js';

/**
 * Where an entity came from: the seed (restored by reset), the test (`add*`, a handle's `update`), or the
 * world itself (a default entity that learned something, such as the first trust anchor it was shown).
 */
export type Origin = 'seed' | 'test' | 'default';

interface Entry<T> {
  spec: T;
  origin: Origin;
}

/**
 * The described entities of one kind, keyed by id; `reset()` returns to exactly the seeded ones. With
 * `groupOf`, the table also indexes its entities by one field (a cluster's backup lineage), so the world
 * finds an entity's group without scanning every description; a change to that field goes through `edit()`.
 */
export class EntityTable<T> {
  private entries = new Map<string, Entry<T>>();
  private readonly groups = new MultiIndex<string, string>();

  constructor(
    private readonly seeded: readonly T[],
    private readonly keyOf: (spec: T) => string,
    private readonly groupOf: (spec: T) => string | undefined = () => undefined,
  ) {
    this.reset();
  }

  /** The keys of the described entities whose `groupOf` is `group`. */
  inGroup(group: string): ReadonlySet<string> {
    return this.groups.get(group);
  }

  /** Change the live description of `key` (created from `fresh()` first if there is none), keeping the index. */
  edit(key: string, fresh: () => T, origin: Origin, change: (spec: T) => void): T {
    const spec = this.ensure(key, fresh, origin);
    this.ungroup(key, spec);
    try {
      change(spec);
    } finally {
      this.group(key, spec);
    }
    return spec;
  }

  /** The live description, or undefined when the entity takes every default. */
  get(key: string): T | undefined {
    return this.entries.get(key)?.spec;
  }

  originOf(key: string): Origin | undefined {
    return this.entries.get(key)?.origin;
  }

  /** The live description of `key`, created from `fresh()` first if there is none. */
  ensure(key: string, fresh: () => T, origin: Origin): T {
    const entry = this.entries.get(key);
    if (entry) {
      if (origin !== 'default' && entry.origin === 'default') entry.origin = origin;
      return entry.spec;
    }
    const spec = fresh();
    this.entries.set(key, { spec, origin });
    this.group(key, spec);
    return spec;
  }

  set(spec: T, origin: Origin): void {
    const key = this.keyOf(spec);
    const old = this.entries.get(key);
    if (old) this.ungroup(key, old.spec);
    this.entries.set(key, { spec, origin });
    this.group(key, spec);
  }

  /** Every described entity, in the order it was described. */
  all(): T[] {
    return [...this.entries.values()].map((e) => e.spec);
  }

  /** Descriptions may hold the kmsuser password or proxy secrets: printing the table shows keys only. */
  toJSON(): string[] {
    return [...this.entries.keys()];
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `EntityTable ${JSON.stringify(this.toJSON())}`;
  }

  reset(): void {
    this.entries = new Map(
      this.seeded.map((spec) => [this.keyOf(spec), { spec: structuredClone(spec), origin: 'seed' }]),
    );
    this.groups.clear();
    for (const [key, entry] of this.entries) this.group(key, entry.spec);
  }

  private group(key: string, spec: T): void {
    const group = this.groupOf(spec);
    if (group !== undefined) this.groups.add(group, key);
  }

  private ungroup(key: string, spec: T): void {
    const group = this.groupOf(spec);
    if (group !== undefined) this.groups.delete(group, key);
  }
}
