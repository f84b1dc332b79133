/**
 * Records of one account and Region in creation order, with the position after a paging marker found by
 * binary search, so a page costs O(log n + page) rather than a scan from the start.
 */
export class SortedBySeq<T extends { seq: number }> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Records arrive in increasing `seq` (creation order), so adding is a push. */
  add(item: T): void {
    const last = this.items[this.items.length - 1];
    if (last === undefined || last.seq < item.seq) this.items.push(item);
    else this.items.splice(this.indexAfter(item.seq - 1), 0, item);
  }

  remove(item: T): void {
    const i = this.indexAfter(item.seq - 1);
    if (this.items[i] === item) this.items.splice(i, 1);
  }

  /** Up to `limit` records with `seq` greater than `after`, and whether more follow. */
  page(after: number, limit: number): { items: T[]; truncated: boolean } {
    const start = this.indexAfter(after);
    const items = this.items.slice(start, start + limit);
    return { items, truncated: start + limit < this.items.length };
  }

  all(): readonly T[] {
    return this.items;
  }

  /** The index of the first record whose `seq` is greater than `seq`. */
  private indexAfter(seq: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as T).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
