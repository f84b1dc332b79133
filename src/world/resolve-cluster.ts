import type { ClusterSpec, ClusterState, HsmState } from './spec/cluster-spec.js';
import { recurringHex } from './stable-hash.js';

export interface ResolvedHsm {
  hsmId: string;
  availabilityZone: string;
  state: HsmState;
}

export interface ResolvedSubnet {
  subnetId: string;
  availabilityZone: string;
  freeIpAddresses: number;
  deleted: boolean;
}

export interface ResolvedKmsUser {
  present: boolean;
  password?: string;
  lockedOut: boolean;
  loggedIn: boolean;
  failedLoginAttempts: number;
}

/** A cluster with every default filled in: what the checks look at, and what `describe()` shows. */
export interface ResolvedCluster {
  clusterId: string;
  region?: string;
  /** The account that owns the cluster; undefined until a request shows it. */
  account?: string;
  state: ClusterState;
  hsms: ResolvedHsm[];
  subnets: ResolvedSubnet[];
  securityGroupValid: boolean;
  trustAnchorCertificate?: string;
  backupLineage: string;
  kmsUser: ResolvedKmsUser;
  networkFault: boolean;
  internalFault: boolean;
}

/** A /28 subnet, as CloudHSM's guide suggests, has 11 usable addresses. */
export const DEFAULT_FREE_IP_ADDRESSES = 11;

/** Fill in the healthy defaults of spec §8.13. `defaultRegion` names the zones of default HSMs and subnets. */
export function resolveCluster(spec: ClusterSpec, defaultRegion: string): ResolvedCluster {
  const region = spec.region ?? defaultRegion;
  const healthy = spec.hsms === undefined ? healthyDefaults(spec.clusterId, region) : undefined;
  const hsms = (spec.hsms ?? (healthy as HealthyDefaults).hsms).map((h, i) => ({
    hsmId: h.hsmId ?? defaultHsmId(spec.clusterId, i),
    availabilityZone: h.availabilityZone,
    state: h.state ?? 'ACTIVE',
  }));
  const subnets = (spec.subnets ?? healthy?.subnets ?? defaultSubnets(spec.clusterId, region, hsms)).map((s) => ({
    subnetId: s.subnetId,
    availabilityZone: s.availabilityZone,
    freeIpAddresses: s.freeIpAddresses ?? DEFAULT_FREE_IP_ADDRESSES,
    deleted: s.deleted ?? false,
  }));
  const user = spec.kmsUser ?? {};
  const kmsUser: ResolvedKmsUser = {
    present: user.present ?? true,
    lockedOut: user.lockedOut ?? false,
    loggedIn: user.loggedIn ?? false,
    failedLoginAttempts: user.failedLoginAttempts ?? 0,
  };
  if (user.password !== undefined) kmsUser.password = user.password;
  const resolved: ResolvedCluster = {
    clusterId: spec.clusterId,
    state: spec.state ?? 'ACTIVE',
    hsms,
    subnets,
    securityGroupValid: spec.securityGroupValid ?? true,
    backupLineage: spec.backupLineage ?? spec.clusterId,
    kmsUser,
    networkFault: spec.networkFault ?? false,
    internalFault: spec.internalFault ?? false,
  };
  if (spec.region !== undefined) resolved.region = spec.region;
  if (spec.account !== undefined) resolved.account = spec.account;
  if (spec.trustAnchorCertificate !== undefined) resolved.trustAnchorCertificate = spec.trustAnchorCertificate;
  return resolved;
}

interface HealthyDefaults {
  region: string;
  hsms: readonly ResolvedHsm[];
  subnets: readonly ResolvedSubnet[];
}

/**
 * The default HSMs and subnets of a cluster nobody described (or described without HSMs), made once per cluster:
 * the checks resolve the cluster on every Create, Update and Connect. Callers copy what they take. Bounded, like
 * the ids' memo, so a suite of many clusters does not grow it without end.
 */
function healthyDefaults(clusterId: string, region: string): HealthyDefaults {
  const known = healthy.get(clusterId);
  if (known !== undefined && known.region === region) return known;
  const hsms = defaultHsms(clusterId, region);
  const made = { region, hsms, subnets: defaultSubnets(clusterId, region, hsms) };
  if (healthy.size >= HEALTHY_LIMIT) healthy.clear();
  healthy.set(clusterId, made);
  return made;
}
const healthy = new Map<string, HealthyDefaults>();
const HEALTHY_LIMIT = 1_024;

function defaultHsms(clusterId: string, region: string): ResolvedHsm[] {
  return ['a', 'b'].map((zone, i) => ({
    hsmId: defaultHsmId(clusterId, i),
    availabilityZone: `${region}${zone}`,
    state: 'ACTIVE',
  }));
}

function defaultHsmId(clusterId: string, index: number): string {
  return `hsm-${recurringHex(`${clusterId}/hsm/${index}`, 11)}`;
}

/** A subnet in zones `a` and `b`, plus one in every other zone that holds an HSM. */
function defaultSubnets(clusterId: string, region: string, hsms: readonly ResolvedHsm[]): ResolvedSubnet[] {
  const zones = [...new Set([`${region}a`, `${region}b`, ...hsms.map((h) => h.availabilityZone)])];
  return zones.map((zone) => ({
    subnetId: `subnet-${recurringHex(`${clusterId}/subnet/${zone}`, 17)}`,
    availabilityZone: zone,
    freeIpAddresses: DEFAULT_FREE_IP_ADDRESSES,
    deleted: false,
  }));
}

/** Active HSMs and the number of distinct zones they are in. */
export function activeHsms(cluster: ResolvedCluster): { count: number; zones: number } {
  const active = cluster.hsms.filter((h) => h.state === 'ACTIVE');
  return { count: active.length, zones: new Set(active.map((h) => h.availabilityZone)).size };
}

/** Zones of the cluster's configured subnets (deleted ones still count: they are in the configuration). */
export function subnetZones(cluster: ResolvedCluster): number {
  return new Set(cluster.subnets.map((s) => s.availabilityZone)).size;
}
