import type { KeyState } from '@aws-sdk/client-kms';
import type { CallEntry, ConnectionErrorCode, ConnectionState, StoreSeed } from '../../index.js';
import type { KmsOperationRef } from '../../usage/vocabulary.js';

/** What the matchers read from a fake: its stores and its call journal. A `KmsFake` is one. */
export interface KmsFakeLike {
  stores(): StoreSeed[];
  calls(operation?: string): CallEntry[];
  /** Exact call count, including calls whose journal entries were dropped (`journalLimit`). */
  callCount?(operation?: string): number;
}

/** A KMS operation: its name (`'ConnectCustomKeyStore'`) or the SDK command class (`ConnectCustomKeyStoreCommand`). */
export type { KmsOperationRef };

/** The part of Vitest's and Jest's matcher `this` that the shared core uses. */
export interface MatcherContext {
  isNot?: boolean;
  /** The runner's deep equality, which understands asymmetric matchers such as `expect.any(String)`. */
  equals(a: unknown, b: unknown): boolean;
}

/** What every matcher returns, in the shape both runners accept. */
export interface MatcherResult {
  pass: boolean;
  message(): string;
  actual?: unknown;
  expected?: unknown;
}

/**
 * The fake-kms matchers, for `expect(fake)`. They read the fake directly (no Describe call), so
 * asserting never moves a store through CONNECTING/DISCONNECTING and never adds to the call journal.
 * A store is named by its id or, when unambiguous, by its name.
 *
 * @example
 * expect(kms).toHaveStoreState('payments-hsm', 'FAILED');
 * expect(kms).toHaveStoreErrorCode('payments-hsm', 'USER_LOCKED_OUT');
 * expect(kms).toHaveKeyState('alias/payroll', 'Unavailable');
 * expect(kms).toHaveReceivedKmsCall(ConnectCustomKeyStoreCommand, { CustomKeyStoreId: id });
 * expect(kms).toHaveReceivedKmsCallTimes('DisconnectCustomKeyStore', 1);
 */
export interface KmsFakeMatchers<R = unknown> {
  /** The store (id or name) is in this `ConnectionState`. */
  toHaveStoreState(store: string, state: ConnectionState): R;
  /** The store with this id has this `CustomKeyStoreName`. */
  toHaveStoreName(store: string, name: string): R;
  /** The store's `ConnectionErrorCode` is this code; `undefined` means it has none (it is not FAILED). */
  toHaveStoreErrorCode(store: string, code: ConnectionErrorCode | undefined): R;
  /** The KMS key (id, ARN, alias name or alias ARN) is in this `KeyState`, read without a DescribeKey call. */
  toHaveKeyState(key: string, state: KeyState): R;
  /** The fake received the operation at least once, with an input containing `input` (as `toMatchObject`). */
  toHaveReceivedKmsCall(operation: KmsOperationRef, input?: Record<string, unknown>): R;
  /** The fake received the operation exactly `times` times (only calls whose input contains `input`, if given). */
  toHaveReceivedKmsCallTimes(operation: KmsOperationRef, times: number, input?: Record<string, unknown>): R;
}
