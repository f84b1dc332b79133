/**
 * Which KMS keys' key material was deleted from a CloudHSM cluster by hand (in AWS CloudHSM, the `kmsuser`'s
 * key labelled with the KMS key id). Every other KMS key of a CloudHSM store has its key material in the
 * cluster; `reset()` restores them all.
 */
export class ClusterKeyTable {
  private deleted = new Set<string>();

  delete(clusterId: string, kmsKeyId: string): void {
    this.deleted.add(`${clusterId} ${kmsKeyId}`);
  }

  isDeleted(clusterId: string, kmsKeyId: string): boolean {
    return this.deleted.has(`${clusterId} ${kmsKeyId}`);
  }

  reset(): void {
    this.deleted = new Set();
  }
}
