/**
 * UpdateCustomKeyStore in the reference model: spec §3.5, §8.2, §8.6, §8.7.
 *
 * Where the spec is silent the model chooses, and says so:
 * - A field given with the value the store already has is no change (the spec says so for a rename to the
 *   store's own name; docs/behaviour.md makes it the rule for every field, `KeyStorePassword` included,
 *   which compares with the password KMS holds: after a connect, a rotated value nobody can send).
 * - An empty `XksProxyVpcEndpointServiceName` says "no service" (§3.5: the way to switch to PUBLIC_ENDPOINT), so
 *   it is accepted with PUBLIC_ENDPOINT and refused with VPC_ENDPOINT_SERVICE, which needs a service.
 * - Type-specific checks need the store's type, so they come right after the existence check.
 */

import { fail, type ModelStore, type Outcome, ok, type XksConfig } from './model-store.js';
import { SCOPES, type Scope } from './pools.js';
import type { ReferenceModel } from './reference-model.js';
import { HSM_PARAMS, XKS_PARAMS } from './rules.js';
import { count } from './world-model.js';

type Input = Record<string, unknown>;
const CONNECTED_OR_DISCONNECTED = (s: ModelStore) => s.state === 'CONNECTED' || s.state === 'DISCONNECTED';

export function updateStore(model: ReferenceModel, scope: Scope, input: Input): Outcome {
  const store = model.find(scope, input.CustomKeyStoreId);
  if (!store) return fail('CustomKeyStoreNotFoundException');
  const given = (m: string) => input[m] !== undefined && input[m] !== null;
  const foreign = store.hsm ? XKS_PARAMS : HSM_PARAMS.filter((p) => p !== 'TrustAnchorCertificate');
  if (foreign.some(given)) return fail('ValidationException'); // §8.2 "Same on Update"
  const newName = input.NewCustomKeyStoreName as string | undefined;
  const rename = newName !== undefined && newName !== store.name;
  return store.hsm ? updateHsm(model, scope, store, input, rename) : updateXks(model, scope, store, input, rename);
}

function updateHsm(model: ReferenceModel, scope: Scope, store: ModelStore, input: Input, rename: boolean): Outcome {
  const hsm = store.hsm as NonNullable<ModelStore['hsm']>;
  const given = input.KeyStorePassword as string | undefined;
  const password = given !== hsm.password ? given : undefined;
  const cluster = input.CloudHsmClusterId as string | undefined;
  const clusterChange = cluster !== undefined && cluster !== hsm.clusterId;
  if (!rename && password === undefined && !clusterChange) return ok(); // §8.6
  if (rename && !CONNECTED_OR_DISCONNECTED(store)) return fail('CustomKeyStoreInvalidStateException');
  if ((password !== undefined || clusterChange) && store.state !== 'DISCONNECTED') {
    return fail('CustomKeyStoreInvalidStateException');
  }
  const newName = input.NewCustomKeyStoreName as string;
  if (rename && model.nameTaken(scope, newName, store)) return fail('CustomKeyStoreNameInUseException');
  if (clusterChange) {
    const refused = model.world.switchCluster(SCOPES[scope].account, hsm, cluster as string);
    if (refused) return fail(refused);
  }
  if (rename) store.name = newName;
  if (password !== undefined) count('password update');
  if (password !== undefined) hsm.password = password;
  if (clusterChange) hsm.clusterId = cluster;
  return ok();
}

function updateXks(model: ReferenceModel, scope: Scope, store: ModelStore, input: Input, rename: boolean): Outcome {
  const current = store.xks as XksConfig;
  const target = (input.XksProxyConnectivity as string | undefined) ?? current.Connectivity;
  const serviceGiven = input.XksProxyVpcEndpointServiceName === '' ? undefined : input.XksProxyVpcEndpointServiceName;
  const ownerGiven = input.XksProxyVpcEndpointServiceOwner as string | undefined;
  // §8.2: VPC fields with PUBLIC_ENDPOINT are refused, like every other misplaced parameter.
  if (target === 'PUBLIC_ENDPOINT' && (serviceGiven !== undefined || ownerGiven !== undefined)) {
    return fail('ValidationException');
  }
  const credential = input.XksProxyAuthenticationCredential as
    | { AccessKeyId: string; RawSecretAccessKey: string }
    | undefined;
  const merged: XksConfig = {
    Connectivity: target,
    UriEndpoint: (input.XksProxyUriEndpoint as string | undefined) ?? current.UriEndpoint,
    UriPath: (input.XksProxyUriPath as string | undefined) ?? current.UriPath,
    AccessKeyId: credential?.AccessKeyId ?? current.AccessKeyId,
    secret: credential?.RawSecretAccessKey ?? current.secret,
  };
  if (target === 'VPC_ENDPOINT_SERVICE') {
    const wasVpc = current.Connectivity === 'VPC_ENDPOINT_SERVICE';
    const cleared = input.XksProxyVpcEndpointServiceName === '';
    const service =
      (serviceGiven as string | undefined) ?? (wasVpc && !cleared ? current.VpcEndpointServiceName : undefined);
    if (service === undefined) return fail('ValidationException'); // §3.5: switching to VPC needs the service
    merged.VpcEndpointServiceName = service;
    merged.VpcEndpointServiceOwner =
      ownerGiven ?? (wasVpc ? current.VpcEndpointServiceOwner : undefined) ?? SCOPES[scope].account;
  }
  // §3.5: a connectivity switch must come with a new endpoint.
  if (target !== current.Connectivity && merged.UriEndpoint === current.UriEndpoint) return fail('ValidationException');

  const differs = (k: keyof XksConfig) => merged[k] !== current[k];
  const connectionFields = (
    ['Connectivity', 'UriEndpoint', 'VpcEndpointServiceName', 'VpcEndpointServiceOwner'] as const
  ).some(differs);
  const anyStateFields = (['UriPath', 'AccessKeyId', 'secret'] as const).some(differs);
  if (!rename && !connectionFields && !anyStateFields) return ok(); // §8.6
  if ((rename || anyStateFields) && !CONNECTED_OR_DISCONNECTED(store))
    return fail('CustomKeyStoreInvalidStateException');
  if (connectionFields && store.state !== 'DISCONNECTED') return fail('CustomKeyStoreInvalidStateException');
  const newName = input.NewCustomKeyStoreName as string;
  if (rename && model.nameTaken(scope, newName, store)) return fail('CustomKeyStoreNameInUseException');
  if (connectionFields || anyStateFields) {
    const clash = model.xksClash(scope, merged, store);
    if (clash) return fail(clash);
    // Update only tells KMS: the health check runs against what the proxy learned from the Creates.
    const changed = { path: differs('UriPath'), credential: differs('AccessKeyId') || differs('secret') };
    const refused = model.world.updateXks(merged, changed);
    if (refused) return fail(refused);
  }
  if (rename) store.name = newName;
  store.xks = merged;
  return ok();
}
