import { FakeKmsUsageError, KmsError } from '../errors/kms-error.js';
import { trustAnchorCertificate } from '../fixtures/trust-anchor/trust-anchor-pool.js';
import { EncodedOutput, type OperationTable } from '../operations/common.js';
import { describeType } from '../usage/describe-type.js';
import { INSPECT, inspectAs, printAs } from '../usage/redacted-view.js';
import { validateInput } from '../validation/validate-input.js';
import type { World } from '../world/index.js';
import { type Clock, createClock } from './clock.js';
import { Injections } from './injections.js';
import { type CallEntry, Journal, redactSecrets } from './journal.js';
import { KeyRegistry } from './keys/key-registry.js';
import type { AliasRecord, KeyRecord, KeySeed } from './keys/key-types.js';
import { keysOfStoreSeed, seedToKeyRecord } from './keys/seed-keys.js';
import { MarkerCodec } from './markers.js';
import { RandomSource } from './random.js';
import { nameTakenError, seedToRecord } from './seed.js';
import { StoreRegistry } from './store-registry.js';
import { Transitions } from './transitions.js';
import type { CallContext, StoreRecord, StoreSeed, Timing } from './types.js';

export interface EngineOptions {
  account: string;
  region: string;
  quota: number;
  timing: Timing;
  describeWithIdAndName: 'reject' | 'and';
  seed?: string | number;
  now?: () => number | Date;
  stores: readonly StoreSeed[];
  /** KMS keys that exist from the start and after every reset(), besides the stores' `KeyCount` keys. */
  keys?: readonly KeySeed[];
  world: World;
  /** How many journal entries to keep (the newest); counts stay exact. Default 10,000. */
  journalLimit?: number;
  /** The operations the engine answers: the engine receives its table rather than importing it. */
  operations: OperationTable;
}

/** Raised by a transition observer; lets tests and the journal see every state change. */
export type TransitionListener = (store: StoreRecord, from: string) => void;

/**
 * The state of one fake: stores per account and Region, the connection state machine, ids, paging
 * markers, injections and the call journal. Operations run against it; it knows nothing of the wire.
 */
export class Engine {
  readonly registry = new StoreRegistry();
  /** KMS keys and aliases, with their indexes and (kept apart) their key material. */
  readonly keys = new KeyRegistry();
  readonly markers = new MarkerCodec();
  readonly random: RandomSource;
  readonly clock: Clock;
  readonly transitions: Transitions;
  readonly injections = new Injections();
  readonly journal: Journal;
  /** Bumped by reset(), so markers issued before a reset are refused after it. */
  generation = 0;
  private readonly listeners = new Set<TransitionListener>();
  /**
   * Set while reset() seeds again. The seeds are the ones the constructor seeded, so the names and alias names
   * they take are free again and are not looked up, and their ids are the ones the constructor's seeding drew
   * (`seededIds`). At 100,000 seeds every lookup in an index too big for the CPU caches counts.
   */
  private reseeding = false;
  /**
   * While the seeds of the options are seeded: what of them depends on the moment of seeding, so that a reset()
   * that puts the seeded stores back instead of seeding them again can do it at its own moment.
   */
  private seededNow: SeededNow | undefined;
  private lastSeeded: SeededNow = emptySeededNow();
  /**
   * The ids the constructor's seeding drew (the very strings the records hold), in order: seeding again replays
   * them, so the seeded stores and keys keep their ids across reset(), with or without the `seed` option.
   */
  private seededIds: string[] = [];
  private replayAt = -1;
  /**
   * While the constructor seeds: ids are drawn without looking each one up (at 100,000 seeds, a lookup in an
   * index too big for the CPU caches each). A drawn id that was taken after all shows in the counts afterwards
   * (an index holds one record per id), and then seeding starts again, looking every id up.
   */
  private drawingUnchecked = false;
  // What seeding asks for, made once rather than as new closures for each of 100,000 seeded stores or keys.
  private readonly newStoreIdFn = () => this.newStoreId();
  private readonly newKeyIdFn = () => this.newKeyId();
  private readonly storeByIdFn = (id: string) => this.registry.findById(id);
  private readonly trustAnchorForFn = (clusterId: string) =>
    this.options.world.cluster(clusterId).describe().trustAnchorCertificate ?? trustAnchorCertificate(0);

  constructor(readonly options: EngineOptions) {
    this.journal = new Journal(options.journalLimit);
    // The options hold the seeds, secrets included: printing them shows a summary.
    printAs(options, 'EngineOptions', () => ({
      account: options.account,
      region: options.region,
      quota: options.quota,
      timing: options.timing,
      stores: options.stores.length,
    }));
    this.random = new RandomSource(options.seed);
    this.clock = createClock(options.now);
    this.transitions = new Transitions(
      this.clock,
      () => this.options.timing,
      (store, from) => {
        for (const listener of this.listeners) listener(store, from);
      },
    );
    this.seedFirst();
    this.random.seeded();
    this.sealSeeded();
  }

  /** The constructor's seeding: ids drawn unchecked, and seeded again with checks if one was taken. */
  private seedFirst(): void {
    this.drawingUnchecked = true;
    try {
      this.seedAll();
    } finally {
      this.drawingUnchecked = false;
    }
    let keys = this.options.keys?.length ?? 0;
    for (const seed of this.options.stores) keys += seed.KeyCount ?? 0;
    if (this.registry.size === this.options.stores.length && this.keys.size === keys) return;
    this.registry.clear();
    this.keys.clear();
    this.transitions.clear();
    this.journal.clear();
    this.random.rewind();
    this.seededIds = [];
    this.seedAll();
  }

  get world(): World {
    return this.options.world;
  }

  /** Run one KMS operation. Throws a `KmsError` for anything real KMS would reject. */
  call(
    operation: string,
    input: unknown,
    ctx: CallContext,
    requestId: string,
  ): Record<string, unknown> | EncodedOutput {
    const entry: CallEntry = {
      kind: 'call',
      operation,
      input: redactSecrets(isObject(input) ? input : {}),
      account: ctx.account,
      region: ctx.region,
      requestId,
      time: this.clock(),
    };
    this.journal.push(entry);
    try {
      const { handlers, beforeValidation } = this.options.operations;
      const handler = handlers[operation];
      if (!handler) {
        throw new KmsError(
          'NotImplementedException',
          `fake-kms does not implement the KMS operation ${operation} yet. It implements: ${Object.keys(handlers).join(', ')}.`,
          501,
        );
      }
      const injected = this.injections.takeFailure(operation);
      if (injected) throw injected;
      validateInput(operation, beforeValidation[operation]?.(input) ?? input);
      this.transitions.settleDue();
      this.keys.purgeDue(this.clock());
      const output = handler(this, ctx, input as Record<string, unknown>);
      this.journal.recordOutput(entry, output instanceof EncodedOutput ? output.output : output);
      return output;
    } catch (error) {
      if (error instanceof KmsError) {
        entry.error = { code: error.code, message: error.message, httpStatus: error.httpStatus };
      }
      throw error;
    }
  }

  /** A short summary for logs and diffs: the engine's state holds secrets. */
  toJSON(): Record<string, unknown> {
    return { stores: this.registry.size, journal: this.journal.length, generation: this.generation };
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('Engine', this.toJSON(), options, inspect);
  }

  onTransition(listener: TransitionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A new store id: `cks-` + 17 lowercase hex, unique in this fake (spec §8.11). */
  newStoreId(): string {
    const replayed = this.replayedId();
    if (replayed !== undefined) return replayed;
    for (;;) {
      const id = flatId(`cks-${this.random.hex(17)}`);
      if (this.drawingUnchecked || !this.registry.hasId(id)) return this.drawn(id);
    }
  }

  /** A new key id: a UUID, unique in this fake. */
  newKeyId(): string {
    const replayed = this.replayedId();
    if (replayed !== undefined) return replayed;
    for (;;) {
      const id = flatId(this.random.uuid());
      if (this.drawingUnchecked || !this.keys.hasId(id)) return this.drawn(id);
    }
  }

  /** Seeding again: the id the constructor's seeding drew at this point. */
  private replayedId(): string | undefined {
    return this.replayAt < 0 ? undefined : this.seededIds[this.replayAt++];
  }

  /** An id drawn: kept while the constructor seeds. */
  private drawn(id: string): string {
    if (this.seededNow !== undefined) this.seededIds.push(id);
    return id;
  }

  /**
   * Add a key from a seed (AWS vocabulary), refusing seeds that contradict themselves or the stores.
   * `clockDated`: its creation date is the moment of seeding (no CreationDate, or its store's creation date).
   */
  seedKey(seed: KeySeed, clockDated = seed.CreationDate === undefined): KeyRecord {
    const key = seedToKeyRecord(seed, {
      account: this.options.account,
      region: this.options.region,
      now: this.clock(),
      seq: this.keys.takeSeq(),
      newId: this.newKeyIdFn,
      keys: this.keys,
      store: this.storeByIdFn,
      aliasesKnownFree: this.reseeding,
    });
    this.keys.add(key);
    const dated = this.seededNow;
    if (dated && clockDated) dated.keys.push(key);
    if (dated && seed.KeyState === 'PendingDeletion' && seed.DeletionDate === undefined) dated.deletions.push(key);
    let first = true;
    for (const name of seed.Aliases ?? []) {
      const alias: AliasRecord = {
        name,
        account: key.account,
        region: key.region,
        targetKeyId: key.id,
        seq: this.keys.takeSeq(),
        creationDate: key.creationDate,
        lastUpdatedDate: key.creationDate,
      };
      this.keys.addAlias(alias, first);
      if (dated && clockDated) dated.aliases.push(alias);
      first = false;
    }
    return key;
  }

  /** The store with this id, settled if its time has come, or a usage error for tests that name a wrong id. */
  requireStore(id: string): StoreRecord {
    const store = this.registry.findById(id);
    if (!store) {
      const known = this.registry.peekAll().map((s) => s.id);
      // A store id is shown as given; anything else (it could be a secret in the wrong place) by its type.
      const shown = typeof id === 'string' && /^cks-[\w-]{1,60}$/.test(id) ? `"${id}"` : describeType(id);
      throw new FakeKmsUsageError(
        `fake-kms has no custom key store ${shown}. Known stores: ${known.length ? known.join(', ') : '(none)'}.`,
      );
    }
    this.transitions.settleIfDue(store);
    return store;
  }

  seedStore(seed: StoreSeed): StoreRecord {
    const record = seedToRecord(seed, {
      account: this.options.account,
      region: this.options.region,
      now: this.clock(),
      seq: this.registry.takeSeq(),
      newId: this.newStoreIdFn,
      existing: this.registry,
      trustAnchorFor: this.trustAnchorForFn,
    });
    if (!this.registry.addIfNameFree(record, this.reseeding)) throw nameTakenError(seed, record);
    const clockDated = seed.CreationDate === undefined;
    if (clockDated) this.seededNow?.stores.push(record);
    if (seed.KeyCount !== undefined) for (const key of keysOfStoreSeed(seed, record)) this.seedKey(key, clockDated);
    // A store seeded mid-transition settles by the timing like any other (spec §8.16), as setState's do.
    if (record.state === 'CONNECTING' || record.state === 'DISCONNECTING') {
      this.seededNow?.transitions.push({ store: record, transient: record.state });
      this.beginSeededTransition(record, record.state);
    }
    return record;
  }

  /**
   * Start a seeded store's transition. It starts from the state before the transition, so transition listeners
   * see a legal change.
   */
  private beginSeededTransition(record: StoreRecord, transient: 'CONNECTING' | 'DISCONNECTING'): void {
    if (transient === 'CONNECTING') {
      record.state = 'DISCONNECTED';
      this.transitions.begin(record, 'CONNECTING', 'CONNECTED');
    } else {
      record.state = 'CONNECTED';
      this.transitions.begin(record, 'DISCONNECTING', 'DISCONNECTED');
    }
  }

  /**
   * Back to exactly the seeded state: stores, world, ids, journal and injections. When the registries know every
   * store, key and alias reached since the last seeding (the usual case: a test reaches a few), only those are put
   * back, so a reset costs what the test changed, not what the options seed; otherwise everything is seeded again.
   * Both ways give the same state, ids included.
   */
  reset(): void {
    this.transitions.clear();
    this.injections.clear();
    this.journal.clear();
    this.generation += 1;
    this.options.world.reset();
    if (this.registry.restorable && this.keys.restorable) {
      this.restoreSeeded();
      return;
    }
    this.registry.clear();
    this.keys.clear();
    this.reseeding = true;
    this.replayAt = 0;
    try {
      this.seedAll();
    } finally {
      this.reseeding = false;
      this.replayAt = -1;
    }
    this.random.afterSeedingAgain();
    this.sealSeeded();
  }

  /** Put back what changed since seeding, and what seeding did at its moment: dates and transitions. */
  private restoreSeeded(): void {
    this.registry.restoreSeeded();
    this.keys.restoreSeeded();
    this.random.afterSeedingAgain();
    const { stores, keys, aliases, deletions, transitions } = this.lastSeeded;
    const now = this.clock();
    for (const store of stores) store.creationDate = now;
    for (const key of keys) key.creationDate = now;
    for (const alias of aliases) {
      alias.creationDate = now;
      alias.lastUpdatedDate = now;
    }
    for (const key of deletions) this.keys.redateDeletion(key, now + PENDING_WINDOW_MS);
    for (const { store, transient } of transitions) {
      this.transitions.cancel(store);
      this.beginSeededTransition(store, transient);
    }
    this.reachSeededTransitions();
  }

  private seedAll(): void {
    this.seededNow = emptySeededNow();
    try {
      for (const seed of this.options.stores) this.seedStore(seed);
      for (const seed of this.options.keys ?? []) this.seedKey(seed);
      this.lastSeeded = this.seededNow;
    } finally {
      this.seededNow = undefined;
    }
  }

  /** Seeding is over: the registries note what changes from now on. */
  private sealSeeded(): void {
    this.registry.sealSeeded();
    this.keys.sealSeeded();
    this.reachSeededTransitions();
  }

  /** Stores seeded mid-transition change as their transition settles, without being handed out: note them now. */
  private reachSeededTransitions(): void {
    for (const { store } of this.lastSeeded.transitions) this.registry.findById(store.id);
  }
}

/** What seeding did at its moment: the dates it took from the clock, and the transitions it began. */
interface SeededNow {
  /** Stores seeded without a CreationDate. */
  stores: StoreRecord[];
  /** Keys seeded without a CreationDate (or in such a store), and their aliases (one list each: 8 bytes a key). */
  keys: KeyRecord[];
  aliases: AliasRecord[];
  /** Keys seeded pending deletion without a DeletionDate. */
  deletions: KeyRecord[];
  /** Stores seeded CONNECTING or DISCONNECTING. */
  transitions: { store: StoreRecord; transient: 'CONNECTING' | 'DISCONNECTING' }[];
}

function emptySeededNow(): SeededNow {
  return { stores: [], keys: [], aliases: [], deletions: [], transitions: [] };
}

const PENDING_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * An id as one flat string. Joined from pieces (`cks-` and the hex), V8 keeps a string as a tree of them (a rope),
 * which a record keeps for life and every index hashes through: at 100,000 seeded stores that is some 60 bytes and
 * two extra heap objects each. Ids are lowercase, so `toLowerCase` changes no character: it returns a rope as one
 * string, and a string that is flat already as itself.
 */
function flatId(id: string): string {
  return id.toLowerCase();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
