import { KmsError } from '../errors/kms-error.js';
import type { ConnectionErrorCode } from './types.js';

interface FailureInjection {
  code: string;
  message: string;
  httpStatus: number;
  remaining: number;
}

/** Failures a test asked for directly, consumed as calls arrive; `reset()` clears them. */
export class Injections {
  private readonly operationFailures = new Map<string, FailureInjection[]>();
  private readonly connectFailures = new Map<string, ConnectionErrorCode[]>();

  failOperation(operation: string, failure: FailureInjection): void {
    const queue = this.operationFailures.get(operation) ?? [];
    queue.push(failure);
    this.operationFailures.set(operation, queue);
  }

  /** The injected error for this call of `operation`, if any is left. */
  takeFailure(operation: string): KmsError | undefined {
    const queue = this.operationFailures.get(operation);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return new KmsError(head.code, head.message, head.httpStatus);
  }

  failNextConnect(storeId: string, code: ConnectionErrorCode): void {
    const queue = this.connectFailures.get(storeId) ?? [];
    queue.push(code);
    this.connectFailures.set(storeId, queue);
  }

  takeConnectFailure(storeId: string): ConnectionErrorCode | undefined {
    return this.connectFailures.get(storeId)?.shift();
  }

  clear(): void {
    this.operationFailures.clear();
    this.connectFailures.clear();
  }
}
