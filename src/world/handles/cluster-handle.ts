import { FakeKmsUsageError } from '../../errors/kms-error.js';
import { hideInternals, INSPECT, inspectAs } from '../../usage/redacted-view.js';
import type { EntityTable } from '../entity-table.js';
import type { ClusterKeyTable } from '../keys/cluster-key-table.js';
import { type ResolvedCluster, resolveCluster } from '../resolve-cluster.js';
import type { ClusterSpec, ClusterState, HsmState, KmsUserSpec } from '../spec/cluster-spec.js';
import { CLUSTER_ID } from '../spec/patterns.js';
import { CLUSTER_SHAPE } from '../spec/validate-world-spec.js';
import { assignChanges, checkChanges } from './apply-changes.js';

/** Everything of a cluster but its id; `kmsUser` fields merge into the current ones. */
export type ClusterChanges = Partial<Omit<ClusterSpec, 'clusterId' | 'kmsUser'>> & { kmsUser?: KmsUserSpec };

/** @internal What a handle needs from its world. */
export interface ClusterAccess {
  table: EntityTable<ClusterSpec>;
  defaultRegion: string;
  clusterKeys?: ClusterKeyTable;
}

/**
 * A live view of one CloudHSM cluster in `fake.world`. Changes apply at once: the next Create, Update or
 * Connect sees them. A store that is already CONNECTED stays CONNECTED (spec §4: no spontaneous transitions).
 *
 * @example
 * fake.world.cluster('cluster-abcdefghijk').lockOutKmsUser();
 * fake.world.cluster('cluster-abcdefghijk').update({ state: 'DEGRADED' });
 */
export class ClusterHandle {
  constructor(
    readonly clusterId: string,
    private readonly access: ClusterAccess,
  ) {
    hideInternals(this, ['access']);
  }

  /**
   * Someone deletes the key material of this KMS key from the cluster. As on AWS the KMS key keeps its state;
   * cryptographic operations with it fail (`KMSInvalidStateException`).
   */
  deleteKeyMaterial(kmsKeyId: string): this {
    this.access.clusterKeys?.delete(this.clusterId, kmsKeyId);
    return this;
  }

  /**
   * The cluster as the world sees it now, every default filled in. The `kmsuser` password is left out: it
   * is a secret, and after a connect a value only KMS knows.
   */
  describe(): ResolvedCluster {
    const cluster = structuredClone(
      resolveCluster(this.access.table.get(this.clusterId) ?? { clusterId: this.clusterId }, this.access.defaultRegion),
    );
    delete cluster.kmsUser.password;
    return cluster;
  }

  toJSON(): { clusterId: string } {
    return { clusterId: this.clusterId };
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('ClusterHandle', this.toJSON(), options, inspect);
  }

  /** Change any of the cluster's properties; `undefined` puts one back to its default. */
  update(changes: ClusterChanges): this {
    checkChanges(changes, CLUSTER_SHAPE, 'clusterId', `fake.world.cluster("${this.clusterId}").update()`);
    const { kmsUser, ...rest } = changes;
    // Through edit(): the table indexes clusters by backup lineage, which `rest` may change.
    this.access.table.edit(
      this.clusterId,
      () => ({ clusterId: this.clusterId }),
      'test',
      (spec) => {
        assignChanges(spec, rest);
        if (kmsUser) {
          spec.kmsUser = { ...spec.kmsUser };
          assignChanges(spec.kmsUser, kmsUser);
        }
      },
    );
    return this;
  }

  /** Set the cluster state, e.g. `'DEGRADED'` or `'UNINITIALIZED'`. */
  setState(state: ClusterState): this {
    return this.update({ state });
  }

  /** Delete the cluster: from now on KMS cannot find it. */
  delete(): this {
    return this.update({ state: 'DELETED' });
  }

  /** Add an HSM in `availabilityZone` (ACTIVE unless told otherwise). */
  addHsm(availabilityZone: string, state: HsmState = 'ACTIVE'): this {
    const hsms = this.describe().hsms.map(({ hsmId, availabilityZone: zone, state: s }) => ({
      hsmId,
      availabilityZone: zone,
      state: s,
    }));
    return this.update({ hsms: [...hsms, { availabilityZone, state }] });
  }

  /** Delete every HSM of the cluster. */
  removeAllHsms(): this {
    return this.update({ hsms: [] });
  }

  /** Delete one of the cluster's subnets (the first one unless named). */
  deleteSubnet(subnetId?: string): this {
    return this.changeSubnet(subnetId, { deleted: true });
  }

  /** Use up every free IP address of one subnet (the first one unless named). */
  exhaustSubnet(subnetId?: string): this {
    return this.changeSubnet(subnetId, { freeIpAddresses: 0 });
  }

  /** Remove the rules for TCP 2223–2225 from the cluster's security group. */
  breakSecurityGroup(): this {
    return this.update({ securityGroupValid: false });
  }

  /** Delete the `kmsuser` crypto user. */
  removeKmsUser(): this {
    return this.update({ kmsUser: { present: false } });
  }

  /** Create `kmsuser` (again). Without a password it learns the password of the next store that logs in. */
  createKmsUser(password?: string): this {
    return this.update({
      kmsUser: { present: true, password, lockedOut: false, loggedIn: false, failedLoginAttempts: 0 },
    });
  }

  /** Lock `kmsuser` out, as CloudHSM does after five failed logins. */
  lockOutKmsUser(): this {
    return this.update({ kmsUser: { lockedOut: true } });
  }

  /** Log in as `kmsuser` (for example with cloudhsm_mgmt_util), which keeps KMS from rotating its password. */
  logInKmsUser(): this {
    return this.update({ kmsUser: { loggedIn: true } });
  }

  logOutKmsUser(): this {
    return this.update({ kmsUser: { loggedIn: false } });
  }

  /**
   * Change the `kmsuser` password in the cluster (CloudHSM `changePswd`), which also lifts a lock-out.
   * KMS does not learn it: update the store's `KeyStorePassword` to match before connecting. This is the
   * only way the cluster's password changes besides KMS's own rotation on connect.
   */
  changeKmsUserPassword(password: string): this {
    return this.update({ kmsUser: { password, lockedOut: false, failedLoginAttempts: 0 } });
  }

  /**
   * This cluster was made from a backup of `otherClusterId` (or shares its backup lineage): the two are
   * related, so a store can move between them with UpdateCustomKeyStore. It takes the other's trust anchor
   * unless it has one. The fixtures' `cluster.relatedTo(other)` does the same for a described cluster.
   *
   * @example
   * fake.world.cluster('cluster-restoredcopy').relatedTo('cluster-abcdefghijk');
   */
  relatedTo(otherClusterId: string): this {
    if (typeof otherClusterId !== 'string' || !CLUSTER_ID.test(otherClusterId)) {
      throw new FakeKmsUsageError(
        `fake.world.cluster("${this.clusterId}").relatedTo(): "${String(otherClusterId)}" is not a cluster id such as cluster-abcdefghijk.`,
      );
    }
    const other = this.access.table.get(otherClusterId);
    const changes: ClusterChanges = { backupLineage: other?.backupLineage ?? otherClusterId };
    const anchor = other?.trustAnchorCertificate;
    if (anchor !== undefined && this.describe().trustAnchorCertificate === undefined) {
      changes.trustAnchorCertificate = anchor;
    }
    return this.update(changes);
  }

  private changeSubnet(subnetId: string | undefined, change: { deleted?: boolean; freeIpAddresses?: number }): this {
    const subnets = this.describe().subnets;
    const target = subnetId ?? subnets[0]?.subnetId;
    if (!subnets.some((s) => s.subnetId === target)) {
      throw new FakeKmsUsageError(
        `Cluster ${this.clusterId} has no subnet "${String(subnetId)}". Its subnets: ${subnets.map((s) => s.subnetId).join(', ') || '(none)'}.`,
      );
    }
    return this.update({ subnets: subnets.map((s) => (s.subnetId === target ? { ...s, ...change } : s)) });
  }
}
