import type { ClusterSpec } from './cluster-spec.js';
import type { ProxySpec } from './proxy-spec.js';
import type { VpcEndpointServiceSpec } from './vpc-endpoint-service-spec.js';

/**
 * What a fake's backing world is seeded with: the entities you describe. Every cluster, proxy or VPC
 * endpoint service you do not describe exists and is healthy (spec §8.13). `reset()` returns to exactly this.
 *
 * @example
 * createKmsFake({
 *   clusters: [{ clusterId: 'cluster-abcdefghijk', kmsUser: { lockedOut: true } }],
 *   proxies: [{ uriEndpoint: 'https://xks.example.com', reachable: false }],
 * });
 */
export interface WorldSpec {
  clusters?: readonly ClusterSpec[];
  proxies?: readonly ProxySpec[];
  vpcEndpointServices?: readonly VpcEndpointServiceSpec[];
  /** The fake's default Region: names the Availability Zones of default HSMs and subnets. Default `us-east-1`. */
  region?: string;
}
