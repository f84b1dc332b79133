/**
 * The backing world of the reference model, written from docs/behaviour.md ("The default world learns
 * facts on first use, then holds them"), not from fake-kms's source. Clusters and proxies are keyed by
 * id and endpoint across every account and Region, like the fake's world. Nothing here is described by a
 * test except through the world steps (relatedTo, changeKmsUserPassword).
 */
import type { ModelStore, XksConfig } from './model-store.js';

interface ModelCluster {
  owner?: string;
  anchor?: string;
  password?: string;
  lineage?: string;
  failedLogins: number;
  lockedOut: boolean;
}

interface ModelProxy {
  paths: string[];
  credentials: Array<{ AccessKeyId: string; secret: string }>;
}

/** How often each world rule decided an outcome; the property test checks the run exercised them all. */
export const WORLD_EVENTS = new Map<string, number>();
export const count = (event: string) => WORLD_EVENTS.set(event, (WORLD_EVENTS.get(event) ?? 0) + 1);

/** A KMS-only password: no request can carry it, as the rotated value is unknown to everyone else. */
let rotations = 0;

export class WorldModel {
  private clusters = new Map<string, ModelCluster>();
  private proxies = new Map<string, ModelProxy>();

  cluster(id: string): ModelCluster {
    let c = this.clusters.get(id);
    if (!c) {
      c = { failedLogins: 0, lockedOut: false };
      this.clusters.set(id, c);
    }
    return c;
  }

  lineage(id: string): string {
    return this.clusters.get(id)?.lineage ?? id;
  }

  related(a: string, b: string): boolean {
    return a === b || this.lineage(a) === this.lineage(b);
  }

  /** Create of a CloudHSM store: the error, or undefined after the cluster learned what it did not know. */
  create(account: string, clusterId: string, anchor: string, password: string): string | undefined {
    const c = this.cluster(clusterId);
    if (c.owner !== undefined && c.owner !== account) return 'CloudHsmClusterNotFoundException';
    if (!anchor.startsWith('-----BEGIN CERTIFICATE-----')) return 'IncorrectTrustAnchorException';
    if (c.anchor !== undefined && c.anchor !== anchor) return 'IncorrectTrustAnchorException';
    c.owner ??= account;
    c.anchor ??= anchor;
    c.password ??= password;
    return undefined;
  }

  /** Update of a CloudHSM store's cluster: only to a related cluster of the same owner. */
  switchCluster(account: string, store: NonNullable<ModelStore['hsm']>, to: string): string | undefined {
    const c = this.cluster(to);
    if (c.owner !== undefined && c.owner !== account) return 'CloudHsmClusterNotFoundException';
    if (!this.related(store.clusterId, to)) {
      count('cluster switch refused (unrelated)');
      return 'CloudHsmClusterNotRelatedException';
    }
    count('cluster switch');
    c.owner ??= account;
    c.anchor ??= store.trustAnchor;
    const previous = this.clusters.get(store.clusterId)?.password;
    if (c.password === undefined && previous !== undefined) c.password = previous;
    return undefined;
  }

  /** A connect attempt of a CloudHSM store: the failure code, or undefined once KMS rotated the password. */
  connectHsm(account: string, store: NonNullable<ModelStore['hsm']>): string | undefined {
    const c = this.cluster(store.clusterId);
    if (c.owner !== undefined && c.owner !== account) return 'CLUSTER_NOT_FOUND';
    c.owner ??= account;
    c.anchor ??= store.trustAnchor;
    if (c.lockedOut) return 'USER_LOCKED_OUT';
    if (c.password !== undefined && c.password !== store.password) {
      count('connect with a password the cluster does not have');
      c.failedLogins += 1;
      if (c.failedLogins >= 5) c.lockedOut = true;
      return 'INVALID_CREDENTIALS';
    }
    rotations += 1;
    c.password = `kms-only#${rotations}`;
    c.failedLogins = 0;
    store.password = c.password;
    return undefined;
  }

  /** Create of an XKS store teaches the proxy its path and credential. */
  teach(config: XksConfig): void {
    const p = this.proxies.get(config.UriEndpoint) ?? { paths: [], credentials: [] };
    this.proxies.set(config.UriEndpoint, p);
    if (!p.paths.includes(config.UriPath)) p.paths.push(config.UriPath);
    if (!p.credentials.some((c) => c.AccessKeyId === config.AccessKeyId && c.secret === config.secret)) {
      p.credentials.push({ AccessKeyId: config.AccessKeyId, secret: config.secret });
    }
  }

  /** The proxy's verdict on a call with `config`: which problem, if any (a proxy never seen takes all). */
  private proxyProblem(config: XksConfig): 'path' | 'credential' | undefined {
    const p = this.proxies.get(config.UriEndpoint);
    if (!p) return undefined;
    if (!p.paths.includes(config.UriPath)) return 'path';
    const known = p.credentials.some((c) => c.AccessKeyId === config.AccessKeyId && c.secret === config.secret);
    return known ? undefined : 'credential';
  }

  /** Update of proxy fields: the health check with the new values against what the proxy knows. */
  updateXks(config: XksConfig, changed: { path: boolean; credential: boolean }): string | undefined {
    const problem = this.proxyProblem(config);
    if (changed.path) count(problem === 'path' ? 'path update refused' : 'path update');
    if (changed.credential) count(problem === 'credential' ? 'credential update refused' : 'credential update');
    if (problem === 'path') return 'XksProxyInvalidConfigurationException';
    if (problem === 'credential') return 'XksProxyIncorrectAuthenticationCredentialException';
    if (!this.proxies.has(config.UriEndpoint)) this.teach(config);
    return undefined;
  }

  /** A call that is not a connect (a key check, a cryptographic operation): refused when the proxy refuses it. */
  xksRefuses(config: XksConfig): boolean {
    return this.proxyProblem(config) !== undefined;
  }

  connectXks(config: XksConfig): string | undefined {
    const problem = this.proxyProblem(config);
    if (problem === 'path') return 'XKS_PROXY_INVALID_CONFIGURATION';
    if (problem === 'credential') return 'INVALID_CREDENTIALS';
    if (!this.proxies.has(config.UriEndpoint)) this.teach(config);
    return undefined;
  }

  /** `fake.world.cluster(a).relatedTo(b)`. */
  relate(a: string, b: string): void {
    const other = this.clusters.get(b);
    const c = this.cluster(a);
    c.lineage = other?.lineage ?? b;
    if (c.anchor === undefined && other?.anchor !== undefined) c.anchor = other.anchor;
  }

  /** `fake.world.cluster(id).changeKmsUserPassword(password)`: also lifts a lock-out. */
  changePassword(id: string, password: string): void {
    const c = this.cluster(id);
    c.password = password;
    c.lockedOut = false;
    c.failedLogins = 0;
  }

  reset(): void {
    this.clusters.clear();
    this.proxies.clear();
  }
}
