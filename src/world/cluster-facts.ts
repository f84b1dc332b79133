import type { EntityTable } from './entity-table.js';
import type { ClusterSpec } from './spec/cluster-spec.js';
import { recurringHex } from './stable-hash.js';

/** Facts a request shows about a cluster: the caller's account, the trust anchor, the `kmsuser` password. */
export interface ClusterFacts {
  account?: string;
  trustAnchorCertificate?: string;
  kmsUserPassword?: string;
}

/**
 * A cluster learns each fact the first time a request shows it and then holds it (docs/behaviour.md,
 * "The default world learns"): a described value is never overwritten, and neither is a learned one.
 */
export function learnCluster(table: EntityTable<ClusterSpec>, clusterId: string, facts: ClusterFacts): ClusterSpec {
  const spec = table.ensure(clusterId, () => ({ clusterId }), 'default');
  if (spec.account === undefined && facts.account !== undefined) spec.account = facts.account;
  if (spec.trustAnchorCertificate === undefined && facts.trustAnchorCertificate) {
    spec.trustAnchorCertificate = facts.trustAnchorCertificate;
  }
  if (facts.kmsUserPassword !== undefined && spec.kmsUser?.password === undefined) {
    spec.kmsUser = { ...spec.kmsUser, password: facts.kmsUserPassword };
  }
  return spec;
}

/**
 * KMS "changes the kmsuser password to a value that only it knows" when it connects (KMS Developer Guide,
 * CloudHSM key stores). The value is derived, so runs repeat, and 32 characters long, as long as the
 * longest KeyStorePassword a request can carry.
 */
export function rotatedPassword(clusterId: string, rotation: number): string {
  // The cluster's part is the same on every Connect (remembered); the rotation count makes each one new.
  return `${recurringHex(`kmsuser-rotation/${clusterId}`, 24)}${(rotation >>> 0).toString(16).padStart(8, '0')}`;
}
