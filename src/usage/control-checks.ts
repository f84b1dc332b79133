import type { ConnectionErrorCode, ConnectionState, StoreType } from '../engine/types.js';
import { ACCOUNT_ID } from '../world/spec/patterns.js';
import { usage } from './arguments.js';
import { describeType } from './describe-type.js';
import { CONNECTION_STATES, connectionErrorCodesOf } from './vocabulary.js';

/** A store id argument: a string (whether the store exists is the engine's question). */
export function checkStoreId(method: string, value: unknown, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value === 'string' && value.length > 0) return value;
  return usage(method).fail(
    'storeId',
    `must be a custom key store id such as "cks-1234567890abcdef0"${optional ? ' or left out' : ''}; got ${describeType(value)}.`,
  );
}

/** A connection error code that a store of `type` can have (an XKS code on a CloudHSM store is refused). */
export function checkConnectionErrorCode(
  method: string,
  argument: string,
  code: unknown,
  type: StoreType,
): ConnectionErrorCode {
  return usage(method).oneOf(argument, code, connectionErrorCodesOf(type), ` (the codes of ${type} stores)`);
}

/** A state, and an error code exactly when it is FAILED, of the store's type. */
export function checkStateChange(
  method: string,
  state: unknown,
  code: unknown,
  type: StoreType,
): { state: ConnectionState; code?: ConnectionErrorCode } {
  const args = usage(method);
  const checked = args.oneOf('state', state, CONNECTION_STATES);
  if (checked !== 'FAILED') {
    if (code !== undefined)
      args.fail('errorCode', `is only allowed with FAILED; got ${describeType(code)} with ${checked}.`);
    return { state: checked };
  }
  if (code === undefined)
    args.fail('errorCode', 'is required with FAILED: give the ConnectionErrorCode the store shows.');
  return { state: checked, code: checkConnectionErrorCode(method, 'errorCode', code, type) };
}

/** An account argument (`client({ account })`, `attach(c, { account })`): 12 digits, or left out. */
export function checkAccount(method: string, argument: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return usage(method).text(argument, value, ACCOUNT_ID, 'an AWS account id of 12 digits');
}

/** A KMSClient-like object: something with `send`, `config` and a middleware stack. */
export function checkClient(method: string, value: unknown): void {
  const c = value as { send?: unknown; config?: unknown; middlewareStack?: unknown } | null;
  if (typeof c === 'object' && c !== null && typeof c.send === 'function' && c.config && c.middlewareStack) return;
  usage(method).fail('client', `must be a KMSClient from @aws-sdk/client-kms; got ${describeType(value)}.`);
}
