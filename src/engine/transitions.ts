import type { Clock } from './clock.js';
import type { ConnectionErrorCode, PendingTransition, StoreRecord, Timing } from './types.js';

/**
 * Asynchronous completion of CONNECTING and DISCONNECTING (spec §4, §8.16). A transition is decided when
 * it starts and applied when it settles: after N Describe observations, after a duration on the fake's
 * clock, at once, or by hand.
 */
export class Transitions {
  /** Stores waiting on the clock (`afterMs`), so settling what is due never visits every store. */
  private readonly timed = new Set<StoreRecord>();
  /** Stores whose transition began and may not have settled (one settled some other way leaves at the next look). */
  private readonly begun = new Set<StoreRecord>();
  /** The earliest `dueAt` among them (a lower bound once some settle), so most calls check one number. */
  private earliestDue = Number.POSITIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly defaultTiming: () => Timing,
    private readonly onChange: (store: StoreRecord, from: string) => void,
  ) {}

  begin(
    store: StoreRecord,
    transient: 'CONNECTING' | 'DISCONNECTING',
    to: PendingTransition['to'],
    errorCode?: ConnectionErrorCode,
  ): void {
    const from = store.state;
    store.state = transient;
    delete store.errorCode;
    const timing = store.timing ?? this.defaultTiming();
    const pending: PendingTransition = { to };
    if (errorCode) pending.errorCode = errorCode;
    if (typeof timing === 'object' && 'observations' in timing) pending.observationsLeft = timing.observations;
    if (typeof timing === 'object' && 'afterMs' in timing) pending.dueAt = this.clock() + timing.afterMs;
    store.pending = pending;
    this.begun.add(store);
    if (pending.dueAt !== undefined) {
      this.timed.add(store);
      this.earliestDue = Math.min(this.earliestDue, pending.dueAt);
    }
    this.onChange(store, from);
    if (timing === 'immediate' || pending.observationsLeft === 0) this.settle(store);
  }

  /**
   * A pending transition follows a timing changed after it began (`fake.setTiming`): it settles now for
   * `'immediate'`, after n more observations or ms from now, or only by hand for `'manual'`.
   */
  retime(store: StoreRecord): void {
    const pending = store.pending;
    if (!pending) return;
    const timing = store.timing ?? this.defaultTiming();
    delete pending.observationsLeft;
    delete pending.dueAt;
    if (typeof timing === 'object' && 'observations' in timing) pending.observationsLeft = timing.observations;
    if (typeof timing === 'object' && 'afterMs' in timing) pending.dueAt = this.clock() + timing.afterMs;
    if (timing === 'immediate' || pending.observationsLeft === 0) this.settle(store);
  }

  /** Apply a transition whose time has come on the clock. Called before any operation reads a store. */
  settleIfDue(store: StoreRecord): void {
    const due = store.pending?.dueAt;
    if (due !== undefined && this.clock() >= due) this.settle(store);
  }

  /** Apply every transition whose time has come on the clock: O(stores waiting on the clock), usually none. */
  settleDue(): void {
    if (this.timed.size === 0 || this.clock() < this.earliestDue) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const store of this.timed) {
      const due = store.pending?.dueAt;
      // A store whose transition was settled, replaced or dropped some other way leaves the set here.
      if (due === undefined) this.timed.delete(store);
      else if (this.clock() >= due) this.settle(store);
      else earliest = Math.min(earliest, due);
    }
    this.earliestDue = earliest;
  }

  /**
   * The stores with a transition under way, in creation order: what `fake.settle()` and a new default timing act
   * on, without visiting every store.
   */
  underWay(): StoreRecord[] {
    const stores: StoreRecord[] = [];
    for (const store of this.begun) {
      if (store.pending) stores.push(store);
      else this.begun.delete(store);
    }
    return stores.sort((a, b) => a.seq - b.seq);
  }

  /** Drop a store's transition without settling it (`fake.setState`, a reset putting a store back). */
  cancel(store: StoreRecord): void {
    delete store.pending;
    this.timed.delete(store);
    this.begun.delete(store);
  }

  /** Forget every waiting store (the registry was cleared). */
  clear(): void {
    this.begun.clear();
    this.timed.clear();
    this.earliestDue = Number.POSITIVE_INFINITY;
  }

  /** Count one Describe observation of the store, settling it when it has been seen often enough. */
  observed(store: StoreRecord): void {
    const pending = store.pending;
    if (pending?.observationsLeft === undefined) return;
    pending.observationsLeft -= 1;
    if (pending.observationsLeft <= 0) this.settle(store);
  }

  settle(store: StoreRecord): void {
    const pending = store.pending;
    if (!pending) return;
    const from = store.state;
    delete store.pending;
    this.timed.delete(store);
    this.begun.delete(store);
    store.state = pending.to;
    if (pending.to === 'FAILED' && pending.errorCode) store.errorCode = pending.errorCode;
    else delete store.errorCode;
    this.onChange(store, from);
  }
}
