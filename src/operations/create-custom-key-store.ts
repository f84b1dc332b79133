// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateCustomKeyStore.html
import type { Engine } from '../engine/engine.js';
import type { CallContext, StoreRecord, XksProxyConfig } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import {
  assertClusterFree,
  assertNameFree,
  assertXksUnique,
  type Input,
  type Output,
  str,
  typeParamError,
} from './common.js';

const CLOUDHSM_PARAMS = ['CloudHsmClusterId', 'TrustAnchorCertificate', 'KeyStorePassword'] as const;
const XKS_PARAMS = [
  'XksProxyConnectivity',
  'XksProxyUriEndpoint',
  'XksProxyUriPath',
  'XksProxyAuthenticationCredential',
  'XksProxyVpcEndpointServiceName',
  'XksProxyVpcEndpointServiceOwner',
] as const;
const VPC_ONLY = ['XksProxyVpcEndpointServiceName', 'XksProxyVpcEndpointServiceOwner'] as const;

export function createCustomKeyStore(engine: Engine, ctx: CallContext, input: Input): Output {
  const name = str(input, 'CustomKeyStoreName') as string;
  const type = str(input, 'CustomKeyStoreType') ?? 'AWS_CLOUDHSM';
  const present = (m: string) => input[m] !== undefined && input[m] !== null;
  const context = `of type ${type}`;

  // Spec §8.2: type-specific parameters are checked with the rest of the input, before any state.
  if (type === 'AWS_CLOUDHSM') {
    for (const p of XKS_PARAMS) if (present(p)) throw typeParamError(p, 'not-allowed', context);
    for (const p of CLOUDHSM_PARAMS) if (!present(p)) throw typeParamError(p, 'required', context);
  } else {
    for (const p of CLOUDHSM_PARAMS) if (present(p)) throw typeParamError(p, 'not-allowed', context);
    for (const p of XKS_PARAMS.filter((m) => !VPC_ONLY.includes(m as (typeof VPC_ONLY)[number]))) {
      if (!present(p)) throw typeParamError(p, 'required', context);
    }
    const connectivity = str(input, 'XksProxyConnectivity');
    const withConnectivity = `with XksProxyConnectivity ${connectivity}`;
    if (connectivity === 'VPC_ENDPOINT_SERVICE' && !present('XksProxyVpcEndpointServiceName')) {
      throw typeParamError('XksProxyVpcEndpointServiceName', 'required', withConnectivity);
    }
    if (connectivity === 'PUBLIC_ENDPOINT') {
      for (const p of VPC_ONLY) if (present(p)) throw typeParamError(p, 'not-allowed', withConnectivity);
    }
  }

  if (type === 'AWS_CLOUDHSM') {
    const clusterId = str(input, 'CloudHsmClusterId') as string;
    const trustAnchor = str(input, 'TrustAnchorCertificate') as string;
    const password = str(input, 'KeyStorePassword') as string;
    assertNameFree(engine, ctx, name);
    assertClusterFree(engine, ctx, clusterId);
    assertQuota(engine, ctx);
    engine.world.checkCloudHsmCreate(ctx, clusterId, trustAnchor, password);
    const store = newRecord(ctx, name, 'AWS_CLOUDHSM');
    store.cloudHsm = { clusterId, trustAnchorCertificate: trustAnchor, keyStorePassword: password };
    return commit(engine, store);
  }

  const proxy = xksProxyFromInput(input, ctx.account);
  assertNameFree(engine, ctx, name);
  assertXksUnique(engine, ctx, proxy);
  assertQuota(engine, ctx);
  engine.world.checkXksProxy(ctx, proxy, 'create');
  const store = newRecord(ctx, name, 'EXTERNAL_KEY_STORE');
  store.xks = proxy;
  return commit(engine, store);
}

export function xksProxyFromInput(input: Input, account: string): XksProxyConfig {
  const credential = input.XksProxyAuthenticationCredential as { AccessKeyId: string; RawSecretAccessKey: string };
  const proxy: XksProxyConfig = {
    connectivity: str(input, 'XksProxyConnectivity') as XksProxyConfig['connectivity'],
    uriEndpoint: str(input, 'XksProxyUriEndpoint') as string,
    uriPath: str(input, 'XksProxyUriPath') as string,
    accessKeyId: credential.AccessKeyId,
    secretAccessKey: credential.RawSecretAccessKey,
  };
  if (proxy.connectivity === 'VPC_ENDPOINT_SERVICE') {
    proxy.vpcEndpointServiceName = str(input, 'XksProxyVpcEndpointServiceName') as string;
    proxy.vpcEndpointServiceOwner = str(input, 'XksProxyVpcEndpointServiceOwner') ?? account;
  }
  return proxy;
}

function assertQuota(engine: Engine, ctx: CallContext): void {
  const quota = engine.options.quota;
  if (engine.registry.count(ctx) >= quota) {
    throw new KmsError(
      'LimitExceededException',
      `You have reached the quota of ${quota} custom key stores in this account and Region. Delete a custom key store before you create another one.`,
    );
  }
}

/**
 * A new store's record, its members in the order a seeded store's record has them, so the registry's code sees
 * one shape of record; `commit` fills in the id, sequence number and creation date.
 */
function newRecord(ctx: CallContext, name: string, type: StoreRecord['type']): StoreRecord {
  return {
    id: '',
    name,
    type,
    account: ctx.account,
    region: ctx.region,
    creationDate: 0,
    seq: 0,
    state: 'DISCONNECTED',
  };
}

function commit(engine: Engine, store: StoreRecord): Output {
  store.id = engine.newStoreId();
  store.seq = engine.registry.takeSeq();
  store.creationDate = engine.clock();
  engine.registry.add(store);
  return { CustomKeyStoreId: store.id };
}
