import { describe, expect, it } from 'vitest';
import type { XksProxyConfig } from '../../src/engine/types.js';
import { createWorld, type WorldSpec } from '../../src/world/index.js';
import {
  ANCHOR,
  CLUSTER,
  cloudHsmStore,
  ctx,
  ENDPOINT,
  OTHER_ANCHOR,
  OTHER_CLUSTER,
  PASSWORD,
  publicProxy,
  SERVICE,
  thrown,
  thrownCode,
  vpcProxy,
} from './world-support.js';

const cluster = (spec: Omit<NonNullable<WorldSpec['clusters']>[number], 'clusterId'>): WorldSpec => ({
  clusters: [{ clusterId: CLUSTER, ...spec }],
});
const proxy = (spec: Omit<NonNullable<WorldSpec['proxies']>[number], 'uriEndpoint'>): WorldSpec => ({
  proxies: [{ uriEndpoint: ENDPOINT, ...spec }],
});
const service = (spec: Omit<NonNullable<WorldSpec['vpcEndpointServices']>[number], 'serviceName'>): WorldSpec => ({
  vpcEndpointServices: [{ serviceName: SERVICE, ...spec }],
});
const inZone = (zone: string) => ({ availabilityZone: `us-east-1${zone}` });

describe('CreateCustomKeyStore (CloudHSM): each exception emerges from the world', () => {
  const create =
    (spec: WorldSpec, anchor = ANCHOR) =>
    () =>
      createWorld(spec).checkCloudHsmCreate(ctx, CLUSTER, anchor, PASSWORD);

  it.each<[string, string, WorldSpec]>([
    ['CloudHsmClusterNotFoundException', 'the cluster was deleted', cluster({ state: 'DELETED' })],
    ['CloudHsmClusterNotFoundException', 'the cluster is in another Region', cluster({ region: 'eu-west-1' })],
    ['CloudHsmClusterNotActiveException', 'the cluster is UNINITIALIZED', cluster({ state: 'UNINITIALIZED' })],
    ['CloudHsmClusterNotActiveException', 'the cluster is DEGRADED', cluster({ state: 'DEGRADED' })],
    ['CloudHsmClusterNotActiveException', 'the cluster is being deleted', cluster({ state: 'DELETE_IN_PROGRESS' })],
    ['CloudHsmClusterInvalidConfigurationException', 'it has one active HSM', cluster({ hsms: [inZone('a')] })],
    [
      'CloudHsmClusterInvalidConfigurationException',
      'its two HSMs share a zone',
      cluster({ hsms: [inZone('a'), inZone('a')] }),
    ],
    [
      'CloudHsmClusterInvalidConfigurationException',
      'one of its two HSMs is not ACTIVE',
      cluster({ hsms: [inZone('a'), { ...inZone('b'), state: 'CREATE_IN_PROGRESS' }] }),
    ],
    [
      'CloudHsmClusterInvalidConfigurationException',
      'its subnets are all in one zone',
      cluster({ subnets: [{ subnetId: 'subnet-0123456789abcdef0', ...inZone('a') }] }),
    ],
    [
      'CloudHsmClusterInvalidConfigurationException',
      'its security group lacks the rules',
      cluster({ securityGroupValid: false }),
    ],
    [
      'IncorrectTrustAnchorException',
      'its trust anchor is another certificate',
      cluster({ trustAnchorCertificate: OTHER_ANCHOR }),
    ],
    ['KMSInternalException', 'KMS fails internally with the cluster', cluster({ internalFault: true })],
  ])('%s when %s', (code, _world, spec) => {
    expect(thrownCode(create(spec))).toBe(code);
  });

  it('passes in the default world, and the cluster then keeps the first trust anchor it was shown', () => {
    const world = createWorld();
    expect(thrownCode(() => world.checkCloudHsmCreate(ctx, CLUSTER, ANCHOR, PASSWORD))).toBe('none');
    expect(world.cluster(CLUSTER).describe().trustAnchorCertificate).toBe(ANCHOR);
    expect(thrownCode(() => world.checkCloudHsmCreate(ctx, CLUSTER, OTHER_ANCHOR, PASSWORD))).toBe(
      'IncorrectTrustAnchorException',
    );
  });

  it('compares certificates by content, not by line breaks', () => {
    const reflowed = ANCHOR.replace(/\n/g, '\r\n');
    expect(thrownCode(create(cluster({ trustAnchorCertificate: ANCHOR }), reflowed))).toBe('none');
  });

  it('reports an internal fault with HTTP 500', () => {
    expect(thrown(create(cluster({ internalFault: true }))).httpStatus).toBe(500);
  });

  it('names the cluster and the numbers in its messages', () => {
    expect(thrown(create(cluster({ hsms: [inZone('a')] }))).message).toContain(
      `${CLUSTER} has 1 active HSM in 1 Availability Zone`,
    );
    expect(thrown(create(cluster({ state: 'DEGRADED' }))).message).toContain('is DEGRADED, not ACTIVE');
  });

  it('does not check the password (a wrong one shows on Connect)', () => {
    expect(thrownCode(create(cluster({ kmsUser: { password: 'another-Pswd-1' } })))).toBe('none');
  });
});

describe('UpdateCustomKeyStore (CloudHSM cluster): each exception emerges from the world', () => {
  const store = cloudHsmStore();
  const update = (spec: WorldSpec) => () => createWorld(spec).checkCloudHsmUpdate(ctx, store, OTHER_CLUSTER);
  const target = (spec: Omit<NonNullable<WorldSpec['clusters']>[number], 'clusterId'>): WorldSpec => ({
    clusters: [{ clusterId: OTHER_CLUSTER, backupLineage: CLUSTER, ...spec }],
  });

  it.each<[string, string, WorldSpec]>([
    ['CloudHsmClusterNotFoundException', 'the new cluster was deleted', target({ state: 'DELETED' })],
    [
      'CloudHsmClusterNotRelatedException',
      'the new cluster has another backup lineage',
      target({ backupLineage: 'lineage-b' }),
    ],
    ['CloudHsmClusterNotActiveException', 'the new cluster is UNINITIALIZED', target({ state: 'UNINITIALIZED' })],
    ['CloudHsmClusterInvalidConfigurationException', 'the new cluster has no HSMs', target({ hsms: [] })],
    ['KMSInternalException', 'KMS fails internally with the new cluster', target({ internalFault: true })],
    [
      'none',
      'the new cluster shares the backup lineage',
      {
        clusters: [
          { clusterId: CLUSTER, backupLineage: 'lineage-a' },
          { clusterId: OTHER_CLUSTER, backupLineage: 'lineage-a' },
        ],
      },
    ],
    ['CloudHsmClusterNotRelatedException', 'nobody described the new cluster (undescribed means unrelated)', {}],
  ])('%s when %s', (code, _world, spec) => {
    expect(thrownCode(update(spec))).toBe(code);
  });

  it('relatedTo() makes an undescribed cluster related; the switch teaches it the anchor; reset forgets', () => {
    const world = createWorld();
    expect(world.clustersRelated(ctx, CLUSTER, OTHER_CLUSTER)).toBe(false);
    world.cluster(OTHER_CLUSTER).relatedTo(CLUSTER);
    expect(world.clustersRelated(ctx, CLUSTER, OTHER_CLUSTER)).toBe(true);
    world.checkCloudHsmUpdate(ctx, store, OTHER_CLUSTER);
    expect(world.cluster(OTHER_CLUSTER).describe()).toMatchObject({
      trustAnchorCertificate: ANCHOR,
      account: ctx.account,
    });
    world.reset();
    expect(world.clustersRelated(ctx, CLUSTER, OTHER_CLUSTER)).toBe(false);
  });
});

describe('ConnectCustomKeyStore (CloudHSM): what KMS refuses before it accepts', () => {
  const connect = (spec: WorldSpec) => () => createWorld(spec).checkCloudHsmConnect(ctx, cloudHsmStore());

  it.each<[string, string, WorldSpec]>([
    ['CloudHsmClusterNotActiveException', 'the cluster is UNINITIALIZED', cluster({ state: 'UNINITIALIZED' })],
    [
      'CloudHsmClusterInvalidConfigurationException',
      'its security group lacks the rules',
      cluster({ securityGroupValid: false }),
    ],
    [
      'CloudHsmClusterInvalidConfigurationException',
      'its subnets are all in one zone',
      cluster({ subnets: [{ subnetId: 'subnet-0123456789abcdef0', ...inZone('a') }] }),
    ],
    ['none', 'the cluster was deleted (the attempt fails later with CLUSTER_NOT_FOUND)', cluster({ state: 'DELETED' })],
    ['none', 'the cluster has no HSMs (INSUFFICIENT_CLOUDHSM_HSMS later)', cluster({ hsms: [] })],
  ])('%s when %s', (code, _world, spec) => {
    expect(thrownCode(connect(spec))).toBe(code);
  });
});

describe('Create and Update (XKS): each XksProxy* exception emerges from the world', () => {
  const check = (spec: WorldSpec, config: XksProxyConfig, phase: 'create' | 'update') => () =>
    createWorld(spec).checkXksProxy(ctx, config, phase);

  const proxyRows: [string, string, WorldSpec][] = [
    ['XksProxyUriUnreachableException', 'the proxy is unreachable', proxy({ reachable: false })],
    ['XksProxyUriUnreachableException', 'the proxy answers in 300 ms', proxy({ latencyMs: 300 })],
    [
      'XksProxyUriUnreachableException',
      'all external key managers are unavailable',
      proxy({ keyManagersAvailable: false }),
    ],
    ['XksProxyUriUnreachableException', 'a network fault', proxy({ networkFault: true })],
    [
      'XksProxyInvalidConfigurationException',
      'the proxy does not serve the URI path',
      proxy({ uriPaths: ['/kms/xks/v2'] }),
    ],
    ['XksProxyUriUnreachableException', "the proxy's TLS certificate expired", proxy({ tls: 'expired-certificate' })],
    [
      'XksProxyIncorrectAuthenticationCredentialException',
      'the proxy rejects the credential',
      proxy({ credentials: [{ accessKeyId: 'ZYXWVUTSRQPONMLKJIHG' }] }),
    ],
    ['XksProxyInvalidResponseException', 'the proxy answers malformed responses', proxy({ responsesValid: false })],
    ['KMSInternalException', 'KMS fails internally with the proxy', proxy({ internalFault: true })],
    ['none', "the proxy's authorization denies KMS (the health check is exempt)", proxy({ authorizesKms: false })],
    [
      'XksProxyInvalidResponseException',
      'authorization denies KMS and the replies are malformed (the health check still reads the reply)',
      proxy({ authorizesKms: false, responsesValid: false }),
    ],
  ];

  it.each(proxyRows)('Create (public endpoint): %s when %s', (code, _world, spec) => {
    expect(thrownCode(check(spec, publicProxy(), 'create'))).toBe(code);
  });

  it.each(proxyRows)('Update (public endpoint): %s when %s', (code, _world, spec) => {
    expect(thrownCode(check(spec, publicProxy(), 'update'))).toBe(code);
  });

  const serviceRows: [string, string, WorldSpec][] = [
    ['XksProxyVpcEndpointServiceNotFoundException', 'the service does not exist', service({ exists: false })],
    [
      'XksProxyVpcEndpointServiceNotFoundException',
      'the service does not allow KMS',
      service({ allowsKmsPrincipal: false }),
    ],
    [
      'XksProxyVpcEndpointServiceNotFoundException',
      'another account owns the service',
      service({ owner: '444455556666' }),
    ],
    [
      'XksProxyVpcEndpointServiceInvalidConfigurationException',
      'the service requires acceptance',
      service({ acceptanceRequired: true }),
    ],
    [
      'XksProxyVpcEndpointServiceInvalidConfigurationException',
      'its load balancer is in one zone',
      service({ availabilityZones: 1 }),
    ],
    [
      'XksProxyVpcEndpointServiceInvalidConfigurationException',
      'its private DNS domain is not verified',
      service({ privateDnsVerified: false }),
    ],
  ];

  it.each(serviceRows)('Create (VPC endpoint service): %s when %s', (code, _world, spec) => {
    expect(thrownCode(check(spec, vpcProxy(), 'create'))).toBe(code);
  });

  it.each(serviceRows)('Update (VPC endpoint service): %s when %s', (code, _world, spec) => {
    expect(thrownCode(check(spec, vpcProxy(), 'update'))).toBe(code);
  });

  it('Create with a VPC endpoint service does not contact the proxy yet; Update does', () => {
    const offline: WorldSpec = { proxies: [{ uriEndpoint: vpcProxy().uriEndpoint, reachable: false }] };
    expect(thrownCode(check(offline, vpcProxy(), 'create'))).toBe('none');
    expect(thrownCode(check(offline, vpcProxy(), 'update'))).toBe('XksProxyUriUnreachableException');
  });

  it('never puts the credential in a message (spec §8.18)', () => {
    const error = thrown(
      check(proxy({ credentials: [{ accessKeyId: 'ZYXWVUTSRQPONMLKJIHG' }] }), publicProxy(), 'create'),
    );
    expect(error.message).not.toContain(publicProxy().accessKeyId);
    expect(error.message).not.toContain(publicProxy().secretAccessKey);
  });

  it('accepts a credential whose secret the proxy does not pin, and refuses a wrong secret when it does', () => {
    const { accessKeyId, secretAccessKey } = publicProxy();
    expect(thrownCode(check(proxy({ credentials: [{ accessKeyId }] }), publicProxy(), 'create'))).toBe('none');
    expect(
      thrownCode(
        check(
          proxy({ credentials: [{ accessKeyId, secretAccessKey: `${secretAccessKey.slice(1)}A` }] }),
          publicProxy(),
          'create',
        ),
      ),
    ).toBe('XksProxyIncorrectAuthenticationCredentialException');
  });

  it('explains a VPC endpoint service in another Region', () => {
    const elsewhere = 'com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0';
    const error = thrown(
      check(
        { vpcEndpointServices: [{ serviceName: elsewhere }] },
        vpcProxy({ vpcEndpointServiceName: elsewhere }),
        'create',
      ),
    );
    expect(error.code).toBe('XksProxyVpcEndpointServiceNotFoundException');
    expect(error.message).toContain('it is in eu-west-1');
  });
});
