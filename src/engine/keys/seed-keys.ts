import { FakeKmsUsageError } from '../../errors/kms-error.js';
import type { StoreRecord, StoreSeed } from '../types.js';
import type { KeyRegistry } from './key-registry.js';
import type { KeyOrigin, KeyRecord, KeySeed } from './key-types.js';
import { keyArnOf } from './partition.js';

interface KeySeedDefaults {
  account: string;
  region: string;
  now: number;
  seq: number;
  newId: () => string;
  keys: KeyRegistry;
  store: (id: string) => StoreRecord | undefined;
  /** reset() seeding again: the alias names were free when these seeds were first seeded, and are again. */
  aliasesKnownFree?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const XKS_KEY_ID = /^[a-zA-Z0-9-_.]{1,128}$/;
const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const SEEDABLE_STATES = new Set(['Enabled', 'Disabled', 'PendingDeletion']);

/**
 * The keys a store seed's `KeyCount` stands for: real keys, Enabled, in the store. One seed at a time, so a
 * `KeyCount` of 100,000 never holds 100,000 throw-away seeds at once.
 */
export function* keysOfStoreSeed(seed: StoreSeed, store: StoreRecord): Generator<KeySeed> {
  const count = seed.KeyCount ?? 0;
  if (!Number.isInteger(count) || count < 0) {
    throw new FakeKmsUsageError(`Cannot seed custom key store "${store.id}": KeyCount must be a whole number.`);
  }
  for (let i = 0; i < count; i++) {
    const key: KeySeed = { CustomKeyStoreId: store.id, CreationDate: store.creationDate };
    if (store.type === 'EXTERNAL_KEY_STORE') key.XksKeyId = `seeded-external-key-${i + 1}`;
    yield key;
  }
}

/** Turn a key seed into an engine record, refusing seeds that contradict themselves or their store. */
export function seedToKeyRecord(seed: KeySeed, d: KeySeedDefaults): KeyRecord {
  const store = seed.CustomKeyStoreId === undefined ? undefined : d.store(seed.CustomKeyStoreId);
  if (seed.CustomKeyStoreId !== undefined && !store) {
    refuse(seed, `custom key store "${seed.CustomKeyStoreId}" does not exist. Seed the store first (in stores).`);
  }
  const expected: KeyOrigin = store ? store.type : 'AWS_KMS';
  const origin = seed.Origin ?? expected;
  if (origin !== expected) {
    refuse(
      seed,
      `Origin ${origin} does not fit ${store ? `a ${store.type} store` : 'a key outside a custom key store'}.`,
    );
  }
  if (origin === 'EXTERNAL_KEY_STORE' && (seed.XksKeyId === undefined || !XKS_KEY_ID.test(seed.XksKeyId))) {
    refuse(seed, 'a key in an external key store needs an XksKeyId (1-128 of a-z, A-Z, 0-9, -, _ and .).');
  }
  if (origin !== 'EXTERNAL_KEY_STORE' && seed.XksKeyId !== undefined)
    refuse(seed, 'XksKeyId is only for external keys.');
  if (store && seed.XksKeyId !== undefined && d.keys.byExternalKey(store.id, seed.XksKeyId)) {
    refuse(seed, `XksKeyId "${seed.XksKeyId}" already backs another key in store "${store.id}".`);
  }
  // A new id is a unique UUID already; only a given one can be malformed or clash.
  const id = seed.KeyId ?? d.newId();
  if (seed.KeyId !== undefined && !UUID.test(id)) {
    refuse(seed, 'KeyId must be a lowercase UUID such as 1234abcd-12ab-34cd-56ef-1234567890ab.');
  }
  if (seed.KeyId !== undefined && d.keys.hasId(id)) {
    refuse(seed, 'a key with this id already exists. Give each seeded key its own id.');
  }
  const account = seed.Account ?? store?.account ?? d.account;
  const region = seed.Region ?? store?.region ?? d.region;
  if (store && (store.account !== account || store.region !== region)) {
    refuse(seed, `the key must be in its store's account and Region (${store.account}/${store.region}).`);
  }
  for (const alias of seed.Aliases ?? []) {
    if (!ALIAS_NAME.test(alias) || alias.startsWith('alias/aws/'))
      refuse(seed, `"${alias}" is not a customer alias name.`);
    if (!d.aliasesKnownFree && d.keys.alias({ account, region }, alias))
      refuse(seed, `alias "${alias}" already exists in ${account}/${region}.`);
  }
  const state = seed.KeyState ?? 'Enabled';
  if (!SEEDABLE_STATES.has(state)) {
    refuse(
      seed,
      `KeyState must be Enabled, Disabled or PendingDeletion (Unavailable follows from the store), got ${state}.`,
    );
  }
  const creationDate = toEpochMs(seed, seed.CreationDate, d.now, 'CreationDate');
  const arn = keyArnOf(account, region, id);
  const description = seed.Description ?? '';
  const enabled = state !== 'Disabled';
  // One literal per kind of key: a field added afterwards would put the record's fields in a second object.
  const key: KeyRecord = !store
    ? { id, arn, account, region, seq: d.seq, creationDate, description, origin, enabled }
    : store.cloudHsm
      ? {
          id,
          arn,
          account,
          region,
          seq: d.seq,
          creationDate,
          description,
          origin,
          enabled,
          storeId: store.id,
          cloudHsmClusterId: store.cloudHsm.clusterId,
        }
      : { id, arn, account, region, seq: d.seq, creationDate, description, origin, enabled, storeId: store.id };
  if (seed.Tags?.length) key.tags = new Map(seed.Tags.map((t) => [t.TagKey, t.TagValue]));
  if (seed.XksKeyId !== undefined) key.xksKeyId = seed.XksKeyId;
  if (state === 'PendingDeletion') {
    key.deletionDate = toEpochMs(seed, seed.DeletionDate, d.now + 30 * DAY_MS, 'DeletionDate');
    // Cancelled deletion leaves a key Disabled, as on AWS.
    key.enabled = false;
  } else if (seed.DeletionDate !== undefined) {
    refuse(seed, 'DeletionDate is only for a key in PendingDeletion.');
  }
  return key;
}

/** A key back into seed form for snapshots: never its material. */
export function keyRecordToSeed(key: KeyRecord, aliases: readonly string[]): KeySeed {
  const seed: KeySeed = {
    KeyId: key.id,
    Origin: key.origin,
    KeyState: key.deletionDate !== undefined ? 'PendingDeletion' : key.enabled ? 'Enabled' : 'Disabled',
    CreationDate: new Date(key.creationDate).toISOString(),
    Account: key.account,
    Region: key.region,
  };
  if (key.storeId !== undefined) seed.CustomKeyStoreId = key.storeId;
  if (key.xksKeyId !== undefined) seed.XksKeyId = key.xksKeyId;
  if (key.description) seed.Description = key.description;
  if (key.deletionDate !== undefined) seed.DeletionDate = new Date(key.deletionDate).toISOString();
  if (aliases.length) seed.Aliases = [...aliases];
  if (key.tags?.size) seed.Tags = [...key.tags].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  return seed;
}

function toEpochMs(seed: KeySeed, value: Date | number | string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) refuse(seed, `${what} "${String(value)}" is not a date.`);
  return ms;
}

/** Refuse a key seed: a function of the module, so 100,000 seeds that never fail make no closure each. */
function refuse(seed: KeySeed, what: string): never {
  throw new FakeKmsUsageError(`Cannot seed KMS key "${seed.KeyId ?? '(new)'}": ${what}`);
}
