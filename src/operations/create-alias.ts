// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { type Input, type Output, str } from './common.js';
import { aliasTarget, requireCustomerAliasName } from './keys/alias-rules.js';
import { aliasArn } from './keys/key-arn.js';

export function createAlias(engine: Engine, ctx: CallContext, input: Input): Output {
  const name = str(input, 'AliasName') as string;
  requireCustomerAliasName(name);
  const key = aliasTarget(engine, ctx, str(input, 'TargetKeyId') as string);
  const arn = aliasArn(ctx, name);
  if (engine.keys.alias(ctx, name)) {
    throw new KmsError('AlreadyExistsException', `An alias with the name ${arn} already exists`);
  }
  const now = engine.clock();
  engine.keys.addAlias({
    name,
    account: ctx.account,
    region: ctx.region,
    targetKeyId: key.id,
    seq: engine.keys.takeSeq(),
    creationDate: now,
    lastUpdatedDate: now,
  });
  return {};
}
