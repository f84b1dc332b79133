/**
 * What changed in a registry since it was last seeded, so that `reset()` can put back just that instead of
 * seeding every store and key again: at 100,000 seeded stores, a test that touched three pays for three.
 *
 * Records are reachable only through their registry, so a record no accessor ever handed out cannot have
 * changed. The first time one is handed out after seeding, a copy of it as seeded is kept (`reach`); records
 * added since are noted (`added`). When that grows past a share of the registry, or a caller takes every
 * record at once for a change (`reachAll`), the registry stops keeping track and `reset()` seeds again.
 */
export class SinceSeeding<T extends object> {
  private tracking = false;
  private lost = false;
  private limit = 0;
  private readonly made = new Set<T>();
  private readonly seeded = new Map<T, T>();

  /** `copy` copies a record deeply enough that no later change of the record reaches the copy. */
  constructor(private readonly copy: (record: T) => T) {}

  /**
   * Seeding is over: from now on, note every change. `limit` is how many records may change before putting them
   * back would cost about what seeding again does.
   */
  start(limit: number): void {
    this.tracking = true;
    this.lost = false;
    this.limit = limit;
    this.made.clear();
    this.seeded.clear();
  }

  /** Stop tracking (the registry is being cleared and seeded again). */
  stop(): void {
    this.tracking = false;
    this.made.clear();
    this.seeded.clear();
  }

  /** Whether everything that changed since seeding is known. */
  get restorable(): boolean {
    return this.tracking && !this.lost;
  }

  /** A record was added after seeding. */
  added(record: T): void {
    if (!this.tracking || this.lost) return;
    this.made.add(record);
    if (this.made.size + this.seeded.size > this.limit) this.lose();
  }

  /** A record is handed out (it may change from now on): keep it as seeded, the first time. */
  reach(record: T): T {
    if (this.tracking && !this.lost && !this.seeded.has(record) && !this.made.has(record)) {
      this.seeded.set(record, this.copy(record));
      if (this.made.size + this.seeded.size > this.limit) this.lose();
    }
    return record;
  }

  /** Every record is handed out for a change: keeping copies would cost more than seeding again. */
  reachAll(): void {
    if (this.tracking) this.lose();
  }

  /** The records added since seeding. */
  get addedRecords(): Iterable<T> {
    return this.made;
  }

  /** Each seeded record that was handed out, with its copy as seeded. */
  get reachedRecords(): Iterable<[T, T]> {
    return this.seeded;
  }

  private lose(): void {
    this.lost = true;
    this.made.clear();
    this.seeded.clear();
  }
}

/**
 * Put `record` back as `seeded` in place (the object stays the one every index and cache holds): members the
 * record gained since are removed, and the copy's members (its nested objects included) become the record's.
 */
export function restoreInPlace<T extends object>(record: T, seeded: T): void {
  for (const key of Object.keys(record))
    if (!Object.hasOwn(seeded, key)) delete (record as Record<string, unknown>)[key];
  Object.assign(record, seeded);
}
