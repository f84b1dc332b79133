/**
 * The system under test for the state-machine property: one fake, one real `KMSClient` per scope
 * (`maxAttempts: 1`, so every step is exactly one call), a fake clock, and the maps between the model's
 * ids and markers and the fake's. It turns what the SDK returns into the model's vocabulary, so the two
 * can be compared with deep equality.
 */
import {
  CancelKeyDeletionCommand,
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EnableKeyCommand,
  EncryptCommand,
  type KMSClient,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { createKmsFake, type KmsFake } from '../../../src/index.js';
import { KEY_OPERATIONS } from './key-model.js';
import { SCOPE_NAMES, SCOPES, type Scope } from './pools.js';
import type { Outcome, RunConfig } from './reference-model.js';
import { SEED_TEMPLATES, type SeedTemplate } from './seeds.js';

type Input = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the six command classes share no useful common constructor type
type CommandClass = new (input: any) => any;

const COMMANDS: Record<string, CommandClass> = {
  CreateCustomKeyStore: CreateCustomKeyStoreCommand,
  DescribeCustomKeyStores: DescribeCustomKeyStoresCommand,
  ConnectCustomKeyStore: ConnectCustomKeyStoreCommand,
  DisconnectCustomKeyStore: DisconnectCustomKeyStoreCommand,
  UpdateCustomKeyStore: UpdateCustomKeyStoreCommand,
  DeleteCustomKeyStore: DeleteCustomKeyStoreCommand,
  CreateKey: CreateKeyCommand,
  DescribeKey: DescribeKeyCommand,
  EnableKey: EnableKeyCommand,
  DisableKey: DisableKeyCommand,
  ScheduleKeyDeletion: ScheduleKeyDeletionCommand,
  CancelKeyDeletion: CancelKeyDeletionCommand,
  Encrypt: EncryptCommand,
};

/** Key operations answer in the model's reduced vocabulary: the key's state where the output has one. */
function keyView(operation: string, output: Input): Input {
  const meta = output.KeyMetadata as Input | undefined;
  if (operation === 'CreateKey') return { KeyId: meta?.KeyId, KeyState: meta?.KeyState };
  if (operation === 'DescribeKey') return { KeyState: meta?.KeyState };
  if (operation === 'ScheduleKeyDeletion') return { KeyState: output.KeyState };
  return {};
}

/** Spec §4: every legal change of ConnectionState, written out from the state table. */
export const SPEC_TRANSITIONS = new Set([
  'DISCONNECTED->CONNECTING',
  'CONNECTING->CONNECTED',
  'CONNECTING->FAILED',
  'CONNECTING->DISCONNECTING',
  'CONNECTED->DISCONNECTING',
  'FAILED->DISCONNECTING',
  'DISCONNECTING->DISCONNECTED',
]);

/** Spec §8.12: 500 for KMSInternalException, 503 for DependencyTimeoutException, 400 for every other error. */
export function expectedStatus(code: string): number {
  if (code === 'KMSInternalException') return 500;
  if (code === 'DependencyTimeoutException') return 503;
  return 400;
}

const decoder = new TextDecoder();

export class System {
  clock: number;
  readonly fake: KmsFake;
  readonly clients: Record<Scope, KMSClient>;
  readonly idOf = new Map<string, string>();
  readonly midOf = new Map<string, string>();
  readonly markers: string[] = [];
  /** What each step did, for the failure message. */
  readonly trace: string[] = [];
  /** Transitions outside the spec's table that the fake announced (not counting `setState`). */
  readonly illegal: string[] = [];
  inSetState = false;
  /** The raw id of the store the last successful Create made. */
  lastCreated: string | undefined;

  constructor(readonly cfg: RunConfig) {
    this.clock = cfg.startMs;
    this.fake = createKmsFake({
      quota: cfg.quota,
      timing: cfg.timing,
      describeWithIdAndName: cfg.describeMode,
      seed: cfg.fakeSeed,
      now: () => this.clock,
      stores: cfg.seeds.map((i) => seedFor(SEED_TEMPLATES[i] as SeedTemplate)),
    });
    const clients: Partial<Record<Scope, KMSClient>> = {};
    for (const scope of SCOPE_NAMES) clients[scope] = this.fake.client({ ...SCOPES[scope], maxAttempts: 1 });
    this.clients = clients as Record<Scope, KMSClient>;
    this.fake.engine.onTransition((store, from) => {
      const change = `${from}->${store.state}`;
      if (!this.inSetState && !SPEC_TRANSITIONS.has(change)) this.illegal.push(`${store.id}: ${change}`);
    });
  }

  /** Pair the seeded stores with the model's, both in creation order. */
  mapSeeded(mids: readonly string[]): void {
    this.idOf.clear();
    this.midOf.clear();
    this.fake.stores().forEach((store, i) => {
      const mid = mids[i];
      if (mid && store.CustomKeyStoreId) this.register(mid, store.CustomKeyStoreId);
    });
  }

  /** Model key ids (`k1`) to the fake's key ids. */
  readonly keyIdOf = new Map<string, string>();

  registerKey(kid: string, id: string): void {
    this.keyIdOf.set(kid, id);
  }

  register(mid: string, id: string): void {
    if (this.midOf.has(id)) throw new Error(`the fake issued ${id} twice (spec §8.11: ids are unique per fake)`);
    this.idOf.set(mid, id);
    this.midOf.set(id, mid);
  }

  /** One call through the real KMSClient of `scope`, in the model's vocabulary both ways. */
  async call(scope: Scope, operation: string, input: Input): Promise<Outcome> {
    const wire = { ...input };
    if (typeof wire.CustomKeyStoreId === 'string')
      wire.CustomKeyStoreId = this.idOf.get(wire.CustomKeyStoreId) ?? wire.CustomKeyStoreId;
    if (typeof wire.Marker === 'string' && wire.Marker.startsWith('marker#')) {
      wire.Marker = this.markers[Number(wire.Marker.slice('marker#'.length))];
    }
    if (typeof wire.KeyId === 'string')
      wire.KeyId = this.keyIdOf.get(wire.KeyId) ?? '0b2ad402-0000-4000-8000-000000000000';
    const Command = COMMANDS[operation] as CommandClass;
    try {
      const { $metadata, ...output } = (await this.clients[scope].send(new Command(wire))) as Input & {
        $metadata: { httpStatusCode?: number };
      };
      if ($metadata.httpStatusCode !== 200) return { error: `status ${$metadata.httpStatusCode} on success` };
      if (operation === 'CreateCustomKeyStore') this.lastCreated = output.CustomKeyStoreId as string | undefined;
      if (KEY_OPERATIONS.has(operation)) {
        return { ok: keyView(operation, output) };
      }
      return { ok: this.normalizeOutput(output, (d) => (d as Date).getTime()) };
    } catch (error) {
      const e = error as Error & { $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode;
      if (status !== expectedStatus(e.name)) return { error: `${e.name} with HTTP ${status}: ${e.message}` };
      return { error: e.name };
    }
  }

  /** Describe all of `scope` straight through the request handler (cheap; the SDK path is exercised by the steps). */
  async rawDescribe(scope: Scope): Promise<Outcome> {
    const { account, region } = SCOPES[scope];
    const { response } = await this.fake.requestHandler.handle({
      method: 'POST',
      path: '/',
      headers: {
        'x-amz-target': 'TrentService.DescribeCustomKeyStores',
        'content-type': 'application/x-amz-json-1.1',
        authorization: `AWS4-HMAC-SHA256 Credential=FAKE${account}KMS0/20260101/${region}/kms/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: '{}',
    });
    const json = JSON.parse(decoder.decode(response.body)) as Input;
    if (response.statusCode !== 200) {
      const code = String(json.__type);
      return response.statusCode === expectedStatus(code)
        ? { error: code }
        : { error: `${code} with HTTP ${response.statusCode}` };
    }
    return { ok: this.normalizeOutput(json, (s) => Math.round((s as number) * 1000)) };
  }

  /** `fake.stores()` in the model's vocabulary; secrets must never be in it (spec §8.18). */
  storesView(): Input[] {
    this.fake.keys(); // applies deletions that are due on the clock, as the next call would
    return this.fake.stores().map((seed) => {
      const view: Input = {};
      for (const [key, value] of Object.entries(seed)) {
        if (value === undefined) continue;
        if (key === 'CustomKeyStoreId') view.id = this.midOf.get(value as string) ?? `unmapped ${String(value)}`;
        else if (key === 'CreationDate') view.created = new Date(value as string).getTime();
        else view[key] = value;
      }
      // Keys are real records now; the model counts them per store.
      const keys = this.fake.engine.keys.countInStore(seed.CustomKeyStoreId as string);
      if (keys > 0) view.KeyCount = keys;
      return view;
    });
  }

  private normalizeOutput(output: Input, toMs: (value: unknown) => number): Input {
    const out: Input = {};
    for (const [key, value] of Object.entries(output)) {
      if (value === undefined) continue;
      if (key === 'CustomKeyStoreId') out[key] = this.midOf.get(value as string) ?? `unmapped ${String(value)}`;
      else if (key === 'NextMarker') {
        this.markers.push(value as string);
        out[key] = `marker#${this.markers.length - 1}`;
      } else if (key === 'CustomKeyStores') out[key] = (value as Input[]).map((e) => this.normalizeEntry(e, toMs));
      else out[key] = value;
    }
    return out;
  }

  private normalizeEntry(entry: Input, toMs: (value: unknown) => number): Input {
    const out: Input = {};
    for (const [key, value] of Object.entries(entry)) {
      if (value === undefined) continue;
      if (key === 'CustomKeyStoreId') out.id = this.midOf.get(value as string) ?? `unmapped ${String(value)}`;
      else if (key === 'CreationDate') out.created = toMs(value);
      else if (key === 'XksProxyConfiguration') {
        out[key] = Object.fromEntries(Object.entries(value as Input).filter(([, v]) => v !== undefined));
      } else out[key] = value;
    }
    return out;
  }
}

function seedFor(t: SeedTemplate) {
  const { account, region } = SCOPES[t.scope];
  return { ...t.seed, Account: t.seed.Account ?? account, Region: t.seed.Region ?? region };
}
