import type { ProxyFacts } from './proxy-facts.js';
import type { ClusterSpec } from './spec/cluster-spec.js';
import type { ProxySpec } from './spec/proxy-spec.js';

/** Clusters as a description that seeds an equal world; the `kmsuser` password is a secret and stays out. */
export function snapshotClusters(clusters: readonly ClusterSpec[]): ClusterSpec[] {
  return clusters.map((c) => {
    const copy = structuredClone(c);
    if (copy.kmsUser) delete copy.kmsUser.password;
    return copy;
  });
}

/**
 * Proxies as a description: the described ones, plus what undescribed ones learned from the stores
 * created on them (paths, and credentials by access key id only: secret access keys stay out).
 */
export function snapshotProxies(proxies: readonly ProxySpec[], facts: ProxyFacts): ProxySpec[] {
  const described = new Set(proxies.map((p) => p.uriEndpoint));
  const learnedOnly = facts.all().flatMap(([uriEndpoint]) => (described.has(uriEndpoint) ? [] : [{ uriEndpoint }]));
  return [...proxies, ...learnedOnly].map((p) => {
    const copy: ProxySpec = structuredClone(p);
    const learned = facts.get(p.uriEndpoint);
    if (copy.uriPaths === undefined && learned) copy.uriPaths = [...learned.uriPaths];
    const credentials = copy.credentials ?? learned?.credentials;
    if (credentials) copy.credentials = credentials.map(({ accessKeyId }) => ({ accessKeyId }));
    return copy;
  });
}
