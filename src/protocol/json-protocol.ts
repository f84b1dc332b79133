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

/**
 * How deep a request body may nest. Jackson, which reads requests in front of AWS services, refuses deeper
 * documents by default; everything behind the codec (validation, the journal's redaction) may then recurse.
 */
export const MAX_NESTING_DEPTH = 1000;

/** The request body as a JSON object; anything else is a `SerializationException` (spec §8.4). */
export function decodeBody(body: string): unknown {
  if (body.trim() === '') return {};
  if (mayNestDeeperThan(body, MAX_NESTING_DEPTH) && nestingDepth(body) > MAX_NESTING_DEPTH) {
    throw new KmsError(
      'SerializationException',
      `Could not parse the request body: it is nested deeper than ${MAX_NESTING_DEPTH} levels.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch {
    throw new KmsError('SerializationException', 'Could not parse the request body: it is not valid JSON.');
  }
  if (value === null) throw new KmsError('SerializationException', 'The request body must be a JSON object, not null.');
  return value;
}

/**
 * False when `text` has too few brackets to nest `limit` deep: a native `indexOf` hop per bracket, so an
 * ordinary request (a few brackets, maybe a 4 KB trust anchor) skips the character-by-character scan.
 */
function mayNestDeeperThan(text: string, limit: number): boolean {
  let brackets = 0;
  for (const open of ['{', '[']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) {
      brackets += 1;
      if (brackets > limit) return true;
    }
  }
  return false;
}

/** The deepest nesting of arrays and objects in JSON text, strings skipped (no parse, no recursion). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character; a quote ends the string.
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return deepest;
}

/**
 * awsJson1_1 output as the wire wants it: timestamps are epoch seconds with a millisecond fraction (spec §1).
 * Every `Date` inside `output` is replaced by that number in place, so `JSON.stringify` stays on its native
 * path: no replacer, no `toJSON` call per timestamp. The caller hands over an object it no longer needs.
 *
 * @example
 * encodeOutput({ CreationDate: new Date(1_700_000_000_123) }); // '{"CreationDate":1700000000.123}'
 */
export function encodeOutput(output: Record<string, unknown>): string {
  datesToSeconds(output);
  return JSON.stringify(output);
}

/** One member value as awsJson1_1 text: strings escaped, timestamps as epoch seconds, structures recursively. */
export function encodeValue(value: unknown): string {
  if (value instanceof Date) return String(value.getTime() / 1000);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    datesToSeconds(copy);
    return JSON.stringify(copy);
  }
  return JSON.stringify(value);
}

function datesToSeconds(value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item instanceof Date) value[i] = item.getTime() / 1000;
      else if (item !== null && typeof item === 'object') datesToSeconds(item);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (item instanceof Date) record[key] = item.getTime() / 1000;
    else if (item !== null && typeof item === 'object') datesToSeconds(item);
  }
}

export function encodeError(error: KmsError): string {
  return JSON.stringify({ __type: error.code, message: error.message });
}
