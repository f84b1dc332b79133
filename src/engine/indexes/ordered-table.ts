/** Anything kept in creation order: a store, a key. `seq` only grows. */
export interface Sequenced {
  seq: number;
}

/** One page of an {@link OrderedTable}: the items, and whether any live item follows them. */
export interface Page<T> {
  items: T[];
  more: boolean;
}

/**
 * Records in creation order, with paging from a cursor in O(log n + page) however many records exist.
 *
 * A page starts after the `seq` of the last item of the previous page (the paging marker), found by binary
 * search, so records created or deleted between pages never shift a walk and the last page of 100,000 costs
 * what the first does. A removal leaves a hole that later pages skip; holes are swept out once they
 * outnumber the live records, and holes at the end at once, so "is there more?" is one comparison.
 *
 * Stores use it today; keys (and aliases, grants) can use the same table for `ListKeys`-style paging.
 *
 * @example
 * const table = new OrderedTable<StoreRecord>();
 * table.add(store); // store.seq greater than every seq added before
 * const { items, more } = table.page(afterSeq, 100);
 */
export class OrderedTable<T extends Sequenced> {
  private items: (T | undefined)[] = [];
  /** The seq of every slot, holes included, so binary search never meets a gap. */
  private seqs: number[] = [];
  private holes = 0;

  /** How many live records. */
  get size(): number {
    return this.items.length - this.holes;
  }

  /** Append a record newer than every record added so far. */
  add(item: T): void {
    const last = this.seqs[this.seqs.length - 1];
    if (last !== undefined && last >= item.seq) {
      throw new Error(`OrderedTable: seq ${item.seq} is not after ${last}.`);
    }
    this.items.push(item);
    this.seqs.push(item.seq);
  }

  /**
   * Put a removed record back in its place by `seq` (reset() restoring a seeded record): into the hole it left,
   * or, once that hole was swept out, spliced in.
   */
  restore(item: T): void {
    const at = this.indexAfter(item.seq - 1);
    if (this.seqs[at] === item.seq) {
      if (this.items[at] === undefined) this.holes -= 1;
      this.items[at] = item;
      return;
    }
    this.items.splice(at, 0, item);
    this.seqs.splice(at, 0, item.seq);
  }

  remove(item: T): boolean {
    const at = this.indexAfter(item.seq - 1);
    if (this.items[at] !== item) return false;
    this.items[at] = undefined;
    this.holes += 1;
    while (this.items.length > 0 && this.items[this.items.length - 1] === undefined) {
      this.items.pop();
      this.seqs.pop();
      this.holes -= 1;
    }
    if (this.holes > 32 && this.holes > this.size) this.compact();
    return true;
  }

  /** Up to `limit` live records whose seq is greater than `afterSeq`, oldest first. */
  page(afterSeq: number, limit: number): Page<T> {
    const items: T[] = [];
    let i = this.indexAfter(afterSeq);
    for (; i < this.items.length && items.length < limit; i++) {
      const item = this.items[i];
      if (item) items.push(item);
    }
    // The last slot is never a hole, so any slot left after \`i\` means a live record follows.
    return { items, more: i < this.items.length };
  }

  /** Every live record, oldest first. */
  *values(): IterableIterator<T> {
    for (const item of this.items) if (item) yield item;
  }

  clear(): void {
    this.items = [];
    this.seqs = [];
    this.holes = 0;
  }

  /** The first slot whose seq is greater than \`seq\`. */
  private indexAfter(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.seqs[mid] as number) <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    const items: T[] = [];
    for (const item of this.items) if (item) items.push(item);
    this.items = items;
    this.seqs = items.map((item) => item.seq);
    this.holes = 0;
  }
}
