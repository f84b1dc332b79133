import type { CallContext, StoreRecord, XksProxyConfig } from '../engine/types.js';
import { FakeKmsUsageError } from '../errors/kms-error.js';
import {
  connectRefusal,
  existenceError,
  infrastructureFailure,
  KMSUSER_LOCKOUT_ATTEMPTS,
  kmsUserLogin,
  readyClusterError,
  sameCertificate,
} from './checks/cloudhsm-checks.js';
import { cloudHsmErrors } from './checks/cloudhsm-errors.js';
import { proxyFailure, vpcEndpointServiceFailure } from './checks/xks-checks.js';
import { EntityTable } from './entity-table.js';
import { ClusterHandle } from './handles/cluster-handle.js';
import { ProxyHandle } from './handles/proxy-handle.js';
import { VpcEndpointServiceHandle } from './handles/vpc-endpoint-service-handle.js';
import { ClusterKeyTable } from './keys/cluster-key-table.js';
import { ExternalKeyTable } from './keys/external-key-table.js';
import { type ResolvedCluster, resolveCluster } from './resolve-cluster.js';
import { resolveProxy, resolveVpcEndpointService } from './resolve-proxy.js';
import type { ClusterSpec } from './spec/cluster-spec.js';
import { checkRecord } from './spec/field-rules.js';
import { CLUSTER_ID, VPC_ENDPOINT_SERVICE_NAME, XKS_URI_ENDPOINT } from './spec/patterns.js';
import type { ProxySpec } from './spec/proxy-spec.js';
import { SpecIssues } from './spec/spec-issues.js';
import {
  CLUSTER_SHAPE,
  PROXY_SHAPE,
  VPC_ENDPOINT_SERVICE_SHAPE,
  validateWorldSpec,
} from './spec/validate-world-spec.js';
import type { VpcEndpointServiceSpec } from './spec/vpc-endpoint-service-spec.js';
import type { WorldSpec } from './spec/world-spec.js';
import type { BackingWorld, ConnectOutcome } from './types.js';

/**
 * The backing world of one fake (`fake.world`): CloudHSM clusters, XKS proxies and VPC endpoint services.
 * KMS operations ask it what AWS would answer (the {@link BackingWorld} methods; tests do not need them);
 * tests describe and change it through `cluster()`, `proxy()`, `vpcEndpointService()` and `add*()`.
 *
 * @example
 * fake.world.cluster('cluster-abcdefghijk').lockOutKmsUser();
 * fake.world.proxy('https://xks.example.com').update({ latencyMs: 400 });
 * fake.world.vpcEndpointService('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0').delete();
 */
export class FakeWorld implements BackingWorld {
  private readonly clusters: EntityTable<ClusterSpec>;
  private readonly proxies: EntityTable<ProxySpec>;
  private readonly services: EntityTable<VpcEndpointServiceSpec>;
  private readonly defaultRegion: string;
  /** External keys behind the proxies (learned on first use, forgotten by reset). */
  readonly externalKeys = new ExternalKeyTable();
  /** Key material deleted from CloudHSM clusters by hand (forgotten by reset). */
  readonly clusterKeys = new ClusterKeyTable();

  constructor(spec: WorldSpec = {}) {
    validateWorldSpec(spec, 'The world description given to createKmsFake()');
    const seed = structuredClone({
      clusters: spec.clusters ?? [],
      proxies: (spec.proxies ?? []).map((p) => ({ ...p })),
      services: spec.vpcEndpointServices ?? [],
    });
    this.clusters = new EntityTable(seed.clusters, (c) => c.clusterId);
    this.proxies = new EntityTable(seed.proxies, (p) => p.uriEndpoint);
    this.services = new EntityTable(seed.services, (s) => s.serviceName);
    this.defaultRegion = spec.region ?? 'us-east-1';
  }

  // ---- what the operations ask -------------------------------------------------------------------

  /** The password is not checked at creation (a wrong one shows on Connect as INVALID_CREDENTIALS, spec §3.1). */
  checkCloudHsmCreate(
    ctx: CallContext,
    clusterId: string,
    trustAnchorCertificate: string,
    _keyStorePassword: string,
  ): void {
    const cluster = this.resolvedCluster(clusterId);
    const error = existenceError(cluster, ctx) ?? readyClusterError(cluster);
    if (error) throw error;
    if (cluster.trustAnchorCertificate === undefined) this.learnTrustAnchor(clusterId, trustAnchorCertificate);
    else if (!sameCertificate(cluster.trustAnchorCertificate, trustAnchorCertificate)) {
      throw cloudHsmErrors.incorrectTrustAnchor(clusterId);
    }
  }

  /**
   * A cluster whose backup lineage nobody described is taken to share the store's cluster's backup history
   * (the permissive default), and remembers it; one described with another lineage is not related.
   */
  checkCloudHsmUpdate(ctx: CallContext, store: StoreRecord, newClusterId: string): void {
    const cluster = this.resolvedCluster(newClusterId);
    const current = store.cloudHsm?.clusterId ?? '';
    const lineageKnown = this.clusters.get(newClusterId)?.backupLineage !== undefined;
    const related = !lineageKnown || this.clustersRelated(ctx, current, newClusterId);
    const error =
      existenceError(cluster, ctx) ??
      (related ? undefined : cloudHsmErrors.notRelated(newClusterId, current)) ??
      readyClusterError(cluster);
    if (error) throw error;
    const learned = this.clusters.ensure(newClusterId, () => ({ clusterId: newClusterId }), 'default');
    if (!lineageKnown && newClusterId !== current) learned.backupLineage = this.lineageOf(current);
    // Related clusters share the cluster certificate, hence the trust anchor that signed it.
    const anchor = store.cloudHsm?.trustAnchorCertificate;
    if (learned.trustAnchorCertificate === undefined && anchor) learned.trustAnchorCertificate = anchor;
  }

  clustersRelated(_ctx: CallContext, a: string, b: string): boolean {
    return a === b || this.lineageOf(a) === this.lineageOf(b);
  }

  checkCloudHsmConnect(ctx: CallContext, store: StoreRecord): void {
    if (!store.cloudHsm) return;
    const refusal = connectRefusal(this.resolvedCluster(store.cloudHsm.clusterId), ctx);
    if (refusal) throw refusal;
  }

  checkXksProxy(ctx: CallContext, proxy: XksProxyConfig, phase: 'create' | 'update'): void {
    const failure =
      this.vpcFailure(ctx, proxy) ??
      // A VPC store's proxy is first contacted on Connect; a public one is health-checked on Create too.
      (phase === 'create' && proxy.connectivity === 'VPC_ENDPOINT_SERVICE'
        ? undefined
        : proxyFailure(this.resolvedProxy(proxy.uriEndpoint), proxy, 'health-check'));
    if (failure?.error) throw failure.error;
  }

  connectOutcome(ctx: CallContext, store: StoreRecord): ConnectOutcome {
    if (store.cloudHsm) return this.connectCloudHsm(ctx, store.cloudHsm);
    if (store.xks) {
      const failure =
        this.vpcFailure(ctx, store.xks) ??
        proxyFailure(this.resolvedProxy(store.xks.uriEndpoint), store.xks, 'connect');
      if (failure) return { kind: 'failed', code: failure.code };
    }
    return { kind: 'connected' };
  }

  /** Back to exactly the seeded world: every change and every default entity that learned something is dropped. */
  reset(): void {
    this.clusters.reset();
    this.proxies.reset();
    this.services.reset();
    this.externalKeys.reset();
    this.clusterKeys.reset();
  }

  // ---- what tests use ----------------------------------------------------------------------------

  /** The cluster with this id. Every well-formed id names a healthy ACTIVE cluster until you change it. */
  cluster(clusterId: string): ClusterHandle {
    requireFormat(clusterId, CLUSTER_ID, 'a cluster id such as cluster-abcdefghijk');
    return new ClusterHandle(clusterId, {
      table: this.clusters,
      defaultRegion: this.defaultRegion,
      clusterKeys: this.clusterKeys,
    });
  }

  /** The proxy at this URI endpoint (`https://host`; a bare host name is accepted). */
  proxy(uriEndpoint: string): ProxyHandle {
    const endpoint = uriEndpoint.startsWith('https://') ? uriEndpoint : `https://${uriEndpoint}`;
    requireFormat(endpoint, XKS_URI_ENDPOINT, 'an XKS proxy URI endpoint such as https://xks.example.com');
    return new ProxyHandle(endpoint, this.proxies, this.externalKeys);
  }

  /** The VPC endpoint service with this name. */
  vpcEndpointService(serviceName: string): VpcEndpointServiceHandle {
    requireFormat(
      serviceName,
      VPC_ENDPOINT_SERVICE_NAME,
      'a name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
    );
    return new VpcEndpointServiceHandle(serviceName, this.services);
  }

  /** Describe a cluster from scratch (for example one built with the fixtures). */
  addCluster(spec: ClusterSpec): ClusterHandle {
    this.add(this.clusters, spec, spec.clusterId, CLUSTER_SHAPE, 'addCluster');
    return this.cluster(spec.clusterId);
  }

  addProxy(spec: ProxySpec): ProxyHandle {
    this.add(this.proxies, spec, spec.uriEndpoint, PROXY_SHAPE, 'addProxy');
    return this.proxy(spec.uriEndpoint);
  }

  addVpcEndpointService(spec: VpcEndpointServiceSpec): VpcEndpointServiceHandle {
    this.add(this.services, spec, spec.serviceName, VPC_ENDPOINT_SERVICE_SHAPE, 'addVpcEndpointService');
    return this.vpcEndpointService(spec.serviceName);
  }

  /** The world as it is now, as a description that seeds an equal world. Secrets are left out (spec §8.18). */
  snapshot(): Required<Omit<WorldSpec, 'region'>> {
    const clusters = this.clusters.all().map((c) => {
      const copy = structuredClone(c);
      if (copy.kmsUser) delete copy.kmsUser.password;
      return copy;
    });
    const proxies = this.proxies.all().map((p) => {
      const copy = structuredClone(p);
      if (copy.credentials) copy.credentials = copy.credentials.map(({ accessKeyId }) => ({ accessKeyId }));
      return copy;
    });
    return { clusters, proxies, vpcEndpointServices: structuredClone(this.services.all()) };
  }

  // ---- internals ---------------------------------------------------------------------------------

  private connectCloudHsm(ctx: CallContext, hsm: NonNullable<StoreRecord['cloudHsm']>): ConnectOutcome {
    const cluster = this.resolvedCluster(hsm.clusterId);
    const infrastructure = infrastructureFailure(cluster, ctx);
    if (infrastructure) return { kind: 'failed', code: infrastructure };
    const login = kmsUserLogin(cluster, hsm.keyStorePassword);
    const described = this.clusters.get(hsm.clusterId);
    if (!login.ok) {
      if (login.failedAttempt && described) {
        const attempts = cluster.kmsUser.failedLoginAttempts + 1;
        described.kmsUser = { ...described.kmsUser, failedLoginAttempts: attempts };
        if (attempts >= KMSUSER_LOCKOUT_ATTEMPTS) described.kmsUser.lockedOut = true;
      }
      return { kind: 'failed', code: login.code };
    }
    if (described?.kmsUser?.failedLoginAttempts) described.kmsUser.failedLoginAttempts = 0;
    if (cluster.trustAnchorCertificate === undefined && hsm.trustAnchorCertificate) {
      this.learnTrustAnchor(hsm.clusterId, hsm.trustAnchorCertificate);
    }
    return { kind: 'connected' };
  }

  private vpcFailure(ctx: CallContext, proxy: XksProxyConfig) {
    if (proxy.connectivity !== 'VPC_ENDPOINT_SERVICE' || !proxy.vpcEndpointServiceName) return undefined;
    const name = proxy.vpcEndpointServiceName;
    // A service nobody described exists and is fine (spec §8.13), but only in the Region its name says:
    // the defaults still go through the checks, so a name in another Region is not found.
    const service = this.services.get(name) ?? { serviceName: name };
    return vpcEndpointServiceFailure(resolveVpcEndpointService(service), proxy, ctx);
  }

  private resolvedCluster(clusterId: string): ResolvedCluster {
    return resolveCluster(this.clusters.get(clusterId) ?? { clusterId }, this.defaultRegion);
  }

  private resolvedProxy(uriEndpoint: string) {
    return resolveProxy(this.proxies.get(uriEndpoint) ?? { uriEndpoint });
  }

  private lineageOf(clusterId: string): string {
    return this.clusters.get(clusterId)?.backupLineage ?? clusterId;
  }

  /** A cluster whose trust anchor nobody described takes the first one it is shown (spec §8.13). */
  private learnTrustAnchor(clusterId: string, certificate: string): void {
    this.clusters.ensure(clusterId, () => ({ clusterId }), 'default').trustAnchorCertificate = certificate;
  }

  private add<T>(
    table: EntityTable<T>,
    spec: T,
    key: string,
    shape: Parameters<typeof checkRecord>[3],
    method: string,
  ): void {
    const issues = new SpecIssues();
    checkRecord(spec, '$', issues, shape);
    issues.throwIfAny(`fake.world.${method}()`);
    const origin = table.originOf(key);
    if (origin === 'seed' || origin === 'test') {
      throw new FakeKmsUsageError(
        `fake.world.${method}(): ${key} is already described. Change it with its handle's update() instead.`,
      );
    }
    table.set(structuredClone(spec), 'test');
  }
}

function requireFormat(value: string, pattern: RegExp, expected: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new FakeKmsUsageError(`"${String(value)}" is not ${expected}.`);
  }
}
