import { ConnectionErrorCodeType } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import type { StoreRecord } from '../../src/engine/types.js';
import { createWorld, type WorldSpec } from '../../src/world/index.js';
import {
  CLUSTER,
  cloudHsmStore,
  ctx,
  ENDPOINT,
  PATH,
  PRIVATE_ENDPOINT,
  publicProxy,
  SERVICE,
  thrownCode,
  vpcProxy,
  xksStore,
} from './world-support.js';

interface Row {
  code: string;
  world: string;
  spec: WorldSpec;
  store: StoreRecord;
}

const hsmStore = cloudHsmStore();
const publicStore = xksStore(publicProxy());
const vpcStore = xksStore(vpcProxy());
const proxy = (p: Omit<NonNullable<WorldSpec['proxies']>[number], 'uriEndpoint'>, uriEndpoint = ENDPOINT) => ({
  proxies: [{ uriEndpoint, ...p }],
});

/** One row per ConnectionErrorCode (and per way of reaching it): the world described, and the store that connects. */
const rows: Row[] = [
  {
    code: 'CLUSTER_NOT_FOUND',
    world: 'the cluster was deleted',
    spec: { clusters: [{ clusterId: CLUSTER, state: 'DELETED' }] },
    store: hsmStore,
  },
  {
    code: 'CLUSTER_NOT_FOUND',
    world: 'the cluster is in another Region',
    spec: { clusters: [{ clusterId: CLUSTER, region: 'eu-west-1' }] },
    store: hsmStore,
  },
  {
    code: 'INSUFFICIENT_CLOUDHSM_HSMS',
    world: 'the cluster has no HSMs',
    spec: { clusters: [{ clusterId: CLUSTER, hsms: [] }] },
    store: hsmStore,
  },
  {
    code: 'INSUFFICIENT_CLOUDHSM_HSMS',
    world: 'no HSM of the cluster is ACTIVE',
    spec: { clusters: [{ clusterId: CLUSTER, hsms: [{ availabilityZone: 'us-east-1a', state: 'DEGRADED' }] }] },
    store: hsmStore,
  },
  {
    code: 'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
    world: 'a cluster subnet has no free IP address',
    spec: {
      clusters: [
        {
          clusterId: CLUSTER,
          subnets: [
            { subnetId: 'subnet-0123456789abcdef0', availabilityZone: 'us-east-1a', freeIpAddresses: 0 },
            { subnetId: 'subnet-0123456789abcdef1', availabilityZone: 'us-east-1b' },
          ],
        },
      ],
    },
    store: hsmStore,
  },
  {
    code: 'SUBNET_NOT_FOUND',
    world: 'a cluster subnet was deleted',
    spec: {
      clusters: [
        {
          clusterId: CLUSTER,
          subnets: [
            { subnetId: 'subnet-0123456789abcdef0', availabilityZone: 'us-east-1a', deleted: true },
            { subnetId: 'subnet-0123456789abcdef1', availabilityZone: 'us-east-1b' },
          ],
        },
      ],
    },
    store: hsmStore,
  },
  {
    code: 'INVALID_CREDENTIALS',
    world: "kmsuser's password is not the store's",
    spec: { clusters: [{ clusterId: CLUSTER, kmsUser: { password: 'changed-Pswd-1' } }] },
    store: hsmStore,
  },
  {
    code: 'USER_LOCKED_OUT',
    world: 'kmsuser is locked out',
    spec: { clusters: [{ clusterId: CLUSTER, kmsUser: { lockedOut: true } }] },
    store: hsmStore,
  },
  {
    code: 'USER_LOGGED_IN',
    world: 'someone is logged in as kmsuser',
    spec: { clusters: [{ clusterId: CLUSTER, kmsUser: { loggedIn: true } }] },
    store: hsmStore,
  },
  {
    code: 'USER_NOT_FOUND',
    world: 'the cluster has no kmsuser',
    spec: { clusters: [{ clusterId: CLUSTER, kmsUser: { present: false } }] },
    store: hsmStore,
  },
  {
    code: 'NETWORK_ERRORS',
    world: 'a network fault between KMS and the cluster',
    spec: { clusters: [{ clusterId: CLUSTER, networkFault: true }] },
    store: hsmStore,
  },
  {
    code: 'INTERNAL_ERROR',
    world: 'KMS fails internally with the cluster',
    spec: { clusters: [{ clusterId: CLUSTER, internalFault: true }] },
    store: hsmStore,
  },
  {
    code: 'NETWORK_ERRORS',
    world: 'a network fault between KMS and the proxy',
    spec: proxy({ networkFault: true }),
    store: publicStore,
  },
  {
    code: 'INTERNAL_ERROR',
    world: 'KMS fails internally with the proxy',
    spec: proxy({ internalFault: true }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_NOT_REACHABLE',
    world: 'the proxy is unreachable',
    spec: proxy({ reachable: false }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_NOT_REACHABLE',
    world: 'all external key managers are unavailable',
    spec: proxy({ keyManagersAvailable: false }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_TIMED_OUT',
    world: 'the proxy answers in 250 ms',
    spec: proxy({ latencyMs: 250 }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_INVALID_TLS_CONFIGURATION',
    world: "the proxy's TLS certificate expired",
    spec: proxy({ tls: 'expired-certificate' }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_INVALID_TLS_CONFIGURATION',
    world: "the proxy's certificate names another host",
    spec: proxy({ tls: 'hostname-mismatch' }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_INVALID_TLS_CONFIGURATION',
    world: 'an untrusted CA signed the certificate',
    spec: proxy({ tls: 'untrusted-certificate-authority' }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_INVALID_TLS_CONFIGURATION',
    world: 'the proxy offers only old TLS',
    spec: proxy({ tls: 'unsupported-protocol-version' }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_INVALID_CONFIGURATION',
    world: "the proxy does not serve the store's URI path",
    spec: proxy({ uriPaths: ['/other/kms/xks/v1'] }),
    store: publicStore,
  },
  {
    code: 'INVALID_CREDENTIALS',
    world: "the proxy does not accept the store's credential",
    spec: proxy({ credentials: [{ accessKeyId: 'ZYXWVUTSRQPONMLKJIHG' }] }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_ACCESS_DENIED',
    world: "the proxy's authorization rules deny KMS",
    spec: proxy({ authorizesKms: false }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_INVALID_RESPONSE',
    world: 'the proxy answers malformed responses',
    spec: proxy({ responsesValid: false }),
    store: publicStore,
  },
  {
    code: 'XKS_PROXY_NOT_REACHABLE',
    world: 'the proxy behind a VPC endpoint service is unreachable',
    spec: proxy({ reachable: false }, PRIVATE_ENDPOINT),
    store: vpcStore,
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    world: 'the VPC endpoint service does not exist',
    spec: { vpcEndpointServices: [{ serviceName: SERVICE, exists: false }] },
    store: vpcStore,
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    world: 'the VPC endpoint service does not allow the KMS principal',
    spec: { vpcEndpointServices: [{ serviceName: SERVICE, allowsKmsPrincipal: false }] },
    store: vpcStore,
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    world: 'the VPC endpoint service belongs to another account',
    spec: { vpcEndpointServices: [{ serviceName: SERVICE, owner: '444455556666' }] },
    store: vpcStore,
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    world: 'the VPC endpoint service is in another Region',
    spec: { vpcEndpointServices: [{ serviceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0' }] },
    store: xksStore(vpcProxy({ vpcEndpointServiceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0' })),
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    world: 'the VPC endpoint service requires acceptance',
    spec: { vpcEndpointServices: [{ serviceName: SERVICE, acceptanceRequired: true }] },
    store: vpcStore,
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    world: "the service's load balancer is in one Availability Zone",
    spec: { vpcEndpointServices: [{ serviceName: SERVICE, availabilityZones: 1 }] },
    store: vpcStore,
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    world: "the service's private DNS name is not the endpoint's host",
    spec: { vpcEndpointServices: [{ serviceName: SERVICE, privateDnsName: 'other.example.com' }] },
    store: vpcStore,
  },
  {
    code: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    world: "the service's private DNS domain is not verified",
    spec: { vpcEndpointServices: [{ serviceName: SERVICE, privateDnsVerified: false }] },
    store: vpcStore,
  },
];

describe('every ConnectionErrorCode emerges from a world description', () => {
  it.each(rows)('$code when $world', ({ code, spec, store }) => {
    const world = createWorld(spec);
    expect(thrownCode(() => world.checkCloudHsmConnect(ctx, store))).toBe('none');
    expect(world.connectOutcome(ctx, store)).toEqual({ kind: 'failed', code });
  });

  it('covers all 18 codes of the model', () => {
    expect(new Set(rows.map((r) => r.code))).toEqual(new Set(Object.values(ConnectionErrorCodeType)));
    expect(Object.values(ConnectionErrorCodeType)).toHaveLength(18);
  });

  it.each([
    ['a CloudHSM store', hsmStore],
    ['a public XKS store', publicStore],
    ['a VPC XKS store', vpcStore],
  ])('the default world connects %s', (_label, store) => {
    expect(createWorld().connectOutcome(ctx, store)).toMatchObject({ kind: 'connected' });
  });

  it('a proxy that answers in 249 ms is in time', () => {
    const world = createWorld(proxy({ latencyMs: 249 }));
    expect(world.connectOutcome(ctx, publicStore)).toEqual({ kind: 'connected' });
  });

  it('the URI path a proxy serves connects', () => {
    const world = createWorld(proxy({ uriPaths: ['/other/kms/xks/v1', PATH] }));
    expect(world.connectOutcome(ctx, publicStore)).toEqual({ kind: 'connected' });
  });
});
