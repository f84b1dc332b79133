import { ConnectionErrorCodeType, ConnectionStateType } from '@aws-sdk/client-kms';
import { KMS_EXCEPTIONS, KMS_OPERATIONS } from '../model/kms-model.generated.js';
import { describeType } from './describe-type.js';

/** Words of AWS's public vocabulary: states, connection error codes, operation and exception names. */
const PUBLIC_WORDS = new Set<string>([
  ...Object.values(ConnectionStateType),
  ...Object.values(ConnectionErrorCodeType),
  ...KMS_OPERATIONS,
  ...KMS_EXCEPTIONS,
]);

/**
 * A wrong value as a usage error may show it: as given when it is a word of AWS's vocabulary (an XKS code
 * given for a CloudHSM store), otherwise only by its type, since it may be a secret in the wrong place.
 *
 * @example
 * shownValue('XKS_PROXY_TIMED_OUT'); // '"XKS_PROXY_TIMED_OUT"'
 * shownValue('hunter2-pw');          // 'a string (10 characters)'
 */
export function shownValue(value: unknown): string {
  return typeof value === 'string' && PUBLIC_WORDS.has(value) ? JSON.stringify(value) : describeType(value);
}
