import { KmsError } from '../errors/kms-error.js';

export const TARGET_PREFIX = 'TrentService.';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** The operation a request names, from its `X-Amz-Target` header. */
export function operationFromTarget(target: string | undefined, isKmsOperation: (name: string) => boolean): string {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  if (name === undefined || !isKmsOperation(name)) {
    throw new KmsError('UnknownOperationException', `The operation ${String(target ?? '')} is not a KMS operation.`);
  }
  return name;
}

/** The request body as a JSON object; anything else is a `SerializationException` (spec §8.4). */
export function decodeBody(body: string): unknown {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch {
    throw new KmsError('SerializationException', 'Could not parse the request body: it is not valid JSON.');
  }
  if (value === null) throw new KmsError('SerializationException', 'The request body must be a JSON object, not null.');
  return value;
}

/** awsJson1_1: timestamps go out as epoch seconds with a millisecond fraction (spec §1). */
export function encodeOutput(output: Record<string, unknown>): string {
  return JSON.stringify(output, function (this: Record<string, unknown>, key: string, value: unknown) {
    // JSON.stringify has already called Date#toJSON on `value`; the holder still has the Date itself.
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
}

export function encodeError(error: KmsError): string {
  return JSON.stringify({ __type: error.code, message: error.message });
}
