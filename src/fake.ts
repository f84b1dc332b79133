import type { KMSClient } from '@aws-sdk/client-kms';
import { Attachments } from './adapters/sdk/attach.js';
import { createFakeClient, type FakeClientConfig } from './adapters/sdk/client-factory.js';
import { FakeRequestHandler } from './adapters/sdk/fake-request-handler.js';
import { installFor, isInstalled, uninstallFor } from './adapters/sdk/install.js';
import { requireCodeOfStoreType } from './engine/code-fits-store.js';
import { Engine } from './engine/engine.js';
import type { CallEntry, JournalEntry } from './engine/journal.js';
import type { KeySeed, KeyState } from './engine/keys/key-types.js';
import { keyRecordToSeed } from './engine/keys/seed-keys.js';
import { recordToSeed } from './engine/seed.js';
import type { ConnectionErrorCode, ConnectionState, StoreSeed, Timing } from './engine/types.js';
import { defaultStatus, FakeKmsUsageError } from './errors/kms-error.js';
import type { Scenario } from './fixtures/scenario/scenario-types.js';
import { OPERATION_TABLE } from './operations/index.js';
import { findKeyForTest } from './operations/keys/find-key-for-test.js';
import { stateOf } from './operations/keys/key-metadata.js';
import { createWorld, type World, type WorldSpec } from './world/index.js';

export interface KmsFakeOptions extends WorldSpec {
  /** The account every client acts as unless it says otherwise. Default `111122223333`. */
  account?: string;
  /** The Region of clients that name none. Default `us-east-1`. */
  region?: string;
  /** Makes ids, request ids and generated data reproducible (spec §8.11). */
  seed?: string | number;
  /** Stores that exist from the start and after every `reset()`. */
  stores?: readonly StoreSeed[];
  /** KMS keys (and their aliases and tags) that exist from the start and after every `reset()`. */
  keys?: readonly KeySeed[];
  /** Custom key stores per account and Region (spec §8.10). Default 10. */
  quota?: number;
  /** When CONNECTING / DISCONNECTING settle (spec §8.16). Default `{ observations: 1 }`. */
  timing?: Timing;
  /** Describe with both `CustomKeyStoreId` and `CustomKeyStoreName` (spec §8.1). Default `'reject'`. */
  describeWithIdAndName?: 'reject' | 'and';
  /** The fake's clock; by default `Date.now()`, which follows Vitest/Jest fake timers. */
  now?: () => number | Date;
}

export interface FailNextOptions {
  /** How many calls fail. Default 1. */
  times?: number;
  /** The error message. Default: a message in KMS's style for the code. */
  message?: string;
  /** HTTP status. Default: 500 for KMSInternalException, 503 for DependencyTimeoutException, else 400. */
  httpStatus?: number;
}

const ACCOUNT = /^\d{12}$/;

/**
 * An in-memory KMS that real `KMSClient`s talk to. Create one per test file (or use the Vitest/Jest
 * helpers), reset it between tests.
 *
 * @example
 * const fake = createKmsFake();
 * const kms = fake.client();
 * const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand({ ... }));
 */
export class KmsFake {
  readonly engine: Engine;
  private readonly handler: FakeRequestHandler;
  private readonly attachments: Attachments;
  private readonly initialTiming: Timing;

  constructor(options: KmsFakeOptions = {}) {
    const account = options.account ?? '111122223333';
    if (!ACCOUNT.test(account)) throw new FakeKmsUsageError(`account must be 12 digits, got "${account}".`);
    const quota = options.quota ?? 10;
    if (!Number.isInteger(quota) || quota < 0)
      throw new FakeKmsUsageError(`quota must be a whole number, got ${quota}.`);
    const world = createWorld({
      clusters: options.clusters,
      proxies: options.proxies,
      vpcEndpointServices: options.vpcEndpointServices,
      region: options.region,
    });
    this.initialTiming = validTiming(options.timing ?? { observations: 1 });
    this.engine = new Engine({
      account,
      region: options.region ?? 'us-east-1',
      quota,
      timing: this.initialTiming,
      describeWithIdAndName: options.describeWithIdAndName ?? 'reject',
      seed: options.seed,
      now: options.now,
      stores: options.stores ?? [],
      keys: options.keys ?? [],
      world,
      operations: OPERATION_TABLE,
    });
    this.handler = new FakeRequestHandler(() => this.engine);
    this.attachments = new Attachments(this.handler, () => ({
      account: this.engine.options.account,
      region: this.engine.options.region,
    }));
  }

  /** The backing world: CloudHSM clusters and XKS proxies. Change it to make things fail the way they do on AWS. */
  get world(): World {
    return this.engine.world;
  }

  /** A real KMSClient answered by this fake. `config` is passed to the KMSClient (plus `account`). */
  client(config?: FakeClientConfig): KMSClient {
    return createFakeClient(
      this.handler,
      { account: this.engine.options.account, region: this.engine.options.region },
      config,
    );
  }

  /** The `requestHandler` to give a KMSClient you build yourself. */
  get requestHandler(): FakeRequestHandler {
    return this.handler;
  }

  /** Route an existing KMSClient's calls to this fake (through a middleware); `detach` undoes it. */
  attach(client: KMSClient, options: { account?: string } = {}): this {
    this.attachments.attach(client, options.account);
    return this;
  }

  detach(client: KMSClient): this {
    this.attachments.detach(client);
    return this;
  }

  /** Make every KMSClient in the process answer from this fake until `uninstall()`. */
  install(): this {
    installFor(this, this.attachments);
    return this;
  }

  uninstall(): this {
    uninstallFor(this);
    return this;
  }

  get installed(): boolean {
    return isInstalled(this);
  }

  /** Back to the seeded state: stores, world, ids, journal and injections. Attached clients stay attached. */
  reset(): this {
    this.engine.options.timing = this.initialTiming;
    this.engine.reset();
    return this;
  }

  /** Finish pending CONNECTING / DISCONNECTING transitions now: of one store, or of all. */
  settle(storeId?: string): this {
    const stores = storeId ? [this.engine.requireStore(storeId)] : this.engine.registry.all();
    for (const store of stores) this.engine.transitions.settle(store);
    return this;
  }

  /** Change when transitions settle: for every store, or for one. */
  setTiming(timing: Timing, storeId?: string): this {
    validTiming(timing);
    if (storeId) this.engine.requireStore(storeId).timing = timing;
    else this.engine.options.timing = timing;
    this.inject('setTiming', { timing, storeId });
    return this;
  }

  /** The next connect attempt of this store ends FAILED with `code`, whatever the world says. */
  failNextConnect(storeId: string, code: ConnectionErrorCode): this {
    requireCodeOfStoreType('failNextConnect', this.engine.requireStore(storeId), code);
    this.engine.injections.failNextConnect(storeId, code);
    this.inject('failNextConnect', { storeId, code });
    return this;
  }

  /** The next `times` calls of `operation` fail with the KMS error `code` and change nothing. */
  failNext(operation: string, code: string, options: FailNextOptions = {}): this {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new FakeKmsUsageError(`times must be 1 or more, got ${times}.`);
    const message = options.message ?? `fake-kms injected ${code} for ${operation}.`;
    const httpStatus = options.httpStatus ?? defaultStatus(code);
    this.engine.injections.failOperation(operation, { code, message, httpStatus, remaining: times });
    this.inject('failNext', { operation, code, times, message, httpStatus });
    return this;
  }

  /**
   * Put a store in any state at once, with no world check. A transient state (CONNECTING, DISCONNECTING)
   * then settles like any other, by the store's timing.
   */
  setState(storeId: string, state: ConnectionState, errorCode?: ConnectionErrorCode): this {
    const store = this.engine.requireStore(storeId);
    if ((state === 'FAILED') !== (errorCode !== undefined)) {
      throw new FakeKmsUsageError('setState: give a ConnectionErrorCode exactly when the state is FAILED.');
    }
    if (errorCode !== undefined) requireCodeOfStoreType('setState', store, errorCode);
    delete store.pending;
    if (state === 'CONNECTING') this.engine.transitions.begin(store, 'CONNECTING', 'CONNECTED');
    else if (state === 'DISCONNECTING') this.engine.transitions.begin(store, 'DISCONNECTING', 'DISCONNECTED');
    else store.state = state;
    if (errorCode) store.errorCode = errorCode;
    else delete store.errorCode;
    this.inject('setState', { storeId, state, errorCode });
    return this;
  }

  /** Add a store now (it is gone after `reset()` unless it was given in the options). */
  addStore(seed: StoreSeed): string {
    return this.engine.seedStore(seed).id;
  }

  /** Every call and injection so far, oldest first (secrets redacted). */
  get journal(): readonly JournalEntry[] {
    return this.engine.journal;
  }

  /** The calls the fake answered, optionally of one operation. */
  calls(operation?: string): CallEntry[] {
    return this.engine.journal.filter(
      (e): e is CallEntry => e.kind === 'call' && (operation === undefined || e.operation === operation),
    );
  }

  /** Every store as a seed (secrets left out), in creation order. */
  stores(): StoreSeed[] {
    const all = this.engine.registry.all();
    for (const store of all) this.engine.transitions.settleIfDue(store);
    return all.map(recordToSeed);
  }

  /** Every KMS key as a seed, with its aliases and tags, in creation order. Key material is never included. */
  keys(): KeySeed[] {
    this.engine.keys.purgeDue(this.engine.clock());
    return this.engine.keys.all().map((key) =>
      keyRecordToSeed(
        key,
        this.engine.keys.aliasesOf(key.id).map((a) => a.name),
      ),
    );
  }

  /** The state of a KMS key now (`Unavailable` while its custom key store is not CONNECTED), read without a call. */
  keyState(keyIdOrAlias: string, options: { account?: string; region?: string } = {}): KeyState {
    const ctx = {
      account: options.account ?? this.engine.options.account,
      region: options.region ?? this.engine.options.region,
    };
    this.engine.keys.purgeDue(this.engine.clock());
    const key = findKeyForTest(this.engine, ctx, keyIdOrAlias);
    return stateOf(this.engine, key);
  }

  /**
   * The whole state as a scenario: stores and the described world, secrets left out. Load it with
   * `createKmsFake({ ...fake.snapshot() })` (or save it as JSON and `loadScenario(path)`) to get a fake
   * whose Describe output is the same. A store caught mid-transition keeps its transient state and
   * settles by the new fake's timing.
   *
   * @example
   * writeFileSync('scenario.json', JSON.stringify(fake.snapshot(), null, 2));
   */
  snapshot(): Scenario {
    const world = this.engine.world.snapshot();
    return {
      account: this.engine.options.account,
      region: this.engine.options.region,
      stores: this.stores(),
      keys: this.keys(),
      clusters: [...world.clusters],
      proxies: [...world.proxies],
      vpcEndpointServices: [...world.vpcEndpointServices],
    };
  }

  private inject(injection: string, details: Record<string, unknown>): void {
    this.engine.journal.push({ kind: 'injection', injection, details, time: this.engine.clock() });
  }
}

function validTiming(timing: Timing): Timing {
  const ok =
    timing === 'immediate' ||
    timing === 'manual' ||
    (typeof timing === 'object' &&
      timing !== null &&
      (('observations' in timing && Number.isInteger(timing.observations) && timing.observations >= 0) ||
        ('afterMs' in timing && Number.isFinite(timing.afterMs) && timing.afterMs >= 0)));
  if (!ok) {
    throw new FakeKmsUsageError(
      `timing must be 'immediate', 'manual', { observations: n } or { afterMs: n }, got ${JSON.stringify(timing)}.`,
    );
  }
  return timing;
}

/** Create a fake. See {@link KmsFakeOptions}. */
export function createKmsFake(options?: KmsFakeOptions): KmsFake {
  return new KmsFake(options);
}
