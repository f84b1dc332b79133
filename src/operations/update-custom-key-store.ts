// https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateCustomKeyStore.html
import type { Engine } from '../engine/engine.js';
import type { CallContext, StoreRecord, XksProxyConfig } from '../engine/types.js';
import {
  assertNameFree,
  assertXksUnique,
  findStore,
  type Input,
  type Output,
  requireState,
  str,
  typeParamError,
} from './common.js';

const CLOUDHSM_FIELDS = ['KeyStorePassword', 'CloudHsmClusterId'];
const XKS_FIELDS = [
  'XksProxyUriEndpoint',
  'XksProxyUriPath',
  'XksProxyVpcEndpointServiceName',
  'XksProxyVpcEndpointServiceOwner',
  'XksProxyAuthenticationCredential',
  'XksProxyConnectivity',
];
const CONNECTED_OR_DISCONNECTED = ['CONNECTED', 'DISCONNECTED'] as const;

/**
 * Real KMS accepts an empty `XksProxyVpcEndpointServiceName` on Update to mean "none" (when switching to
 * PUBLIC_ENDPOINT), though the model's minimum length is 20; validate the request without it.
 */
export function updateInputForValidation(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const { XksProxyVpcEndpointServiceName: service, ...rest } = input as Input;
  return service === '' ? rest : input;
}

export function updateCustomKeyStore(engine: Engine, ctx: CallContext, input: Input): Output {
  const store = findStore(engine, ctx, str(input, 'CustomKeyStoreId') as string);
  const given = (m: string) => input[m] !== undefined && input[m] !== null;
  const context = `of type ${store.type}`;
  const foreign = store.cloudHsm ? XKS_FIELDS : CLOUDHSM_FIELDS;
  for (const m of foreign) if (given(m)) throw typeParamError(m, 'not-allowed', context);

  const newName = str(input, 'NewCustomKeyStoreName');
  const rename = newName !== undefined && newName !== store.name;
  if (store.cloudHsm) return updateCloudHsm(engine, ctx, store, input, rename ? newName : undefined);
  return updateXks(engine, ctx, store, input, rename ? newName : undefined);
}

function updateCloudHsm(
  engine: Engine,
  ctx: CallContext,
  store: StoreRecord,
  input: Input,
  newName: string | undefined,
): Output {
  const hsm = store.cloudHsm as NonNullable<StoreRecord['cloudHsm']>;
  // One rule for every field (docs/behaviour.md): a value equal to what the store holds is no change. The
  // password compares with the one KMS holds, which after a connect is a rotated value nobody else knows,
  // so on a connected store any KeyStorePassword is a change and needs DISCONNECTED, as AWS documents.
  const given = str(input, 'KeyStorePassword');
  const password = given !== hsm.keyStorePassword ? given : undefined;
  const clusterId = str(input, 'CloudHsmClusterId');
  const clusterChange = clusterId !== undefined && clusterId !== hsm.clusterId;
  if (newName === undefined && password === undefined && !clusterChange) return {};

  if (newName !== undefined) requireState(store, CONNECTED_OR_DISCONNECTED, renameWhy);
  if (password !== undefined || clusterChange) {
    requireState(store, ['DISCONNECTED'], 'Disconnect it before you change KeyStorePassword or CloudHsmClusterId.');
  }
  if (newName !== undefined) assertNameFree(engine, ctx, newName, store);
  if (clusterChange) engine.world.checkCloudHsmUpdate(ctx, store, clusterId as string);

  if (newName !== undefined) store.name = newName;
  if (password !== undefined) hsm.keyStorePassword = password;
  if (clusterChange) hsm.clusterId = clusterId as string;
  return {};
}

const renameWhy = 'You can change the name only while it is CONNECTED or DISCONNECTED.';

function updateXks(
  engine: Engine,
  ctx: CallContext,
  store: StoreRecord,
  input: Input,
  newName: string | undefined,
): Output {
  const current = store.xks as XksProxyConfig;
  const merged = mergeProxy(current, input, ctx.account);
  const changed = (k: keyof XksProxyConfig) => merged[k] !== current[k];
  const connectionFields = (
    ['connectivity', 'uriEndpoint', 'vpcEndpointServiceName', 'vpcEndpointServiceOwner'] as const
  ).some(changed);
  const anyTimeFields = (['uriPath', 'accessKeyId', 'secretAccessKey'] as const).some(changed);
  // Misplaced VPC fields are refused even when nothing else changes (spec §8.2: "Same on Update").
  checkConnectivitySwitch(current, merged, input);
  if (newName === undefined && !connectionFields && !anyTimeFields) return {};

  if (newName !== undefined) requireState(store, CONNECTED_OR_DISCONNECTED, renameWhy);
  if (anyTimeFields) {
    requireState(
      store,
      CONNECTED_OR_DISCONNECTED,
      'You can change XksProxyUriPath and XksProxyAuthenticationCredential only while it is CONNECTED or DISCONNECTED.',
    );
  }
  if (connectionFields) {
    requireState(
      store,
      ['DISCONNECTED'],
      'Disconnect it before you change XksProxyUriEndpoint, XksProxyConnectivity or the VPC endpoint service.',
    );
  }
  if (newName !== undefined) assertNameFree(engine, ctx, newName, store);
  if (connectionFields || anyTimeFields) {
    assertXksUnique(engine, ctx, merged, store);
    engine.world.checkXksProxy(ctx, merged, 'update');
  }

  if (newName !== undefined) store.name = newName;
  store.xks = merged;
  return {};
}

function mergeProxy(current: XksProxyConfig, input: Input, account: string): XksProxyConfig {
  const credential = input.XksProxyAuthenticationCredential as
    | { AccessKeyId: string; RawSecretAccessKey: string }
    | undefined;
  const merged: XksProxyConfig = {
    connectivity: (str(input, 'XksProxyConnectivity') as XksProxyConfig['connectivity']) ?? current.connectivity,
    uriEndpoint: str(input, 'XksProxyUriEndpoint') ?? current.uriEndpoint,
    uriPath: str(input, 'XksProxyUriPath') ?? current.uriPath,
    accessKeyId: credential?.AccessKeyId ?? current.accessKeyId,
    secretAccessKey: credential?.RawSecretAccessKey ?? current.secretAccessKey,
  };
  if (merged.connectivity === 'VPC_ENDPOINT_SERVICE') {
    const service = str(input, 'XksProxyVpcEndpointServiceName');
    const serviceName = service === '' ? undefined : (service ?? current.vpcEndpointServiceName);
    if (serviceName !== undefined) merged.vpcEndpointServiceName = serviceName;
    merged.vpcEndpointServiceOwner =
      str(input, 'XksProxyVpcEndpointServiceOwner') ?? current.vpcEndpointServiceOwner ?? account;
  }
  return merged;
}

/** Spec §3.5 "Connectivity switch rules" and §8.2 for Update. */
function checkConnectivitySwitch(current: XksProxyConfig, merged: XksProxyConfig, input: Input): void {
  const service = str(input, 'XksProxyVpcEndpointServiceName');
  if (merged.connectivity === 'PUBLIC_ENDPOINT') {
    const context = 'with XksProxyConnectivity PUBLIC_ENDPOINT';
    if (service !== undefined && service !== '')
      throw typeParamError('XksProxyVpcEndpointServiceName', 'not-allowed', context);
    if (str(input, 'XksProxyVpcEndpointServiceOwner') !== undefined) {
      throw typeParamError('XksProxyVpcEndpointServiceOwner', 'not-allowed', context);
    }
  } else if (!merged.vpcEndpointServiceName) {
    throw typeParamError(
      'XksProxyVpcEndpointServiceName',
      'required',
      'with XksProxyConnectivity VPC_ENDPOINT_SERVICE',
    );
  }
  if (merged.connectivity !== current.connectivity && merged.uriEndpoint === current.uriEndpoint) {
    throw typeParamError(
      'A new XksProxyUriEndpoint',
      'required',
      `when you change XksProxyConnectivity from ${current.connectivity} to ${merged.connectivity}`,
    );
  }
}
