import { KMS_OPERATIONS } from './kms-model.generated.js';

const names = new Set<string>(KMS_OPERATIONS);

/** True for every operation in the KMS API model, implemented by fake-kms or not. */
export function isKmsOperation(name: string): boolean {
  return names.has(name);
}
