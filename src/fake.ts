import type { KMSClient } from '@aws-sdk/client-kms';
import { Attachments } from './adapters/sdk/attach.js';
import { createFakeClient, type FakeClientConfig } from './adapters/sdk/client-factory.js';
import { FakeRequestHandler } from './adapters/sdk/fake-request-handler.js';
import { type InstallOptions, installFor, isInstalled, uninstallFor } from './adapters/sdk/install.js';
import { Engine } from './engine/engine.js';
import { type CallEntry, copyJournalValue, type JournalEntry } from './engine/journal.js';
import type { KeySeed, KeyState } from './engine/keys/key-types.js';
import { keyRecordToSeed } from './engine/keys/seed-keys.js';
import { recordToSeed } from './engine/seed.js';
import type { ConnectionErrorCode, ConnectionState, StoreSeed, Timing } from './engine/types.js';
import type { Scenario } from './fixtures/scenario/scenario-types.js';
import { validateStoreSeed } from './fixtures/scenario/validate-store-seed.js';
import { OPERATION_TABLE } from './operations/index.js';
import { findKeyForTest } from './operations/keys/find-key-for-test.js';
import { stateOf } from './operations/keys/key-metadata.js';
import { usage } from './usage/arguments.js';
import {
  checkAccount,
  checkClient,
  checkConnectionErrorCode,
  checkStateChange,
  checkStoreId,
} from './usage/control-checks.js';
import { describeType } from './usage/describe-type.js';
import { checkFailNext, type FailNextOptions } from './usage/fail-next.js';
import { checkOptions, checkTiming } from './usage/options.js';
import { checkPlainData } from './usage/plain-data.js';
import { hideInternals, INSPECT, inspectAs } from './usage/redacted-view.js';
import type { KmsErrorCode, KmsOperationRef } from './usage/vocabulary.js';
import { createWorld, type World, type WorldSpec } from './world/index.js';
import { SpecIssues } from './world/spec/spec-issues.js';

export type { FailNextOptions } from './usage/fail-next.js';

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
  /**
   * How many journal entries to keep: the newest, older ones are dropped. Call counts stay exact. A whole
   * number of at least 1, or `Infinity`. Default 10,000 (the journal empties at every `reset()`).
   */
  journalLimit?: number;
  /**
   * `'none'` (default): clients the fake wires retry exactly as the SDK decides, without waiting between
   * attempts (so fake timers never hang a retry). `'real'`: the SDK's own backoff, for tests of backoff.
   */
  retryDelays?: 'none' | 'real';
}

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
  private readonly retryDelays: 'none' | 'real';

  constructor(options: KmsFakeOptions = {}) {
    // Checked with the same rules as scenario files, and copied: changing `options` later changes nothing.
    const checked = checkOptions(options);
    const world = createWorld(checked.world);
    this.initialTiming = checked.timing;
    this.retryDelays = checked.retryDelays;
    this.engine = new Engine({
      account: checked.account,
      region: checked.region,
      quota: checked.quota,
      timing: this.initialTiming,
      describeWithIdAndName: checked.describeWithIdAndName,
      seed: checked.seed,
      now: checked.now,
      stores: checked.stores,
      keys: checked.keys,
      world,
      journalLimit: checked.journalLimit,
      operations: OPERATION_TABLE,
    });
    this.handler = new FakeRequestHandler(() => this.engine);
    this.attachments = new Attachments(this.handler, () => ({
      account: this.engine.options.account,
      region: this.engine.options.region,
      retryDelays: this.retryDelays,
    }));
    hideInternals(this, ['engine', 'handler', 'attachments', 'initialTiming', 'retryDelays']);
  }

  /** The backing world: CloudHSM clusters and XKS proxies. Change it to make things fail the way they do on AWS. */
  get world(): World {
    return this.engine.world;
  }

  /**
   * A real KMSClient answered by this fake. `config` is passed to the KMSClient (plus `account`). The client
   * belongs to this fake for life: another fake's `install()` or `attach()` never takes it over.
   */
  client(config?: FakeClientConfig): KMSClient {
    const given = usage('fake.client(config?)').object('config', config);
    checkAccount('fake.client(config?)', 'config.account', given?.account);
    const client = createFakeClient(
      this.handler,
      { account: this.engine.options.account, region: this.engine.options.region, retryDelays: this.retryDelays },
      config,
    );
    this.attachments.own(client);
    return client;
  }

  /** The `requestHandler` to give a KMSClient you build yourself. */
  get requestHandler(): FakeRequestHandler {
    return this.handler;
  }

  /**
   * Route an existing KMSClient's calls to this fake (through a middleware); `detach` undoes it. A client
   * belongs to one fake: attaching a client another fake built or attached throws a `FakeKmsUsageError`.
   */
  attach(client: KMSClient, options: { account?: string } = {}): this {
    const method = 'fake.attach(client, options?)';
    checkClient(method, client);
    const given = usage(method).object('options', options) ?? {};
    usage(method).knownKeys('options', given, ['account']);
    this.attachments.attach(client, checkAccount(method, 'options.account', given.account));
    return this;
  }

  detach(client: KMSClient): this {
    checkClient('fake.detach(client)', client);
    this.attachments.detach(client);
    return this;
  }

  /**
   * Make every KMSClient in the process that no fake owns answer from this fake until `uninstall()`, and
   * fail KMS, STS and instance-metadata requests that escape it (see {@link InstallOptions}).
   *
   * @example
   * fake.install();
   * await codeUnderTest(); // builds `new KMSClient({})` inside; it answers from the fake
   * fake.uninstall();
   */
  install(options: InstallOptions = {}): this {
    const args = usage('fake.install(options?)');
    const given = args.object('options', options) ?? {};
    args.knownKeys('options', given, ['onUnhandledRequest', 'fastClients']);
    if (given.onUnhandledRequest !== undefined) {
      args.oneOf('options.onUnhandledRequest', given.onUnhandledRequest, ['error', 'bypass'] as const);
    }
    if (given.fastClients !== undefined && typeof given.fastClients !== 'boolean') {
      args.fail('options.fastClients', `must be true or false; got ${describeType(given.fastClients)}.`);
    }
    installFor(this, this.attachments, this.engine.options.region, given as InstallOptions);
    return this;
  }

  /** Undo `install()`; clients wired with `client()` or `attach()` keep their fake. */
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
    this.attachments.forgetCachedHandlersAtReset();
    return this;
  }

  /** Finish pending CONNECTING / DISCONNECTING transitions now: of one store, or of all. */
  settle(storeId?: string): this {
    const id = checkStoreId('fake.settle(storeId?)', storeId, true);
    const stores = id !== undefined ? [this.engine.requireStore(id)] : this.engine.transitions.underWay();
    for (const store of stores) this.engine.transitions.settle(store);
    return this;
  }

  /** Change when transitions settle: for every store, or for one. */
  setTiming(timing: Timing, storeId?: string): this {
    const method = 'fake.setTiming(timing, storeId?)';
    const copy = checkTiming(method, 'timing', timing);
    const id = checkStoreId(method, storeId, true);
    if (id !== undefined) {
      const store = this.engine.requireStore(id);
      store.timing = copy;
      this.engine.transitions.retime(store);
    } else {
      this.engine.options.timing = copy;
      for (const store of this.engine.transitions.underWay()) if (!store.timing) this.engine.transitions.retime(store);
    }
    this.inject('setTiming', { timing: copy, storeId: id });
    return this;
  }

  /** The next connect attempt of this store ends FAILED with `code`, whatever the world says. */
  failNextConnect(storeId: string, code: ConnectionErrorCode): this {
    const method = 'fake.failNextConnect(storeId, code)';
    const store = this.engine.requireStore(checkStoreId(method, storeId) as string);
    const checked = checkConnectionErrorCode(method, 'code', code, store.type);
    this.engine.injections.failNextConnect(store.id, checked);
    this.inject('failNextConnect', { storeId: store.id, code: checked });
    return this;
  }

  /** The next `times` calls of `operation` fail with the KMS error `code` and change nothing. */
  failNext(operation: KmsOperationRef, code: KmsErrorCode, options?: FailNextOptions): this {
    const { operation: name, code: checked, times, message, httpStatus } = checkFailNext(operation, code, options);
    this.engine.injections.failOperation(name, { code: checked, message, httpStatus, remaining: times });
    const shownTimes = Number.isFinite(times) ? times : 'always';
    this.inject('failNext', { operation: name, code: checked, times: shownTimes, message, httpStatus });
    return this;
  }

  /**
   * Put a store in any state at once, with no world check. A transient state (CONNECTING, DISCONNECTING)
   * then settles like any other, by the store's timing.
   */
  setState(storeId: string, state: ConnectionState, errorCode?: ConnectionErrorCode): this {
    const method = 'fake.setState(storeId, state, errorCode?)';
    const store = this.engine.requireStore(checkStoreId(method, storeId) as string);
    ({ state, code: errorCode } = checkStateChange(method, state, errorCode, store.type));
    this.engine.transitions.cancel(store);
    if (state === 'CONNECTING') this.engine.transitions.begin(store, 'CONNECTING', 'CONNECTED');
    else if (state === 'DISCONNECTING') this.engine.transitions.begin(store, 'DISCONNECTING', 'DISCONNECTED');
    else store.state = state;
    if (errorCode) store.errorCode = errorCode;
    else delete store.errorCode;
    this.inject('setState', { storeId: store.id, state, errorCode });
    return this;
  }

  /** Add a store now (it is gone after `reset()` unless it was given in the options). */
  addStore(seed: StoreSeed): string {
    // The same rules as seeds in the options and scenario files, and a copy: editing `seed` later changes nothing.
    const issues = new SpecIssues();
    if (checkPlainData(seed, '$', issues)) validateStoreSeed(seed, '$', issues);
    issues.throwIfAny('The seed given to fake.addStore()');
    return this.engine.seedStore(structuredClone(seed)).id;
  }

  /**
   * Every call and injection kept so far, oldest first (secrets redacted): a copy, so changing it changes
   * nothing in the fake. The journal keeps the newest `journalLimit` entries (default 10,000).
   */
  get journal(): readonly JournalEntry[] {
    return copyJournalValue(this.engine.journal.entries());
  }

  /** The kept calls the fake answered, optionally of one operation (a copy, as for `journal`). */
  calls(operation?: KmsOperationRef): CallEntry[] {
    const name =
      operation === undefined ? undefined : usage('fake.calls(operation?)').operation('operation', operation, true);
    const calls = this.engine.journal
      .entries()
      .filter((e): e is CallEntry => e.kind === 'call' && (name === undefined || e.operation === name));
    return copyJournalValue(calls);
  }

  /**
   * How many calls (of one operation, a name or a command class) the fake answered since the last reset:
   * exact, including calls whose journal entries were dropped to stay within `journalLimit`.
   *
   * @example
   * expect(fake.callCount('ConnectCustomKeyStore')).toBe(1);
   */
  callCount(operation?: KmsOperationRef): number {
    const name =
      operation === undefined ? undefined : usage('fake.callCount(operation?)').operation('operation', operation, true);
    return this.engine.journal.callCount(name);
  }

  /** Every store as a seed (secrets left out), in creation order. */
  stores(): StoreSeed[] {
    // Settling changes only stores with a transition under way, which were handed out when it began.
    const all = this.engine.registry.peekAll();
    for (const store of all) this.engine.transitions.settleIfDue(store);
    return all.map(recordToSeed);
  }

  /** Every KMS key as a seed, with its aliases and tags, in creation order. Key material is never included. */
  keys(): KeySeed[] {
    this.engine.keys.purgeDue(this.engine.clock());
    return this.engine.keys.peekAll().map((key) =>
      keyRecordToSeed(
        key,
        this.engine.keys.peekAliasesOf(key.id).map((a) => a.name),
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

  /** A short summary for `JSON.stringify` and test-runner diffs; the fake's internals (and secrets) stay out. */
  toJSON(): Record<string, unknown> {
    return {
      account: this.engine.options.account,
      region: this.engine.options.region,
      stores: this.engine.registry.peekAll().map((s) => `${s.id} ${s.name} ${s.state}`),
      calls: this.engine.journal.callCount(),
      installed: this.installed,
    };
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('KmsFake', this.toJSON(), options, inspect);
  }

  private inject(injection: string, details: Record<string, unknown>): void {
    this.engine.journal.push({ kind: 'injection', injection, details, time: this.engine.clock() });
  }
}

/** Create a fake. See {@link KmsFakeOptions}. */
export function createKmsFake(options?: KmsFakeOptions): KmsFake {
  return new KmsFake(options);
}
