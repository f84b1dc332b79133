import type { OperationHandler } from './common.js';
import { connectCustomKeyStore } from './connect-custom-key-store.js';
import { createCustomKeyStore } from './create-custom-key-store.js';
import { deleteCustomKeyStore } from './delete-custom-key-store.js';
import { describeCustomKeyStores } from './describe-custom-key-stores.js';
import { disconnectCustomKeyStore } from './disconnect-custom-key-store.js';
import { updateCustomKeyStore, updateInputForValidation } from './update-custom-key-store.js';

/** Every KMS operation fake-kms implements. */
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  CreateCustomKeyStore: createCustomKeyStore,
  DescribeCustomKeyStores: describeCustomKeyStores,
  ConnectCustomKeyStore: connectCustomKeyStore,
  DisconnectCustomKeyStore: disconnectCustomKeyStore,
  UpdateCustomKeyStore: updateCustomKeyStore,
  DeleteCustomKeyStore: deleteCustomKeyStore,
};

/** Per-operation rewrites of the request before model validation, where real KMS is laxer than its model. */
export const BEFORE_VALIDATION: Readonly<Record<string, (input: unknown) => unknown>> = {
  UpdateCustomKeyStore: updateInputForValidation,
};

export type { OperationHandler } from './common.js';
