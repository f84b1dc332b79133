import type { KMSClient } from '@aws-sdk/client-kms';

/**
 * Which errors the SDK's standard retry strategy retries, mirrored from `@smithy` service-error
 * classification: the throttling class (note `LimitExceededException`, which KMS also uses for quotas)
 * and the transient class (HTTP 500, 502, 503, 504 and time-outs). Everything else is tried once.
 */
export const SDK_THROTTLING_ERROR_CODES = [
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
] as const;
export const SDK_TRANSIENT_ERROR_CODES = ['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'] as const;
export const SDK_TRANSIENT_STATUS_CODES = [500, 502, 503, 504] as const;

/** How the SDK classifies an error it receives: `'throttling'` and `'transient'` are retried. */
export function sdkRetryClass(code: string, httpStatus: number): 'throttling' | 'transient' | undefined {
  if (httpStatus === 429 || (SDK_THROTTLING_ERROR_CODES as readonly string[]).includes(code)) return 'throttling';
  if ((SDK_TRANSIENT_ERROR_CODES as readonly string[]).includes(code)) return 'transient';
  if ((SDK_TRANSIENT_STATUS_CODES as readonly number[]).includes(httpStatus)) return 'transient';
  return undefined;
}

/** The retry-token quota of the SDK's standard strategy (2026 values): a client stops retrying when it runs dry. */
const INITIAL_CAPACITY = 500;
const THROTTLING_COST = 5;
const OTHER_COST = 14;
const SUCCESS_REFUND = 1;

interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
  getRetryCost(): number | undefined;
}

/**
 * The SDK's standard retry decisions without the waiting. The SDK's own middleware still classifies
 * every error and counts attempts against the client's `maxAttempts`; this strategy answers "retry"
 * exactly when the standard strategy would (throttling or transient, attempts left, quota left) but with
 * no delay, so a test pays nothing for a retry and never waits on a timer that fake timers have frozen.
 */
export class InstantRetryStrategy {
  readonly mode = 'standard';
  private capacity = INITIAL_CAPACITY;

  constructor(private readonly maxAttempts: () => Promise<number>) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return FIRST_ATTEMPT;
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: { errorType: string }): Promise<RetryToken> {
    const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
    const cost = info.errorType === 'THROTTLING' ? THROTTLING_COST : OTHER_COST;
    const attempts = previous.getRetryCount() + 1;
    if (!retryable || attempts >= (await this.maxAttempts()) || this.capacity < cost) {
      throw new Error('No retry token available');
    }
    this.capacity -= cost;
    return new Token(attempts, cost);
  }

  recordSuccess(previous: RetryToken): void {
    this.capacity = Math.min(INITIAL_CAPACITY, this.capacity + (previous.getRetryCost() ?? SUCCESS_REFUND));
  }
}

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly cost: number | undefined,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return 0;
  }
  getRetryCost(): number | undefined {
    return this.cost;
  }
}
/** Every call starts with the same token (nothing in it changes), so the common case allocates none. */
const FIRST_ATTEMPT: RetryToken = new Token(0, undefined);

type RetryConfig = { retryStrategy?: unknown; maxAttempts?: unknown };

/**
 * The instant strategy for a client, reading the client's own `maxAttempts` (option, AWS_MAX_ATTEMPTS or
 * config file) when it first needs it. Given to a client at construction it costs nothing per call;
 * swapped into a built client's configuration (attach, install) it works the same, a little slower.
 */
export function instantRetriesFor(client: () => KMSClient): InstantRetryStrategy {
  return new InstantRetryStrategy(async () => {
    const given = (client().config as unknown as RetryConfig).maxAttempts;
    const value = typeof given === 'function' ? await (given as () => Promise<number>)() : given;
    return typeof value === 'number' && value > 0 ? value : 3;
  });
}

/**
 * Give a client the instant retry strategy, keeping its `maxAttempts`; returns the undo. The SDK reads
 * `config.retryStrategy` at every call, so this works for clients the user built too.
 */
export function useInstantRetries(client: KMSClient): () => void {
  const config = client.config as unknown as RetryConfig;
  const previous = config.retryStrategy;
  const strategy = instantRetriesFor(() => client);
  config.retryStrategy = async () => strategy;
  return () => {
    config.retryStrategy = previous;
  };
}
