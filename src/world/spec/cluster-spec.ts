/** Cluster states as AWS CloudHSM names them (`DescribeClusters` → `State`). Only `ACTIVE` can back a key store. */
export const CLUSTER_STATES = [
  'CREATE_IN_PROGRESS',
  'UNINITIALIZED',
  'INITIALIZE_IN_PROGRESS',
  'INITIALIZED',
  'ACTIVE',
  'UPDATE_IN_PROGRESS',
  'MODIFY_IN_PROGRESS',
  'ROLLBACK_IN_PROGRESS',
  'DELETE_IN_PROGRESS',
  'DELETED',
  'DEGRADED',
] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number];

/** HSM states as AWS CloudHSM names them. Only `ACTIVE` HSMs count. */
export const HSM_STATES = ['CREATE_IN_PROGRESS', 'ACTIVE', 'DEGRADED', 'DELETE_IN_PROGRESS', 'DELETED'] as const;
export type HsmState = (typeof HSM_STATES)[number];

/** One HSM of a cluster. */
export interface HsmSpec {
  /** e.g. `hsm-ab2cde3fgh4`. Optional; only shown back to you. */
  hsmId?: string;
  /** e.g. `us-east-1a`. */
  availabilityZone: string;
  /** Default `ACTIVE`. */
  state?: HsmState;
}

/** One private subnet of the cluster's VPC (KMS puts one network interface in each when it connects). */
export interface SubnetSpec {
  /** e.g. `subnet-0123456789abcdef0`. */
  subnetId: string;
  availabilityZone: string;
  /** Free IP addresses left. KMS needs one per subnet to connect. Default 11. */
  freeIpAddresses?: number;
  /** The subnet was deleted from the VPC (connect fails with `SUBNET_NOT_FOUND`). Default false. */
  deleted?: boolean;
}

/** The `kmsuser` crypto user that KMS logs in as. */
export interface KmsUserSpec {
  /** Whether the cluster has a `kmsuser` at all. Default true. */
  present?: boolean;
  /**
   * Its current password. Leave it out and the cluster learns the password of the first store created on
   * it; from then on UpdateCustomKeyStore only tells KMS a password, and a successful connect rotates it to
   * a value only KMS knows (docs/behaviour.md). Secret: left out of snapshots.
   */
  password?: string;
  /** Locked after too many failed logins (CloudHSM locks it at the fifth). Default false. */
  lockedOut?: boolean;
  /** Someone is logged in as `kmsuser`, so KMS cannot rotate its password. Default false. */
  loggedIn?: boolean;
  /** Failed logins so far; at 5 the user is locked out. Default 0. */
  failedLoginAttempts?: number;
}

/**
 * An AWS CloudHSM cluster as the fake's world describes it. Everything left out takes its healthy default:
 * ACTIVE, two ACTIVE HSMs in two Availability Zones, a subnet per zone with free addresses, a correct
 * security group, a `kmsuser` whose password is the first store's, and the first trust anchor presented.
 *
 * @example
 * const degraded: ClusterSpec = { clusterId: 'cluster-abcdefghijk', state: 'DEGRADED' };
 */
export interface ClusterSpec {
  /** `cluster-` + 11–16 characters, e.g. `cluster-abcdefghijk`. */
  clusterId: string;
  /** The Region the cluster lives in; from any other Region it is not found. Default: every Region. */
  region?: string;
  /**
   * The AWS account that owns the cluster; from any other account it is not found. Default: the first
   * account that uses it (CreateCustomKeyStore, or the first connect of a store given in the options).
   */
  account?: string;
  /** Default `ACTIVE`. `DELETED` means not found. */
  state?: ClusterState;
  /** Default: two ACTIVE HSMs, in the Region's zones `a` and `b`. `[]` means no HSMs at all. */
  hsms?: HsmSpec[];
  /** Default: one subnet in each zone `a` and `b` (and in every zone that holds an HSM). */
  subnets?: SubnetSpec[];
  /** The cluster security group allows TCP 2223–2225 to and from itself. Default true. */
  securityGroupValid?: boolean;
  /** The customer CA certificate (PEM) that signed the cluster certificate. Default: the first one presented. */
  trustAnchorCertificate?: string;
  /**
   * Clusters with the same backup lineage share a backup history (and cluster certificate): they are
   * "related". CreateCustomKeyStore treats related clusters as one (CloudHsmClusterInUseException) and
   * UpdateCustomKeyStore may only switch a store to a related cluster (CloudHsmClusterNotRelatedException).
   * Left out, the cluster is its own lineage: related to no other cluster. `fake.world.cluster(id).relatedTo(other)`
   * or the fixtures' `cluster.relatedTo(other)` make it related.
   */
  backupLineage?: string;
  /** Default: present, password learned from the first store, not locked out, not logged in. */
  kmsUser?: KmsUserSpec;
  /** Network problems between KMS and the cluster: connect fails with `NETWORK_ERRORS`. Default false. */
  networkFault?: boolean;
  /** KMS fails internally when it works with this cluster: `KMSInternalException` / `INTERNAL_ERROR`. Default false. */
  internalFault?: boolean;
}
