import { sdkRetryClass } from '../adapters/sdk/retry.js';
import { defaultStatus } from '../errors/kms-error.js';
import { usage } from './arguments.js';
import { describeType } from './describe-type.js';
import { knownErrorCodes } from './vocabulary.js';

/** How many calls an injection fails: a count, or `'always'` (until `reset()`). */
export type InjectionTimes = number | 'always';

export interface FailNextOptions {
  /**
   * How many calls fail: a whole number (default 1) or `'always'` (until `reset()`). The SDK retries
   * throttling and transient errors (see the README's "The SDK's retries"): give `times` explicitly for
   * those, e.g. `times: 3` to fail every attempt of one call under the default `maxAttempts`.
   */
  times?: InjectionTimes;
  /** The error message. Default: a message in KMS's style for the code. */
  message?: string;
  /** HTTP status, 400–599. Default: 500 for KMSInternalException, 503 for DependencyTimeoutException, else 400. */
  httpStatus?: number;
}

export interface CheckedFailNext {
  operation: string;
  code: string;
  times: number;
  message: string;
  httpStatus: number;
}

const METHOD = 'fake.failNext(operation, code, options?)';

/** Check `failNext`'s arguments; refuse an injection that the SDK would silently retry away. */
export function checkFailNext(operation: unknown, code: unknown, options: unknown): CheckedFailNext {
  const args = usage(METHOD);
  const name = args.operation('operation', operation);
  // An SDK exception class names its code, as a command class names its operation.
  const codeName = typeof code === 'function' && code.prototype instanceof Error ? code.name : code;
  const errorCode = args.oneOf('code', codeName, knownErrorCodes());
  const o = args.object('options', options) ?? {};
  args.knownKeys('options', o, ['times', 'message', 'httpStatus']);
  const times =
    o.times === 'always'
      ? Number.POSITIVE_INFINITY
      : o.times === undefined
        ? 1
        : args.wholeNumber('options.times', o.times, 1);
  if (o.message !== undefined && typeof o.message !== 'string') {
    args.fail('options.message', `must be a string; got ${describeType(o.message)}.`);
  }
  const httpStatus =
    o.httpStatus === undefined
      ? defaultStatus(errorCode)
      : args.wholeNumber('options.httpStatus', o.httpStatus, 400, 599);
  const retryClass = sdkRetryClass(errorCode, httpStatus);
  if (retryClass && o.times === undefined) {
    args.fail(
      'options.times',
      `is needed for ${errorCode} (HTTP ${httpStatus}): the SDK treats it as a ${retryClass} error and retries it, so failing one call would be retried away and your code would see success. Say how many calls fail: { times: 3 } fails every attempt of one call under the SDK's default maxAttempts, { times: 'always' } fails until reset(), { times: 1 } tests that your code survives one retry.`,
    );
  }
  return {
    operation: name,
    code: errorCode,
    times,
    message: (o.message as string | undefined) ?? `fake-kms injected ${errorCode} for ${name}.`,
    httpStatus,
  };
}
