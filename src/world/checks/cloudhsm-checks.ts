import { X509Certificate } from 'node:crypto';
import type { CallContext, ConnectionErrorCode } from '../../engine/types.js';
import type { KmsError } from '../../errors/kms-error.js';
import { activeHsms, type ResolvedCluster, subnetZones } from '../resolve-cluster.js';
import { cloudHsmErrors } from './cloudhsm-errors.js';

/** CloudHSM locks a crypto user at the fifth failed login (KMS Developer Guide, "How to fix invalid kmsuser credentials"). */
export const KMSUSER_LOCKOUT_ATTEMPTS = 5;

/** Not found: deleted, in another Region than the caller's, or owned by another account. */
export function isClusterMissing(cluster: ResolvedCluster, ctx: CallContext): boolean {
  return (
    cluster.state === 'DELETED' ||
    (cluster.region !== undefined && cluster.region !== ctx.region) ||
    (cluster.account !== undefined && cluster.account !== ctx.account)
  );
}

/** The cluster must exist for Create and Update: an internal failure, or not found. */
export function existenceError(cluster: ResolvedCluster, ctx: CallContext): KmsError | undefined {
  if (cluster.internalFault) return cloudHsmErrors.internal();
  if (isClusterMissing(cluster, ctx)) return cloudHsmErrors.notFound(cluster.clusterId);
  return undefined;
}

/**
 * What CreateCustomKeyStore and UpdateCustomKeyStore require of a cluster that exists, in the order KMS
 * finds out: ACTIVE, private subnets in two zones, a correct security group, two active HSMs in two zones.
 */
export function readyClusterError(cluster: ResolvedCluster): KmsError | undefined {
  return activeClusterError(cluster) ?? networkConfigurationError(cluster) ?? hsmError(cluster);
}

/** The part of Connect that KMS checks before it accepts the request (spec §8.14): the store stays DISCONNECTED. */
export function connectRefusal(cluster: ResolvedCluster, ctx: CallContext): KmsError | undefined {
  if (isClusterMissing(cluster, ctx)) return undefined;
  return activeClusterError(cluster) ?? networkConfigurationError(cluster);
}

/**
 * How an accepted connect attempt ends, up to (not including) the `kmsuser` login: infrastructure first
 * (KMS creates a network interface in each subnet), then the HSMs it must log in to.
 */
export function infrastructureFailure(cluster: ResolvedCluster, ctx: CallContext): ConnectionErrorCode | undefined {
  if (cluster.internalFault) return 'INTERNAL_ERROR';
  if (isClusterMissing(cluster, ctx)) return 'CLUSTER_NOT_FOUND';
  if (cluster.networkFault) return 'NETWORK_ERRORS';
  if (cluster.subnets.some((s) => s.deleted)) return 'SUBNET_NOT_FOUND';
  if (cluster.subnets.some((s) => s.freeIpAddresses < 1)) return 'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET';
  if (activeHsms(cluster).count < 1) return 'INSUFFICIENT_CLOUDHSM_HSMS';
  return undefined;
}

export type LoginResult = { ok: true } | { ok: false; code: ConnectionErrorCode; failedAttempt?: boolean };

/** KMS logs in as `kmsuser` and rotates its password. A password nobody described or taught accepts the store's. */
export function kmsUserLogin(cluster: ResolvedCluster, storePassword: string): LoginResult {
  const user = cluster.kmsUser;
  if (!user.present) return { ok: false, code: 'USER_NOT_FOUND' };
  if (user.lockedOut) return { ok: false, code: 'USER_LOCKED_OUT' };
  if (user.loggedIn) return { ok: false, code: 'USER_LOGGED_IN' };
  if (user.password !== undefined && user.password !== storePassword) {
    return { ok: false, code: 'INVALID_CREDENTIALS', failedAttempt: true };
  }
  return { ok: true };
}

function activeClusterError(cluster: ResolvedCluster): KmsError | undefined {
  if (cluster.state !== 'ACTIVE') return cloudHsmErrors.notActive(cluster.clusterId, cluster.state);
  return undefined;
}

function networkConfigurationError(cluster: ResolvedCluster): KmsError | undefined {
  const zones = subnetZones(cluster);
  if (zones < 2) return cloudHsmErrors.subnetsInTooFewZones(cluster.clusterId, zones);
  if (!cluster.securityGroupValid) return cloudHsmErrors.securityGroup(cluster.clusterId);
  return undefined;
}

function hsmError(cluster: ResolvedCluster): KmsError | undefined {
  const { count, zones } = activeHsms(cluster);
  if (count < 2 || zones < 2) return cloudHsmErrors.tooFewHsms(cluster.clusterId, count, zones);
  return undefined;
}

/**
 * KMS compares the trust anchor with the cluster's `customerCA.crt`: a value that is not an X.509
 * certificate never matches, and a certificate must be the one the cluster has (or learns now).
 */
export function trustAnchorError(cluster: ResolvedCluster, certificate: string): KmsError | undefined {
  if (!isX509Certificate(certificate)) return cloudHsmErrors.trustAnchorNotACertificate(cluster.clusterId);
  if (cluster.trustAnchorCertificate === undefined) return undefined;
  if (sameCertificate(cluster.trustAnchorCertificate, certificate)) return undefined;
  return cloudHsmErrors.incorrectTrustAnchor(cluster.clusterId);
}

/** Parsed answers for the few certificates a suite uses, so each Create does not parse its PEM again. */
const x509Answers = new Map<string, boolean>();

function isX509Certificate(text: string): boolean {
  const known = x509Answers.get(text);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    new X509Certificate(text);
    answer = true;
  } catch {
    answer = false;
  }
  if (x509Answers.size >= 64) x509Answers.clear(); // bounded: a suite of random certificates stays small
  x509Answers.set(text, answer);
  return answer;
}

/**
 * Certificates compare by content: line breaks and surrounding spaces do not matter. The same text (the
 * usual case: a suite sends back the PEM it read) is equal without stripping two copies of it.
 */
export function sameCertificate(a: string, b: string): boolean {
  return a === b || a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
