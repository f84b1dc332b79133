// https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html
import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { type Input, type Output, str } from './common.js';
import { aliasNotFound } from './keys/alias-rules.js';

export function deleteAlias(engine: Engine, ctx: CallContext, input: Input): Output {
  const name = str(input, 'AliasName') as string;
  const alias = engine.keys.alias(ctx, name);
  if (!alias) throw aliasNotFound(ctx, name);
  engine.keys.deleteAlias(alias);
  return {};
}
