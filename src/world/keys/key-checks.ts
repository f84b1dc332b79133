import type { StoreRecord } from '../../engine/types.js';
import { KmsError } from '../../errors/kms-error.js';
import { cloudHsmErrors } from '../checks/cloudhsm-errors.js';
import type { FakeWorld } from '../fake-world.js';
import { activeHsms } from '../resolve-cluster.js';
import type { ResolvedExternalKey } from './external-key-table.js';

/**
 * What the backing world says when KMS creates a key in a custom key store (spec §6): a CloudHSM cluster
 * needs two active HSMs in two zones; an XKS proxy must answer, and its external key must exist and be an
 * enabled AES-256 key that encrypts and decrypts. The external key is learned by the world on first use.
 */
export function checkKeyCreation(world: FakeWorld, store: StoreRecord, xksKeyId: string | undefined): void {
  if (store.cloudHsm) {
    const cluster = world.cluster(store.cloudHsm.clusterId).describe();
    const { count, zones } = activeHsms(cluster);
    if (count < 2 || zones < 2) throw cloudHsmErrors.tooFewHsms(cluster.clusterId, count, zones);
    return;
  }
  if (!store.xks || xksKeyId === undefined) return;
  const failure = world.xksCallFailure(store);
  if (failure) {
    throw new KmsError(
      'CustomKeyStoreInvalidStateException',
      `The external key store proxy for custom key store '${store.id}' could not verify the external key (${failure.code}). Fix the proxy, then retry.`,
    );
  }
  const key = world.externalKeys.resolve(store.xks.uriEndpoint, xksKeyId);
  const problem = externalKeyProblem(key);
  if (problem) throw problem;
  world.externalKeys.learn(store.xks.uriEndpoint, xksKeyId);
}

function externalKeyProblem(key: ResolvedExternalKey): KmsError | undefined {
  if (key.deleted) {
    return new KmsError(
      'XksKeyNotFoundException',
      'The external key store proxy rejected the request because it could not find the external key.',
    );
  }
  const invalid = (message: string) => new KmsError('XksKeyInvalidConfigurationException', message);
  if (key.keySpec !== 'AES_256') {
    return invalid(
      `The key spec of the external key must be AES_256. The key spec of specified external key is ${key.keySpec}.`,
    );
  }
  if (!key.keyUsage.includes('ENCRYPT') || !key.keyUsage.includes('DECRYPT')) {
    return invalid(
      `The key usage of the external key must include ENCRYPT and DECRYPT. The key usage of specified external key is ${key.keyUsage.join(', ')}.`,
    );
  }
  if (key.status !== 'ENABLED') {
    return invalid(
      `The status of the external key must be ENABLED. The status of specified external key is ${key.status}.`,
    );
  }
  return undefined;
}

/**
 * Why a cryptographic operation with a key in a CONNECTED custom key store fails in the backing world, as
 * `KMSInvalidStateException` (spec §6: world changes never change the KMS key's state).
 */
export function cryptoFailure(
  world: FakeWorld,
  store: StoreRecord,
  key: { id: string; xksKeyId?: string },
): KmsError | undefined {
  const xksKeyId = key.xksKeyId;
  const fail = (message: string) => new KmsError('KMSInvalidStateException', message);
  if (store.cloudHsm) {
    const cluster = world.cluster(store.cloudHsm.clusterId).describe();
    if (cluster.state === 'DELETED' || activeHsms(cluster).count < 1) {
      return fail(
        `The AWS CloudHSM cluster ${cluster.clusterId} associated with custom key store '${store.id}' has no active HSMs, so KMS cannot use the key material of this KMS key.`,
      );
    }
    if (world.clusterKeys.isDeleted(cluster.clusterId, key.id)) {
      return fail(
        `The key material of KMS key ${key.id} was not found in the AWS CloudHSM cluster ${cluster.clusterId} associated with custom key store '${store.id}'.`,
      );
    }
    return undefined;
  }
  if (!store.xks || xksKeyId === undefined) return undefined;
  const failure = world.xksCallFailure(store);
  if (failure) {
    return fail(
      `KMS cannot reach the external key store proxy of custom key store '${store.id}' (${failure.code}), so it cannot use the external key.`,
    );
  }
  const external = world.externalKeys.resolve(store.xks.uriEndpoint, xksKeyId);
  if (external.deleted) {
    return fail('The external key store proxy rejected the request because it could not find the external key.');
  }
  if (external.status !== 'ENABLED') {
    return fail('The external key store proxy rejected the request because the external key is disabled.');
  }
  return undefined;
}
