import type { Engine } from '../../engine/engine.js';
import type { KeyRecord } from '../../engine/keys/key-types.js';
import type { CallContext } from '../../engine/types.js';
import { FakeKmsUsageError, isKmsError } from '../../errors/kms-error.js';
import { resolveKey } from './resolve-key.js';

/**
 * The key a test names (key id, key ARN, alias name or alias ARN), for control methods and matchers. A name that
 * matches nothing is misuse of the fake: a `FakeKmsUsageError`, never a KMS error.
 */
export function findKeyForTest(engine: Engine, ctx: CallContext, keyIdOrAlias: string): KeyRecord {
  if (typeof keyIdOrAlias !== 'string') {
    throw new FakeKmsUsageError(
      `keyState(keyIdOrAlias): keyIdOrAlias must be a key id, key ARN, alias name or alias ARN; got a value of type ${typeof keyIdOrAlias}.`,
    );
  }
  try {
    return resolveKey(engine, ctx, keyIdOrAlias, { aliases: true });
  } catch (error) {
    if (!isKmsError(error)) throw error;
    const known = engine.keys.size;
    throw new FakeKmsUsageError(
      `fake-kms has no KMS key "${keyIdOrAlias}" in ${ctx.account}/${ctx.region} (${known} key(s) in the fake). Name a key by its id, key ARN, alias name or alias ARN.`,
    );
  }
}
