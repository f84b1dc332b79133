import type { Engine } from '../../engine/engine.js';
import { keyState } from '../../engine/keys/key-state.js';
import type { KeyRecord, KeyState } from '../../engine/keys/key-types.js';
import type { Output } from '../common.js';

/** The key's state now: derived from the key and its store (`key-state.ts`). */
export function stateOf(engine: Engine, key: KeyRecord): KeyState {
  const store = key.storeId === undefined ? undefined : engine.registry.findById(key.storeId);
  if (store) engine.transitions.settleIfDue(store);
  return keyState(key, store);
}

/** `KeyMetadata` as DescribeKey, CreateKey and friends return it (spec §6). */
export function keyMetadata(engine: Engine, key: KeyRecord): Output {
  const state = stateOf(engine, key);
  const meta: Output = {
    AWSAccountId: key.account,
    KeyId: key.id,
    Arn: key.arn,
    CreationDate: new Date(key.creationDate),
    Enabled: state === 'Enabled',
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: state,
  };
  if (key.deletionDate !== undefined) meta.DeletionDate = new Date(key.deletionDate);
  meta.Origin = key.origin;
  if (key.storeId !== undefined) meta.CustomKeyStoreId = key.storeId;
  if (key.cloudHsmClusterId !== undefined) meta.CloudHsmClusterId = key.cloudHsmClusterId;
  meta.KeyManager = 'CUSTOMER';
  meta.CustomerMasterKeySpec = 'SYMMETRIC_DEFAULT';
  meta.KeySpec = 'SYMMETRIC_DEFAULT';
  meta.EncryptionAlgorithms = ['SYMMETRIC_DEFAULT'];
  meta.MultiRegion = false;
  if (key.xksKeyId !== undefined) meta.XksKeyConfiguration = { Id: key.xksKeyId };
  return meta;
}
