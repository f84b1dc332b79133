import { cancelKeyDeletion } from './cancel-key-deletion.js';
import type { OperationHandler, OperationTable } from './common.js';
import { connectCustomKeyStore } from './connect-custom-key-store.js';
import { createAlias } from './create-alias.js';
import { createCustomKeyStore } from './create-custom-key-store.js';
import { createKey } from './create-key.js';
import { CUSTOM_STORE_UNSUPPORTED } from './custom-store-unsupported.js';
import { decrypt } from './decrypt.js';
import { deleteAlias } from './delete-alias.js';
import { deleteCustomKeyStore } from './delete-custom-key-store.js';
import { describeCustomKeyStores } from './describe-custom-key-stores.js';
import { describeKey } from './describe-key.js';
import { disableKey } from './disable-key.js';
import { disconnectCustomKeyStore } from './disconnect-custom-key-store.js';
import { enableKey } from './enable-key.js';
import { encrypt } from './encrypt.js';
import { generateDataKey } from './generate-data-key.js';
import { generateDataKeyWithoutPlaintext } from './generate-data-key-without-plaintext.js';
import { generateRandom } from './generate-random.js';
import { listAliases } from './list-aliases.js';
import { listKeys } from './list-keys.js';
import { listResourceTags } from './list-resource-tags.js';
import { reEncrypt } from './re-encrypt.js';
import { scheduleKeyDeletion } from './schedule-key-deletion.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateAlias } from './update-alias.js';
import { updateCustomKeyStore, updateInputForValidation } from './update-custom-key-store.js';
import { updateKeyDescription } from './update-key-description.js';

/** Every KMS operation fake-kms implements: a new operation is one file plus one entry here. */
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  CreateCustomKeyStore: createCustomKeyStore,
  DescribeCustomKeyStores: describeCustomKeyStores,
  ConnectCustomKeyStore: connectCustomKeyStore,
  DisconnectCustomKeyStore: disconnectCustomKeyStore,
  UpdateCustomKeyStore: updateCustomKeyStore,
  DeleteCustomKeyStore: deleteCustomKeyStore,
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  Encrypt: encrypt,
  Decrypt: decrypt,
  ReEncrypt: reEncrypt,
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  GenerateRandom: generateRandom,
  CreateAlias: createAlias,
  DeleteAlias: deleteAlias,
  UpdateAlias: updateAlias,
  ListAliases: listAliases,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
  UpdateKeyDescription: updateKeyDescription,
  ...CUSTOM_STORE_UNSUPPORTED,
};

/** Per-operation rewrites of the request before model validation, where real KMS is laxer than its model. */
export const BEFORE_VALIDATION: Readonly<Record<string, (input: unknown) => unknown>> = {
  UpdateCustomKeyStore: updateInputForValidation,
};

/** The table the engine is given. */
export const OPERATION_TABLE: OperationTable = { handlers: OPERATIONS, beforeValidation: BEFORE_VALIDATION };

export type { OperationHandler, OperationTable } from './common.js';
