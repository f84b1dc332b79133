import { KmsError } from '../../errors/kms-error.js';

/** The errors KMS gives about keys, with AWS's wording where AWS publishes or shows it (docs/keys.md). */
export const keyErrors = {
  keyNotFound: (arn: string) => new KmsError('NotFoundException', `Key '${arn}' does not exist`),
  aliasNotFound: (aliasArn: string) => new KmsError('NotFoundException', `Alias ${aliasArn} is not found.`),
  invalidKeyId: (value: string) => new KmsError('NotFoundException', `Invalid keyId ${value}`),
  disabled: (arn: string) => new KmsError('DisabledException', `${arn} is disabled.`),
  pendingDeletion: (arn: string) => new KmsError('KMSInvalidStateException', `${arn} is pending deletion.`),
  unavailable: (arn: string) => new KmsError('KMSInvalidStateException', `${arn} is unavailable.`),
  notPendingDeletion: (arn: string) => new KmsError('KMSInvalidStateException', `${arn} is not pending deletion.`),
  invalidCiphertext: () =>
    new KmsError(
      'InvalidCiphertextException',
      'The ciphertext is not valid: it was changed, or it was encrypted under another key or another encryption context.',
    ),
  incorrectKey: () =>
    new KmsError(
      'IncorrectKeyException',
      'The key ID in the request does not identify a KMS key that can perform this operation.',
    ),
  unsupportedForCustomStore: (arn: string, operation: string) =>
    new KmsError(
      'UnsupportedOperationException',
      `${arn} is in a custom key store. ${operation} is not supported for KMS keys in custom key stores.`,
    ),
};
