import type { Engine } from '../../engine/engine.js';
import type { KeyRecord } from '../../engine/keys/key-types.js';
import type { CallContext } from '../../engine/types.js';
import { KmsError } from '../../errors/kms-error.js';
import { aliasArn } from './key-arn.js';
import { keyErrors } from './key-errors.js';
import { resolveKey } from './resolve-key.js';

/** Customer alias names: `alias/` and a name, never the `alias/aws/` prefix AWS keeps for AWS managed keys. */
export function requireCustomerAliasName(name: string): void {
  if (!name.startsWith('alias/') || name.length === 'alias/'.length) {
    throw new KmsError('InvalidAliasNameException', `Alias name ${name} must begin with alias/ followed by a name.`);
  }
  if (name.startsWith('alias/aws/')) {
    throw new KmsError(
      'InvalidAliasNameException',
      `Alias name ${name} must not begin with alias/aws/, which is reserved for AWS managed keys.`,
    );
  }
}

/** The key an alias may point to: named by key id or key ARN (not an alias), and not pending deletion. */
export function aliasTarget(engine: Engine, ctx: CallContext, targetKeyId: string): KeyRecord {
  const key = resolveKey(engine, ctx, targetKeyId, { aliases: false });
  if (key.deletionDate !== undefined) throw keyErrors.pendingDeletion(key.arn);
  return key;
}

export function aliasNotFound(ctx: CallContext, name: string): KmsError {
  return keyErrors.aliasNotFound(aliasArn(ctx, name));
}
