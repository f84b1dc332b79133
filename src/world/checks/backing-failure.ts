import type { ConnectionErrorCode } from '../../engine/types.js';
import type { KmsError } from '../../errors/kms-error.js';

/**
 * One problem of the backing world, seen two ways: the `ConnectionErrorCode` a connect attempt ends with,
 * and the exception CreateCustomKeyStore / UpdateCustomKeyStore throw (absent where the problem cannot
 * show there, such as proxy authorization, which the health check is not subject to).
 */
export interface BackingFailure {
  code: ConnectionErrorCode;
  error?: KmsError;
}
