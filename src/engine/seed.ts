import { FakeKmsUsageError } from '../errors/kms-error.js';
import { trustAnchorCertificate } from '../fixtures/trust-anchor/trust-anchor-pool.js';
import { CONNECTION_STATES } from './state-machine.js';
import type { StoreRegistry } from './store-registry.js';
import type { StoreRecord, StoreSeed } from './types.js';

interface SeedDefaults {
  account: string;
  region: string;
  now: number;
  seq: number;
  newId: () => string;
  existing: StoreRegistry;
  /** The trust anchor of a CloudHSM seed that gives none: AWS always has one, so Describe never shows "". */
  trustAnchorFor?: (clusterId: string) => string;
}

/**
 * Turn a seed (AWS vocabulary) into an engine record, refusing seeds that contradict themselves. Whether its
 * name is free is checked as it is added ({@link nameTakenError}).
 */
export function seedToRecord(seed: StoreSeed, d: SeedDefaults): StoreRecord {
  if (typeof seed.CustomKeyStoreName !== 'string' || seed.CustomKeyStoreName.length === 0) {
    refuse(seed, 'CustomKeyStoreName is required.');
  }
  const type = seed.CustomKeyStoreType ?? 'AWS_CLOUDHSM';
  const state = seed.ConnectionState ?? 'DISCONNECTED';
  if (!CONNECTION_STATES.includes(state))
    refuse(seed, `ConnectionState "${state}" is not one of ${CONNECTION_STATES.join(', ')}.`);
  if (state === 'FAILED' && !seed.ConnectionErrorCode) refuse(seed, 'a FAILED store needs a ConnectionErrorCode.');
  if (state !== 'FAILED' && seed.ConnectionErrorCode) refuse(seed, 'ConnectionErrorCode is only allowed when FAILED.');
  const account = seed.Account ?? d.account;
  const region = seed.Region ?? d.region;
  // A new id is unique already; only a given one can clash.
  const id = seed.CustomKeyStoreId ?? d.newId();
  if (seed.CustomKeyStoreId !== undefined && d.existing.hasId(id)) {
    refuse(seed, 'a store with this id already exists. Give each seeded store its own id.');
  }

  const creationDate = toEpochMs(seed, d.now);
  // The type's part is made first and the record in one literal with it: a field added afterwards would put
  // the record's fields in a second object (about 40 bytes more a store, and one more to collect).
  let record: StoreRecord;
  if (type === 'AWS_CLOUDHSM') {
    if (!seed.CloudHsmClusterId) refuse(seed, 'an AWS_CLOUDHSM store needs CloudHsmClusterId.');
    if (seed.XksProxyConfiguration) refuse(seed, 'XksProxyConfiguration belongs to EXTERNAL_KEY_STORE stores.');
    const cloudHsm = {
      clusterId: seed.CloudHsmClusterId as string,
      trustAnchorCertificate:
        seed.TrustAnchorCertificate ??
        d.trustAnchorFor?.(seed.CloudHsmClusterId as string) ??
        trustAnchorCertificate(0),
      keyStorePassword: seed.KeyStorePassword ?? '',
    };
    record = { id, name: seed.CustomKeyStoreName, type, account, region, creationDate, seq: d.seq, state, cloudHsm };
  } else if (type === 'EXTERNAL_KEY_STORE') {
    const x = seed.XksProxyConfiguration;
    if (!x) refuse(seed, 'an EXTERNAL_KEY_STORE store needs XksProxyConfiguration.');
    if (seed.CloudHsmClusterId) refuse(seed, 'CloudHsmClusterId belongs to AWS_CLOUDHSM stores.');
    const proxy = x as NonNullable<StoreSeed['XksProxyConfiguration']>;
    const xks: NonNullable<StoreRecord['xks']> = {
      connectivity: proxy.Connectivity,
      uriEndpoint: proxy.UriEndpoint,
      uriPath: proxy.UriPath,
      accessKeyId: proxy.AccessKeyId,
      secretAccessKey: seed.XksProxyRawSecretAccessKey ?? '',
    };
    if (proxy.Connectivity === 'VPC_ENDPOINT_SERVICE') {
      if (!proxy.VpcEndpointServiceName) refuse(seed, 'a VPC_ENDPOINT_SERVICE store needs VpcEndpointServiceName.');
      xks.vpcEndpointServiceName = proxy.VpcEndpointServiceName as string;
      xks.vpcEndpointServiceOwner = proxy.VpcEndpointServiceOwner ?? account;
    }
    record = { id, name: seed.CustomKeyStoreName, type, account, region, creationDate, seq: d.seq, state, xks };
  } else {
    return refuse(seed, `CustomKeyStoreType "${type}" is not AWS_CLOUDHSM or EXTERNAL_KEY_STORE.`);
  }
  if (seed.ConnectionErrorCode) record.errorCode = seed.ConnectionErrorCode;
  return record;
}

/** The error for a seed whose name another store of its account and Region has. */
export function nameTakenError(seed: StoreSeed, store: StoreRecord): FakeKmsUsageError {
  return refusal(seed, `the name is already used by another store in ${store.account}/${store.region}.`);
}

function toEpochMs(seed: StoreSeed, fallback: number): number {
  const value = seed.CreationDate;
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) refuse(seed, `CreationDate "${String(value)}" is not a date.`);
  return ms;
}

/**
 * Refuse a seed. A function of the module rather than a closure in each call: 100,000 seeds that never fail
 * then make no closure each.
 */
function refuse(seed: StoreSeed, what: string): never {
  throw refusal(seed, what);
}

function refusal(seed: StoreSeed, what: string): FakeKmsUsageError {
  return new FakeKmsUsageError(
    `Cannot seed custom key store "${seed.CustomKeyStoreId ?? seed.CustomKeyStoreName}": ${what}`,
  );
}

/** A store back into seed form, secrets left out (for snapshots). */
export function recordToSeed(store: StoreRecord): StoreSeed {
  const seed: StoreSeed = {
    CustomKeyStoreId: store.id,
    CustomKeyStoreName: store.name,
    CustomKeyStoreType: store.type,
    ConnectionState: store.state,
    CreationDate: new Date(store.creationDate).toISOString(),
    Account: store.account,
    Region: store.region,
  };
  if (store.errorCode) seed.ConnectionErrorCode = store.errorCode;
  if (store.cloudHsm) {
    seed.CloudHsmClusterId = store.cloudHsm.clusterId;
    seed.TrustAnchorCertificate = store.cloudHsm.trustAnchorCertificate;
  }
  if (store.xks) {
    seed.XksProxyConfiguration = {
      Connectivity: store.xks.connectivity,
      AccessKeyId: store.xks.accessKeyId,
      UriEndpoint: store.xks.uriEndpoint,
      UriPath: store.xks.uriPath,
    };
    if (store.xks.vpcEndpointServiceName) {
      seed.XksProxyConfiguration.VpcEndpointServiceName = store.xks.vpcEndpointServiceName;
    }
    if (store.xks.vpcEndpointServiceOwner) {
      seed.XksProxyConfiguration.VpcEndpointServiceOwner = store.xks.vpcEndpointServiceOwner;
    }
  }
  return seed;
}
