import type { CallContext, StoreRecord, XksProxyConfig } from '../engine/types.js';
import { INSPECT, inspectAs } from '../usage/redacted-view.js';
import { addEntity, requireFormat } from './add-entity.js';
import type { BackingFailure } from './checks/backing-failure.js';
import {
  connectRefusal,
  existenceError,
  infrastructureFailure,
  KMSUSER_LOCKOUT_ATTEMPTS,
  kmsUserLogin,
  readyClusterError,
  trustAnchorError,
} from './checks/cloudhsm-checks.js';
import { cloudHsmErrors } from './checks/cloudhsm-errors.js';
import { proxyFailure, vpcEndpointServiceFailure } from './checks/xks-checks.js';
import { learnCluster, rotatedPassword } from './cluster-facts.js';
import { EntityTable } from './entity-table.js';
import { ClusterHandle } from './handles/cluster-handle.js';
import { ProxyHandle } from './handles/proxy-handle.js';
import { VpcEndpointServiceHandle } from './handles/vpc-endpoint-service-handle.js';
import { ClusterKeyTable } from './keys/cluster-key-table.js';
import { ExternalKeyTable } from './keys/external-key-table.js';
import { ProxyFacts } from './proxy-facts.js';
import { type ResolvedCluster, resolveCluster } from './resolve-cluster.js';
import { type ResolvedProxy, resolveProxy, resolveVpcEndpointService } from './resolve-proxy.js';
import type { ClusterSpec } from './spec/cluster-spec.js';
import { CLUSTER_ID, VPC_ENDPOINT_SERVICE_NAME, XKS_URI_ENDPOINT } from './spec/patterns.js';
import type { ProxySpec } from './spec/proxy-spec.js';
import {
  CLUSTER_SHAPE,
  PROXY_SHAPE,
  VPC_ENDPOINT_SERVICE_SHAPE,
  validateWorldSpec,
} from './spec/validate-world-spec.js';
import type { VpcEndpointServiceSpec } from './spec/vpc-endpoint-service-spec.js';
import type { WorldSpec } from './spec/world-spec.js';
import type { BackingWorld, ConnectOutcome } from './types.js';
import { snapshotClusters, snapshotProxies } from './world-snapshot.js';

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
  private readonly proxyFacts = new ProxyFacts();
  private rotations = 0;

  constructor(spec: WorldSpec = {}) {
    validateWorldSpec(spec, 'The world description given to createKmsFake()');
    const seed = structuredClone({
      clusters: spec.clusters ?? [],
      proxies: (spec.proxies ?? []).map((p) => ({ ...p })),
      services: spec.vpcEndpointServices ?? [],
    });
    this.clusters = new EntityTable(
      seed.clusters,
      (c) => c.clusterId,
      (c) => c.backupLineage,
    );
    this.proxies = new EntityTable(seed.proxies, (p) => p.uriEndpoint);
    this.services = new EntityTable(seed.services, (s) => s.serviceName);
    this.defaultRegion = spec.region ?? 'us-east-1';
  }

  // ---- what the operations ask -------------------------------------------------------------------

  /**
   * The password is not checked at creation (a wrong one shows on Connect as INVALID_CREDENTIALS, spec §3.1),
   * but a cluster that knows no password learns this one, with the caller's account and the trust anchor.
   */
  checkCloudHsmCreate(
    ctx: CallContext,
    clusterId: string,
    trustAnchorCertificate: string,
    keyStorePassword: string,
  ): void {
    const cluster = this.resolvedCluster(clusterId);
    const error =
      existenceError(cluster, ctx) ?? readyClusterError(cluster) ?? trustAnchorError(cluster, trustAnchorCertificate);
    if (error) throw error;
    learnCluster(this.clusters, clusterId, {
      account: ctx.account,
      trustAnchorCertificate,
      kmsUserPassword: keyStorePassword,
    });
  }

  /**
   * Only a cluster that shares the store's cluster's backup lineage is related; one nobody described is
   * related to no other (`fake.world.cluster(id).relatedTo(other)` says otherwise). A related cluster was
   * made from the same backups, so it learns the trust anchor and `kmsuser` password of the store's.
   */
  checkCloudHsmUpdate(ctx: CallContext, store: StoreRecord, newClusterId: string): void {
    const cluster = this.resolvedCluster(newClusterId);
    const current = store.cloudHsm?.clusterId ?? '';
    const error =
      existenceError(cluster, ctx) ??
      (this.clustersRelated(ctx, current, newClusterId)
        ? undefined
        : cloudHsmErrors.notRelated(newClusterId, current)) ??
      readyClusterError(cluster);
    if (error) throw error;
    const facts: Parameters<typeof learnCluster>[2] = { account: ctx.account };
    const anchor = store.cloudHsm?.trustAnchorCertificate;
    if (anchor) facts.trustAnchorCertificate = anchor;
    const password = this.clusters.get(current)?.kmsUser?.password;
    if (password !== undefined) facts.kmsUserPassword = password;
    learnCluster(this.clusters, newClusterId, facts);
  }

  clustersRelated(_ctx: CallContext, a: string, b: string): boolean {
    return a === b || this.lineageOf(a) === this.lineageOf(b);
  }

  relatedClusterIds(_ctx: CallContext, clusterId: string): Iterable<string> {
    const lineage = this.lineageOf(clusterId);
    const ids = new Set([clusterId, lineage]);
    // Described clusters that name the lineage, from the table's index (an undescribed cluster's lineage is
    // its own id, already in the set).
    for (const id of this.clusters.inGroup(lineage)) ids.add(id);
    return ids;
  }

  checkCloudHsmConnect(ctx: CallContext, store: StoreRecord): void {
    if (!store.cloudHsm) return;
    const refusal = connectRefusal(this.resolvedCluster(store.cloudHsm.clusterId), ctx);
    if (refusal) throw refusal;
  }

  /**
   * Create teaches the proxy the store's path and credential (unless described lists say what it accepts);
   * Update only tells KMS: its health check must pass against what the proxy already knows.
   */
  checkXksProxy(ctx: CallContext, proxy: XksProxyConfig, phase: 'create' | 'update'): void {
    const creating = phase === 'create';
    const failure =
      this.vpcFailure(ctx, proxy) ??
      // A VPC store's proxy is first contacted on Connect; a public one is health-checked on Create too.
      (creating && proxy.connectivity === 'VPC_ENDPOINT_SERVICE'
        ? undefined
        : proxyFailure(this.resolvedProxy(proxy.uriEndpoint, !creating), proxy, 'health-check'));
    if (failure?.error) throw failure.error;
    if (creating || !this.proxyFacts.get(proxy.uriEndpoint)) this.proxyFacts.learn(proxy);
  }

  connectOutcome(ctx: CallContext, store: StoreRecord): ConnectOutcome {
    if (store.cloudHsm) return this.connectCloudHsm(ctx, store.cloudHsm);
    if (store.xks) {
      const failure =
        this.vpcFailure(ctx, store.xks) ??
        proxyFailure(this.resolvedProxy(store.xks.uriEndpoint, true), store.xks, 'connect');
      if (failure) return { kind: 'failed', code: failure.code };
      // A store given in the options teaches its proxy on its first connect.
      if (!this.proxyFacts.get(store.xks.uriEndpoint)) this.proxyFacts.learn(store.xks);
    }
    return { kind: 'connected' };
  }

  /** How a call to the store's proxy (a key check, a cryptographic operation) fails now, if it does. */
  xksCallFailure(store: StoreRecord): BackingFailure | undefined {
    if (!store.xks) return undefined;
    return proxyFailure(this.resolvedProxy(store.xks.uriEndpoint, true), store.xks, 'connect');
  }

  /** Back to exactly the seeded world: every change and everything the world learned is dropped. */
  reset(): void {
    this.clusters.reset();
    this.proxies.reset();
    this.services.reset();
    this.externalKeys.reset();
    this.clusterKeys.reset();
    this.proxyFacts.reset();
    this.rotations = 0;
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

  /** The proxy at this URI endpoint: `https://` and the host, exactly as the store's `XksProxyUriEndpoint`. */
  proxy(uriEndpoint: string): ProxyHandle {
    requireFormat(uriEndpoint, XKS_URI_ENDPOINT, 'an XKS proxy URI endpoint such as https://xks.example.com');
    return new ProxyHandle(uriEndpoint, {
      table: this.proxies,
      resolve: (learned) => this.resolvedProxy(uriEndpoint, learned),
      externalKeys: this.externalKeys,
    });
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
    addEntity(this.clusters, spec, 'clusterId', CLUSTER_SHAPE, 'addCluster');
    return this.cluster(spec.clusterId);
  }

  addProxy(spec: ProxySpec): ProxyHandle {
    addEntity(this.proxies, spec, 'uriEndpoint', PROXY_SHAPE, 'addProxy');
    return this.proxy(spec.uriEndpoint);
  }

  addVpcEndpointService(spec: VpcEndpointServiceSpec): VpcEndpointServiceHandle {
    addEntity(this.services, spec, 'serviceName', VPC_ENDPOINT_SERVICE_SHAPE, 'addVpcEndpointService');
    return this.vpcEndpointService(spec.serviceName);
  }

  /** The world as it is now, as a description that seeds an equal world. Secrets are left out (spec §8.18). */
  snapshot(): Required<Omit<WorldSpec, 'region'>> {
    return {
      clusters: snapshotClusters(this.clusters.all()),
      proxies: snapshotProxies(this.proxies.all(), this.proxyFacts),
      vpcEndpointServices: structuredClone(this.services.all()),
    };
  }

  /** A short summary for logs and test-runner diffs: what is described, never a secret. */
  toJSON(): Record<string, unknown> {
    return {
      clusters: this.clusters.all().map((c) => c.clusterId),
      proxies: this.proxies.all().map((p) => p.uriEndpoint),
      vpcEndpointServices: this.services.all().map((s) => s.serviceName),
    };
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('FakeWorld', this.toJSON(), options, inspect);
  }

  // ---- internals ---------------------------------------------------------------------------------

  private connectCloudHsm(ctx: CallContext, hsm: NonNullable<StoreRecord['cloudHsm']>): ConnectOutcome {
    const cluster = this.resolvedCluster(hsm.clusterId);
    const infrastructure = infrastructureFailure(cluster, ctx);
    if (infrastructure) return { kind: 'failed', code: infrastructure };
    const login = kmsUserLogin(cluster, hsm.keyStorePassword);
    const spec = learnCluster(this.clusters, hsm.clusterId, {
      account: ctx.account,
      trustAnchorCertificate: hsm.trustAnchorCertificate,
    });
    if (!login.ok) {
      if (login.failedAttempt) {
        const attempts = cluster.kmsUser.failedLoginAttempts + 1;
        spec.kmsUser = { ...spec.kmsUser, failedLoginAttempts: attempts };
        if (attempts >= KMSUSER_LOCKOUT_ATTEMPTS) spec.kmsUser.lockedOut = true;
      }
      return { kind: 'failed', code: login.code };
    }
    // KMS logs in, then rotates the password to one only it knows and keeps using that one.
    this.rotations += 1;
    const rotated = rotatedPassword(hsm.clusterId, this.rotations);
    spec.kmsUser = { ...spec.kmsUser, password: rotated, failedLoginAttempts: 0 };
    return { kind: 'connected', keyStorePassword: rotated };
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

  /** The proxy with its defaults, and (with `learned`) what it learned wherever nobody described it. */
  private resolvedProxy(uriEndpoint: string, learned: boolean): ResolvedProxy {
    const proxy = resolveProxy(this.proxies.get(uriEndpoint) ?? { uriEndpoint });
    const facts = learned ? this.proxyFacts.get(uriEndpoint) : undefined;
    if (facts) {
      proxy.uriPaths ??= [...facts.uriPaths];
      proxy.credentials ??= facts.credentials.map((c) => ({ ...c }));
    }
    return proxy;
  }

  private lineageOf(clusterId: string): string {
    return this.clusters.get(clusterId)?.backupLineage ?? clusterId;
  }
}
