import type { KMS, KMSClient } from '@aws-sdk/client-kms';
import * as sdk from '@aws-sdk/client-kms';
import { CONNECTION_STATES } from '../engine/state-machine.js';
import type { ConnectionErrorCode, StoreType } from '../engine/types.js';
import { KMS_EXCEPTIONS } from '../model/kms-model.generated.js';
import { OPERATIONS } from '../operations/index.js';
import { CLOUDHSM_CONNECTION_ERROR_CODES, XKS_CONNECTION_ERROR_CODES } from '../world/spec/connection-error-codes.js';

type OperationMethod = Exclude<
  keyof KMS,
  keyof KMSClient | `paginate${string}` | `waitFor${string}` | `waitUntil${string}`
>;

/**
 * Every KMS operation name the installed `@aws-sdk/client-kms` knows, e.g. `'ConnectCustomKeyStore'`.
 * A misspelt name fails to compile; at run time the fake also refuses one it does not implement.
 */
export type KmsOperationName = Capitalize<OperationMethod>;

/** An SDK command class, e.g. `ConnectCustomKeyStoreCommand`: accepted wherever an operation is named. */
export type KmsCommandClass = abstract new (...args: never[]) => unknown;

/** An operation by name or by its SDK command class. */
export type KmsOperationRef = KmsOperationName | KmsCommandClass;

type SdkExports = typeof sdk;
/** The exception classes the installed SDK exports, by name (`'CustomKeyStoreNotFoundException'`, …). */
export type KmsExceptionName = Exclude<
  {
    [K in keyof SdkExports]: SdkExports[K] extends abstract new (
      ...args: never[]
    ) => sdk.KMSServiceException
      ? K
      : never;
  }[keyof SdkExports],
  'KMSServiceException'
>;

/** Errors every AWS JSON service can answer with, beside the service's own (they have no KMS class). */
export const COMMON_AWS_ERROR_CODES = [
  'AccessDeniedException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'ThrottlingException',
  'UnrecognizedClientException',
  'ValidationException',
] as const;
export type CommonAwsErrorCode = (typeof COMMON_AWS_ERROR_CODES)[number];

/** A code `fake.failNext()` can answer with: a KMS exception or a common AWS error, by name or SDK class. */
export type KmsErrorCode = KmsExceptionName | CommonAwsErrorCode | (abstract new (...args: never[]) => Error);

let errorCodes: readonly string[] | undefined;

/** Every error code the fake can put on the wire for an injection: the model's, the SDK's, the common ones. */
export function knownErrorCodes(): readonly string[] {
  errorCodes ??= [
    ...new Set([
      ...KMS_EXCEPTIONS,
      ...Object.entries(sdk)
        .filter(([, value]) => typeof value === 'function' && value.prototype instanceof sdk.KMSServiceException)
        .map(([name]) => name),
      ...COMMON_AWS_ERROR_CODES,
    ]),
  ].sort();
  return errorCodes;
}

/** The operations this fake answers (the live table, so new operation files count at once). */
export function implementedOperations(): string[] {
  return Object.keys(OPERATIONS);
}

export { CONNECTION_STATES };

/** The connection error codes a store of this type can have (spec §4). */
export function connectionErrorCodesOf(type: StoreType): readonly ConnectionErrorCode[] {
  return type === 'EXTERNAL_KEY_STORE' ? XKS_CONNECTION_ERROR_CODES : CLOUDHSM_CONNECTION_ERROR_CODES;
}
