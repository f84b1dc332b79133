/**
 * A small reference model of KMS custom key stores, written from ../shared/spec/custom-key-stores.md
 * (§3 operations, §4 state machine, §5 uniqueness and quota, §8 decisions), not from fake-kms's source.
 * It is deliberately naive: plain arrays, no indexes, every rule spelt out where it is used.
 *
 * Stores are named by model ids (`m1`, `m2`, ...); the harness maps them to the fake's `cks-…` ids.
 * Markers are named `marker#k`. Where the spec is silent the model says so, with the choice it makes.
 */

import { KEY_OPERATIONS, KeyModel } from './key-model.js';
import {
  describeEntry,
  fail,
  type ModelStore,
  type Outcome,
  ok,
  type Pending,
  type RunConfig,
  type State,
  type XksConfig,
  xksFromInput,
} from './model-store.js';
import { SCOPES, type Scope } from './pools.js';
import { createTypeProblem, violates } from './rules.js';
import { SEED_TEMPLATES, type SeedTemplate, seedStore } from './seeds.js';
import { updateStore } from './update-model.js';
import { WorldModel } from './world-model.js';

type Input = Record<string, unknown>;

export * from './model-store.js';

const PAGE_SIZE = 100; // §8.9

export class ReferenceModel {
  /** Live stores of every scope, in creation order. */
  stores: ModelStore[] = [];
  /** Every model id issued since the last reset, deleted ones included. */
  known: string[] = [];
  /** Markers handed out, by `marker#k` index. */
  markers: Array<{ scope: Scope; after: number; generation: number }> = [];
  now: number;
  /** KMS keys in the stores (spec §6). */
  readonly keys = new KeyModel();
  /** The clusters and proxies behind the stores, learning as docs/behaviour.md says. */
  readonly world = new WorldModel();
  private seq = 0;
  private midCounter = 0;
  private generation = 0;
  private opFailures = new Map<string, Array<{ code: string; left: number }>>();
  private connectFailures = new Map<string, string[]>();

  constructor(readonly cfg: RunConfig) {
    this.now = cfg.startMs;
    this.seedAll();
  }

  live(scope: Scope): ModelStore[] {
    return this.stores.filter((s) => s.scope === scope);
  }

  byMid(mid: string): ModelStore | undefined {
    return this.stores.find((s) => s.mid === mid);
  }

  /** One KMS call in `scope`. */
  call(scope: Scope, operation: string, input: Input): Outcome {
    const injected = this.takeFailure(operation); // injections come before everything (fake's failNext)
    if (injected) return fail(injected);
    if (violates(operation, input)) return fail('ValidationException');
    this.settleDue();
    this.keys.purge(this.now);
    if (KEY_OPERATIONS.has(operation)) return this.keys.call(this, scope, operation, input);
    switch (operation) {
      case 'CreateCustomKeyStore':
        return this.create(scope, input);
      case 'DescribeCustomKeyStores':
        return this.describe(scope, input);
      case 'ConnectCustomKeyStore':
        return this.connect(scope, input);
      case 'DisconnectCustomKeyStore':
        return this.disconnect(scope, input);
      case 'UpdateCustomKeyStore':
        return updateStore(this, scope, input);
      case 'DeleteCustomKeyStore':
        return this.delete(scope, input);
      default:
        throw new Error(`model: unknown operation ${operation}`);
    }
  }

  find(scope: Scope, id: unknown): ModelStore | undefined {
    return this.stores.find((s) => s.scope === scope && s.mid === id);
  }

  private create(scope: Scope, input: Input): Outcome {
    if (createTypeProblem(input)) return fail('ValidationException'); // §8.2
    const name = input.CustomKeyStoreName as string;
    const type = (input.CustomKeyStoreType as ModelStore['type'] | undefined) ?? 'AWS_CLOUDHSM';
    const mine = this.live(scope);
    // §8.7: uniqueness (name, XKS URI, endpoint, service, cluster), then quota.
    if (mine.some((s) => s.name === name)) return fail('CustomKeyStoreNameInUseException');
    let xks: XksConfig | undefined;
    if (type === 'EXTERNAL_KEY_STORE') {
      xks = xksFromInput(input, SCOPES[scope].account);
      const clash = this.xksClash(scope, xks);
      if (clash) return fail(clash);
    } else if (mine.some((s) => s.hsm && this.world.related(s.hsm.clusterId, input.CloudHsmClusterId as string))) {
      return fail('CloudHsmClusterInUseException'); // one store per cluster or related cluster
    }
    if (mine.length >= this.cfg.quota) return fail('LimitExceededException'); // §5, §8.10: any state, both types
    const account = SCOPES[scope].account;
    if (!xks) {
      const refused = this.world.create(
        account,
        input.CloudHsmClusterId as string,
        input.TrustAnchorCertificate as string,
        input.KeyStorePassword as string,
      );
      if (refused) return fail(refused);
    }
    const store = this.add(scope, name, type, 0);
    if (xks) {
      store.xks = xks;
      this.world.teach(xks); // a Create teaches the proxy the store's path and credential
    } else {
      store.hsm = {
        clusterId: input.CloudHsmClusterId as string,
        trustAnchor: input.TrustAnchorCertificate as string,
        password: input.KeyStorePassword as string,
      };
    }
    return ok({ CustomKeyStoreId: store.mid });
  }

  /**
   * Spec §5 XKS uniqueness, in the §8.7 order. The URI (endpoint + path) is unique per account and Region.
   * A public endpoint may not equal any VPC store's endpoint in the Region ("even other accounts"); a VPC
   * store's endpoint (its private DNS name) and its VPC endpoint service are its own in the Region
   * (the spec names no narrower scope for these two, so the model takes the Region).
   */
  xksClash(scope: Scope, config: XksConfig, self?: ModelStore): string | undefined {
    const region = SCOPES[scope].region;
    const others = this.stores.filter((s) => s !== self && s.xks && SCOPES[s.scope].region === region);
    const xksOf = (s: ModelStore) => s.xks as XksConfig;
    const uri = config.UriEndpoint + config.UriPath;
    if (others.some((s) => s.scope === scope && xksOf(s).UriEndpoint + xksOf(s).UriPath === uri)) {
      return 'XksProxyUriInUseException';
    }
    const vpc = config.Connectivity === 'VPC_ENDPOINT_SERVICE';
    const endpointTaken = others.some(
      (s) => xksOf(s).UriEndpoint === config.UriEndpoint && (vpc || xksOf(s).Connectivity === 'VPC_ENDPOINT_SERVICE'),
    );
    if (endpointTaken) return 'XksProxyUriEndpointInUseException';
    if (vpc && others.some((s) => xksOf(s).VpcEndpointServiceName === config.VpcEndpointServiceName)) {
      return 'XksProxyVpcEndpointServiceInUseException';
    }
    return undefined;
  }

  nameTaken(scope: Scope, name: string, self: ModelStore): boolean {
    return this.live(scope).some((s) => s !== self && s.name === name);
  }

  private describe(scope: Scope, input: Input): Outcome {
    const id = input.CustomKeyStoreId;
    const name = input.CustomKeyStoreName;
    if (id !== undefined && name !== undefined && this.cfg.describeMode === 'reject')
      return fail('ValidationException');
    let after = 0;
    if (input.Marker !== undefined) {
      const marker = this.markers[Number(String(input.Marker).replace('marker#', ''))];
      const valid = String(input.Marker).startsWith('marker#') && marker !== undefined;
      if (!valid || marker.scope !== scope || marker.generation !== this.generation)
        return fail('InvalidMarkerException');
      after = marker.after;
    }
    let list = this.live(scope);
    if (id !== undefined || name !== undefined) {
      list = list.filter((s) => (id === undefined || s.mid === id) && (name === undefined || s.name === name));
      if (list.length === 0) return fail('CustomKeyStoreNotFoundException'); // §3.2: not an empty list
    }
    const remaining = list.filter((s) => s.seq > after);
    const page = remaining.slice(0, (input.Limit as number | undefined) ?? PAGE_SIZE);
    const entries = page.map((s) => {
      const entry = describeEntry(s);
      this.observe(s);
      return entry;
    });
    const truncated = remaining.length > page.length;
    const output: Record<string, unknown> = { CustomKeyStores: entries, Truncated: truncated };
    const last = page[page.length - 1];
    if (truncated && last) {
      this.markers.push({ scope, after: last.seq, generation: this.generation });
      output.NextMarker = `marker#${this.markers.length - 1}`;
    }
    return ok(output);
  }

  private connect(scope: Scope, input: Input): Outcome {
    const store = this.find(scope, input.CustomKeyStoreId);
    if (!store) return fail('CustomKeyStoreNotFoundException');
    if (store.state === 'FAILED' || store.state === 'DISCONNECTING') return fail('CustomKeyStoreInvalidStateException');
    if (store.state !== 'DISCONNECTED') return ok(); // §8.5: CONNECTED / CONNECTING: 200, no change
    // An injection comes first; otherwise the world decides (and learns, and rotates kmsuser's password).
    const account = SCOPES[scope].account;
    const code =
      this.connectFailures.get(store.mid)?.shift() ??
      (store.hsm ? this.world.connectHsm(account, store.hsm) : this.world.connectXks(store.xks as XksConfig));
    this.begin(store, 'CONNECTING', code ? 'FAILED' : 'CONNECTED', code);
    return ok();
  }

  private disconnect(scope: Scope, input: Input): Outcome {
    const store = this.find(scope, input.CustomKeyStoreId);
    if (!store) return fail('CustomKeyStoreNotFoundException');
    if (store.state === 'DISCONNECTED' || store.state === 'DISCONNECTING') {
      return fail('CustomKeyStoreInvalidStateException');
    }
    this.begin(store, 'DISCONNECTING', 'DISCONNECTED');
    return ok();
  }

  private delete(scope: Scope, input: Input): Outcome {
    const store = this.find(scope, input.CustomKeyStoreId);
    if (!store) return fail('CustomKeyStoreNotFoundException');
    if (store.state !== 'DISCONNECTED') return fail('CustomKeyStoreInvalidStateException'); // §3.6, FAILED too
    // Seeded keys (KeyCount) and keys created since, pending deletion included (spec §6).
    if (store.keyCount > 0 || this.keys.countIn(store.mid) > 0) return fail('CustomKeyStoreHasCMKsException');
    this.stores = this.stores.filter((s) => s !== store);
    return ok();
  }

  // ---- the connection state machine (§4) and its timing (§8.16) ----

  begin(store: ModelStore, transient: 'CONNECTING' | 'DISCONNECTING', to: Pending['to'], code?: string): void {
    store.state = transient;
    delete store.errorCode; // shown only while FAILED
    const pending: Pending = { to };
    if (code) pending.code = code;
    store.pending = pending;
    const timing = this.cfg.timing;
    if (timing === 'immediate') this.settle(store);
    else if (typeof timing === 'object' && 'observations' in timing) {
      if (timing.observations === 0) this.settle(store);
      else pending.observationsLeft = timing.observations;
    } else if (typeof timing === 'object') pending.dueAt = this.now + timing.afterMs;
  }

  settle(store: ModelStore): void {
    const pending = store.pending;
    if (!pending) return;
    delete store.pending;
    store.state = pending.to;
    if (pending.to === 'FAILED' && pending.code) store.errorCode = pending.code;
    else delete store.errorCode;
  }

  /** A Describe showed the store: with `{ observations: n }` the n-th showing is the last of the transient state. */
  private observe(store: ModelStore): void {
    const pending = store.pending;
    if (pending?.observationsLeft === undefined) return;
    pending.observationsLeft -= 1;
    if (pending.observationsLeft <= 0) this.settle(store);
  }

  /** With `{ afterMs: n }`, a transition is settled once the fake's clock has moved n ms past its start. */
  settleDue(): void {
    for (const s of this.stores) if (s.pending?.dueAt !== undefined && this.now >= s.pending.dueAt) this.settle(s);
  }

  // ---- direct injections and test controls ----

  settleAll(): void {
    for (const s of this.stores) this.settle(s);
  }

  failNextConnect(mid: string, code: string): void {
    const queue = this.connectFailures.get(mid) ?? [];
    queue.push(code);
    this.connectFailures.set(mid, queue);
  }

  failNext(operation: string, code: string, times: number): void {
    const queue = this.opFailures.get(operation) ?? [];
    queue.push({ code, left: times });
    this.opFailures.set(operation, queue);
  }

  private takeFailure(operation: string): string | undefined {
    const queue = this.opFailures.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.left -= 1;
    if (head.left <= 0) queue.shift();
    return head.code;
  }

  /** `setState`: any state at once; a transient one then settles by the timing, to CONNECTED / DISCONNECTED. */
  setState(store: ModelStore, state: State, code: string | undefined): void {
    delete store.pending;
    if (state === 'CONNECTING') this.begin(store, 'CONNECTING', 'CONNECTED');
    else if (state === 'DISCONNECTING') this.begin(store, 'DISCONNECTING', 'DISCONNECTED');
    else store.state = state;
    if (code) store.errorCode = code;
    else delete store.errorCode;
  }

  /** Back to the seeded stores; injections gone; markers from before no longer valid. */
  reset(): void {
    this.stores = [];
    this.known = [];
    this.keys.reset();
    this.seq = 0;
    this.generation += 1;
    this.opFailures.clear();
    this.connectFailures.clear();
    this.world.reset();
    this.seedAll();
  }

  add(scope: Scope, name: string, type: ModelStore['type'], keyCount: number): ModelStore {
    this.midCounter += 1;
    this.seq += 1;
    const store: ModelStore = {
      mid: `m${this.midCounter}`,
      scope,
      seq: this.seq,
      name,
      type,
      created: this.now,
      state: 'DISCONNECTED',
      keyCount,
    };
    this.stores.push(store);
    this.known.push(store.mid);
    return store;
  }

  private seedAll(): void {
    for (const index of this.cfg.seeds) seedStore(this, SEED_TEMPLATES[index] as SeedTemplate);
  }
}
