import { KMS_OPERATIONS } from './kms-model.generated.js';

/**
 * Operations the current `@aws-sdk/client-kms` can send that the pinned API model predates. They are real
 * KMS operations, so a client that sends one hears "not implemented", not "unknown operation".
 */
const NEWER_THAN_MODEL = ['Decapsulate', 'Encapsulate'];

const names = new Set<string>([...KMS_OPERATIONS, ...NEWER_THAN_MODEL]);

/** True for every KMS operation, implemented by fake-kms or not. */
export function isKmsOperation(name: string): boolean {
  return names.has(name);
}
