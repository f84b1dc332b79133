import { FakeWorld } from './fake-world.js';
import type { WorldSpec } from './spec/world-spec.js';

/**
 * The backing world of a fake, as `fake.world`: the questions KMS operations ask (`BackingWorld`) and
 * the handles tests use to describe and change clusters, proxies and VPC endpoint services.
 */
export type World = FakeWorld;

/**
 * Create the world a fake runs against, seeded with `spec`; `world.reset()` returns to exactly it.
 * Throws a `FakeKmsUsageError` listing every malformed entity.
 *
 * @example
 * const world = createWorld({ clusters: [{ clusterId: 'cluster-abcdefghijk', state: 'DEGRADED' }] });
 * world.cluster('cluster-abcdefghijk').update({ state: 'ACTIVE' });
 */
export function createWorld(spec: WorldSpec = {}): World {
  return new FakeWorld(spec);
}

export { KMSUSER_LOCKOUT_ATTEMPTS } from './checks/cloudhsm-checks.js';
export { FakeWorld } from './fake-world.js';
export type { ClusterChanges, ClusterHandle } from './handles/cluster-handle.js';
export type { ProxyChanges, ProxyHandle } from './handles/proxy-handle.js';
export type { VpcEndpointServiceChanges, VpcEndpointServiceHandle } from './handles/vpc-endpoint-service-handle.js';
export type { ExternalKeyHandle } from './keys/external-key-handle.js';
export type { ExternalKeySpec, ResolvedExternalKey } from './keys/external-key-table.js';
export type { ResolvedCluster, ResolvedHsm, ResolvedKmsUser, ResolvedSubnet } from './resolve-cluster.js';
export type { ResolvedProxy, ResolvedVpcEndpointService } from './resolve-proxy.js';
export {
  CLUSTER_STATES,
  type ClusterSpec,
  type ClusterState,
  HSM_STATES,
  type HsmSpec,
  type HsmState,
  type KmsUserSpec,
  type SubnetSpec,
} from './spec/cluster-spec.js';
export {
  CLOUDHSM_CONNECTION_ERROR_CODES,
  type CloudHsmConnectionErrorCode,
  VPC_ENDPOINT_SERVICE_CONNECTION_ERROR_CODES,
  type VpcEndpointServiceConnectionErrorCode,
  XKS_CONNECTION_ERROR_CODES,
  XKS_PROXY_CONNECTION_ERROR_CODES,
  type XksConnectionErrorCode,
  type XksProxyConnectionErrorCode,
} from './spec/connection-error-codes.js';
export {
  type ProxyCredential,
  type ProxySpec,
  TLS_PROBLEMS,
  type TlsProblem,
  type TlsSetup,
  XKS_PROXY_TIMEOUT_MS,
} from './spec/proxy-spec.js';
export type { VpcEndpointServiceSpec } from './spec/vpc-endpoint-service-spec.js';
export type { WorldSpec } from './spec/world-spec.js';
export type { BackingWorld, ConnectOutcome } from './types.js';
