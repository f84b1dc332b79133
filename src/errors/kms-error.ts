/**
 * A KMS wire error: what real KMS sends back as `{"__type": code, "message": ...}` with an HTTP status.
 * The SDK turns it into its own exception class (or a generic `KMSServiceException` whose `name` is the code).
 * Never use it for misuse of the fake itself: that is {@link FakeKmsUsageError}.
 */
export class KmsError extends Error {
  override readonly name = 'KmsError';
  /** The wire `__type`: the bare error shape name, e.g. `CustomKeyStoreNotFoundException`. */
  readonly code: string;
  /** HTTP status on the wire (spec §8.12: 400 for client errors, 500 internal, 503 dependency timeout). */
  readonly httpStatus: number;

  constructor(code: string, message: string, httpStatus: number = defaultStatus(code)) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

export function defaultStatus(code: string): number {
  if (code === 'KMSInternalException') return 500;
  if (code === 'DependencyTimeoutException') return 503;
  return 400;
}

export function isKmsError(value: unknown): value is KmsError {
  return (
    value instanceof KmsError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'KmsError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/**
 * Thrown directly (never encoded on the wire) when the fake itself is misused: a bad option, a seed
 * that conflicts with itself, an unknown store id given to an injection helper. The message says what to do.
 */
export class FakeKmsUsageError extends Error {
  override readonly name = 'FakeKmsUsageError';
}

export function isFakeKmsUsageError(value: unknown): value is FakeKmsUsageError {
  return (
    value instanceof FakeKmsUsageError ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'FakeKmsUsageError')
  );
}
