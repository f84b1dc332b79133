import { keyArnOf, partitionOf } from '../../engine/keys/partition.js';
import type { CallContext } from '../../engine/types.js';

export function keyArn(ctx: CallContext, keyId: string): string {
  return keyArnOf(ctx.account, ctx.region, keyId);
}

export function aliasArn(ctx: CallContext, aliasName: string): string {
  return `arn:${partitionOf(ctx.region)}:kms:${ctx.region}:${ctx.account}:${aliasName}`;
}

export const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ARN = /^arn:aws(?:-cn|-us-gov)?:kms:([a-z0-9-]+):(\d{12}):(key\/.*|alias\/.*)$/;

export type KeyReference =
  | { kind: 'key-id'; keyId: string }
  | { kind: 'key-arn'; keyId: string; account: string; region: string }
  | { kind: 'alias'; aliasName: string }
  | { kind: 'alias-arn'; aliasName: string; account: string; region: string }
  | { kind: 'invalid' };

/** What a `KeyId` member names: a key id, a key ARN, an alias name or an alias ARN. */
export function parseKeyReference(value: string): KeyReference {
  if (value.startsWith('alias/')) return { kind: 'alias', aliasName: value };
  const arn = ARN.exec(value);
  if (arn) {
    const [, region, account, resource] = arn as unknown as [string, string, string, string];
    if (resource.startsWith('alias/')) return { kind: 'alias-arn', aliasName: resource, account, region };
    return { kind: 'key-arn', keyId: resource.slice('key/'.length), account, region };
  }
  if (KEY_ID.test(value)) return { kind: 'key-id', keyId: value };
  return { kind: 'invalid' };
}
