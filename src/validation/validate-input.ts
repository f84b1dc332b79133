import { KmsError } from '../errors/kms-error.js';
import type { ModelShape } from '../model/model-types.js';
import { matchesJavaPattern } from './java-pattern.js';
import { assertJsonTypes, base64ByteLength } from './json-types.js';
import { enumMessageOrder, lowerCamel, RULES, validationMessage, violationEntry } from './messages.js';
import { inputShapeName, isJsonObject, shapeNamed } from './model-lookup.js';

/**
 * Checks a request body against its operation's input shape in the KMS model, as the Coral framework in front of
 * real KMS does before the service sees the request:
 *
 * 1. JSON types (a string for `Limit`, an object for a string, a body that is not an object, ...) →
 *    `SerializationException` for the first offender (see `json-types.ts`).
 * 2. Constraints (required, length, pattern, enum, range) → one `ValidationException` listing every violation,
 *    in model member order, depth first, with lowerCamelCase paths (`xksProxyAuthenticationCredential.accessKeyId`,
 *    `tags.1.member.tagKey`). Several broken rules of one value are all listed: length, then pattern, then enum
 *    (real AWS messages show both orders for length and pattern; length first is the more common one).
 *    Values of sensitive shapes are never printed.
 *
 * Unknown members are ignored and a `null` member counts as absent. `undefined` stands for no body and is an empty
 * request; a body of JSON `null` is not an object and is refused like any other non-object body.
 *
 * @example
 * validateInput('DescribeCustomKeyStores', { Limit: 0 });
 * // throws KmsError ValidationException: "1 validation error detected: Value '0' at 'limit' failed to satisfy
 * // constraint: Member must have value greater than or equal to 1"
 */
export function validateInput(operation: string, input: unknown): void {
  const shapeName = inputShapeName(operation);
  const body = input === undefined ? {} : input;
  assertJsonTypes(shapeName, body);
  const entries: string[] = [];
  checkMembers(shapeNamed(shapeName), body as Record<string, unknown>, '', false, entries);
  if (entries.length > 0) throw new KmsError('ValidationException', validationMessage(entries));
}

function checkMembers(
  shape: ModelShape,
  value: Record<string, unknown>,
  prefix: string,
  sensitive: boolean,
  out: string[],
): void {
  for (const row of memberRows(shape)) {
    const memberValue = Object.hasOwn(value, row.member) ? value[row.member] : undefined;
    const path = prefix === '' ? row.wirePath : `${prefix}.${row.wirePath}`;
    if (memberValue === undefined || memberValue === null) {
      if (row.required) out.push(violationEntry(path, null, RULES.required()));
      continue;
    }
    checkValue(row.shape, memberValue, path, sensitive, out);
  }
}

interface MemberRow {
  member: string;
  shape: string;
  /** The member as validation messages name it (`keyStorePassword`). */
  wirePath: string;
  required: boolean;
}
const memberTables = new Map<ModelShape, readonly MemberRow[]>();

/** A structure's members in model order, worked out once per shape instead of on every request. */
function memberRows(shape: ModelShape): readonly MemberRow[] {
  let rows = memberTables.get(shape);
  if (rows === undefined) {
    rows = Object.entries(shape.members ?? {}).map(([member, memberShape]) => ({
      member,
      shape: memberShape,
      wirePath: lowerCamel(member),
      required: shape.required?.includes(member) === true,
    }));
    memberTables.set(shape, rows);
  }
  return rows;
}

function checkValue(shapeName: string, value: unknown, path: string, inheritedSensitive: boolean, out: string[]): void {
  const shape = shapeNamed(shapeName);
  const sensitive = inheritedSensitive || shape.sensitive === true;
  const report = (rule: string) => out.push(violationEntry(path, sensitive ? undefined : printed(shape, value), rule));

  switch (shape.type) {
    case 'string':
    case 'blob':
    case 'list':
    case 'map': {
      const length = lengthOf(shape, value);
      if (shape.min !== undefined && length < shape.min) report(RULES.min(shape.min));
      if (shape.max !== undefined && length > shape.max) report(RULES.max(shape.max));
      break;
    }
    case 'integer':
    case 'long': {
      const n = value as number;
      if (shape.min !== undefined && n < shape.min) report(RULES['range-min'](shape.min));
      if (shape.max !== undefined && n > shape.max) report(RULES['range-max'](shape.max));
      break;
    }
  }
  if (shape.type === 'string') {
    const text = value as string;
    if (shape.pattern !== undefined && !matchesJavaPattern(shape.pattern, text)) report(RULES.pattern(shape.pattern));
    if (shape.enum !== undefined && !shape.enum.includes(text)) {
      report(RULES.enum(enumMessageOrder(shapeName, shape.enum)));
    }
  }

  if (shape.type === 'structure') {
    checkMembers(shape, value as Record<string, unknown>, path, sensitive, out);
  } else if (shape.type === 'list') {
    (value as unknown[]).forEach((item, i) => {
      if (item === null || item === undefined) return;
      checkValue(shape.member as string, item, `${path}.${i + 1}.member`, sensitive, out);
    });
  } else if (shape.type === 'map') {
    // No map of the KMS model constrains its values; the path form for one is a guess.
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== null && item !== undefined)
        checkValue(shape.value as string, item, `${path}.${key}`, sensitive, out);
    }
  }
}

/** Java's idea of length: UTF-16 units for strings, bytes for blobs, entries for lists and maps. */
function lengthOf(shape: ModelShape, value: unknown): number {
  if (shape.type === 'blob') return base64ByteLength(value as string);
  if (shape.type === 'map') return Object.keys(value as object).length;
  return (value as string | unknown[]).length;
}

/** The value as Coral prints it: strings raw and in full, numbers in decimal, lists and maps as Java prints them. */
function printed(shape: ModelShape, value: unknown): string {
  if (shape.type === 'blob') {
    const bytes = base64ByteLength(value as string);
    return `java.nio.HeapByteBuffer[pos=0 lim=${bytes} cap=${bytes}]`;
  }
  return javaString(value);
}

function javaString(value: unknown): string {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : decimal(value);
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Integers beyond 2^53 in plain digits (JavaScript would print `1e+21`). */
function decimal(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}
