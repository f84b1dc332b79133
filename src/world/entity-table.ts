/**
 * Where an entity came from: the seed (restored by reset), the test (`add*`, a handle's `update`), or the
 * world itself (a default entity that learned something, such as the first trust anchor it was shown).
 */
export type Origin = 'seed' | 'test' | 'default';

interface Entry<T> {
  spec: T;
  origin: Origin;
}

/** The described entities of one kind, keyed by id; `reset()` returns to exactly the seeded ones. */
export class EntityTable<T> {
  private entries = new Map<string, Entry<T>>();

  constructor(
    private readonly seeded: readonly T[],
    private readonly keyOf: (spec: T) => string,
  ) {
    this.reset();
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
    return spec;
  }

  set(spec: T, origin: Origin): void {
    this.entries.set(this.keyOf(spec), { spec, origin });
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
  }
}
