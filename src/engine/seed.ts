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

/** Turn a seed (AWS vocabulary) into an engine record, refusing seeds that contradict themselves. */
export function seedToRecord(seed: StoreSeed, d: SeedDefaults): StoreRecord {
  const label = seed.CustomKeyStoreId ?? seed.CustomKeyStoreName;
  const fail = (what: string): never => {
    throw new FakeKmsUsageError(`Cannot seed custom key store "${label}": ${what}`);
  };
  if (typeof seed.CustomKeyStoreName !== 'string' || seed.CustomKeyStoreName.length === 0) {
    fail('CustomKeyStoreName is required.');
  }
  const type = seed.CustomKeyStoreType ?? 'AWS_CLOUDHSM';
  const state = seed.ConnectionState ?? 'DISCONNECTED';
  if (!CONNECTION_STATES.includes(state))
    fail(`ConnectionState "${state}" is not one of ${CONNECTION_STATES.join(', ')}.`);
  if (state === 'FAILED' && !seed.ConnectionErrorCode) fail('a FAILED store needs a ConnectionErrorCode.');
  if (state !== 'FAILED' && seed.ConnectionErrorCode) fail('ConnectionErrorCode is only allowed when FAILED.');
  const account = seed.Account ?? d.account;
  const region = seed.Region ?? d.region;
  const id = seed.CustomKeyStoreId ?? d.newId();
  if (d.existing.hasId(id)) fail('a store with this id already exists. Give each seeded store its own id.');
  const nameTaken = d.existing.findByName({ account, region }, seed.CustomKeyStoreName) !== undefined;
  if (nameTaken) fail(`the name is already used by another store in ${account}/${region}.`);

  const record: StoreRecord = {
    id,
    name: seed.CustomKeyStoreName,
    type,
    account,
    region,
    creationDate: toEpochMs(seed.CreationDate, d.now, fail),
    seq: d.seq,
    state,
  };
  if (seed.ConnectionErrorCode) record.errorCode = seed.ConnectionErrorCode;
  if (type === 'AWS_CLOUDHSM') {
    if (!seed.CloudHsmClusterId) fail('an AWS_CLOUDHSM store needs CloudHsmClusterId.');
    if (seed.XksProxyConfiguration) fail('XksProxyConfiguration belongs to EXTERNAL_KEY_STORE stores.');
    record.cloudHsm = {
      clusterId: seed.CloudHsmClusterId as string,
      trustAnchorCertificate:
        seed.TrustAnchorCertificate ??
        d.trustAnchorFor?.(seed.CloudHsmClusterId as string) ??
        trustAnchorCertificate(0),
      keyStorePassword: seed.KeyStorePassword ?? '',
    };
  } else if (type === 'EXTERNAL_KEY_STORE') {
    const x = seed.XksProxyConfiguration;
    if (!x) fail('an EXTERNAL_KEY_STORE store needs XksProxyConfiguration.');
    if (seed.CloudHsmClusterId) fail('CloudHsmClusterId belongs to AWS_CLOUDHSM stores.');
    const proxy = x as NonNullable<StoreSeed['XksProxyConfiguration']>;
    record.xks = {
      connectivity: proxy.Connectivity,
      uriEndpoint: proxy.UriEndpoint,
      uriPath: proxy.UriPath,
      accessKeyId: proxy.AccessKeyId,
      secretAccessKey: seed.XksProxyRawSecretAccessKey ?? '',
    };
    if (proxy.Connectivity === 'VPC_ENDPOINT_SERVICE') {
      if (!proxy.VpcEndpointServiceName) fail('a VPC_ENDPOINT_SERVICE store needs VpcEndpointServiceName.');
      record.xks.vpcEndpointServiceName = proxy.VpcEndpointServiceName as string;
      record.xks.vpcEndpointServiceOwner = proxy.VpcEndpointServiceOwner ?? account;
    }
  } else {
    fail(`CustomKeyStoreType "${type}" is not AWS_CLOUDHSM or EXTERNAL_KEY_STORE.`);
  }
  return record;
}

function toEpochMs(value: StoreSeed['CreationDate'], fallback: number, fail: (what: string) => never): number {
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) fail(`CreationDate "${String(value)}" is not a date.`);
  return ms;
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
