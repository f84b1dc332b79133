import * as kms from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { KMS_OPERATION_SHAPES, KMS_SHAPES } from '../../src/model/kms-model.generated.js';
import type { ShapeType } from '../../src/model/model-types.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { type InputConstraint, listConstraints } from '../../src/validation/list-constraints.js';
import { VALID_INPUTS } from './valid-inputs.js';

/**
 * For every constraint the model puts on the operations fake-kms implements (`OPERATIONS`): start from a valid
 * request, break that one constraint, send it the way a user would, and expect the exact error the SDK surfaces.
 * Constraint violations go through a real KMSClient (the SDK does not validate client-side, and each case checks
 * that its serializer put the broken value on the wire unchanged). A wrong JSON type cannot be sent through the SDK,
 * so those go to the request handler as raw bytes. Each rejected request must leave the stores untouched.
 *
 * Expected texts are built here from the spec's format (§1) and the model, not with the implementation's helpers.
 * Where no value can break a length without also breaking the pattern (a 12-digit account id cannot be 11
 * characters long and still be 12 digits), both entries are expected.
 */

type Body = Record<string, unknown>;
interface Case {
  id: string;
  operation: string;
  constraint: InputConstraint;
}
type CommandClass = new (input: Body) => Parameters<kms.KMSClient['send']>[0];
interface Expected {
  code: 'ValidationException' | 'SerializationException';
  message: string;
}

const IMPLEMENTED = Object.keys(OPERATIONS);
const STORE_ID = 'cks-1234567890abcdef0';

/** Every constraint of every implemented operation: the denominator, whether or not a test can break it. */
const inModel: Case[] = IMPLEMENTED.flatMap((operation) =>
  listConstraints(operation).map((constraint) => ({
    id: `${operation} ${constraint.path} ${constraint.kind}`,
    operation,
    constraint,
  })),
);
const cases = inModel.filter((c) => Object.hasOwn(VALID_INPUTS, c.operation));
const exercised = new Set<string>();

// The store the valid requests name, so that a request that slipped past validation would have something to change.
const fake = createKmsFake({
  stores: [
    {
      CustomKeyStoreId: STORE_ID,
      CustomKeyStoreName: 'ExampleKeyStore',
      CloudHsmClusterId: 'cluster-234567abcdef',
      ConnectionState: 'DISCONNECTED',
    },
  ],
});
const client = fake.client({ maxAttempts: 1 });
let sentBody: unknown;
client.middlewareStack.add(
  (next) => async (args) => {
    sentBody = (args.request as { body?: unknown }).body;
    return next(args);
  },
  { step: 'finalizeRequest', name: 'modelDrivenTestCaptureBody' },
);

describe('every model constraint of the operations fake-kms implements', () => {
  it('every implemented operation has a valid base request to break', () => {
    const missing = IMPLEMENTED.filter((operation) => !Object.hasOwn(VALID_INPUTS, operation));
    expect(
      missing,
      `no valid base request in test/validation/valid-inputs.ts VALID_INPUTS for ${missing.join(', ')}: ` +
        'the validation constraints of these implemented operations are not covered',
    ).toEqual([]);
  });

  it.each(cases)('$id is enforced', async ({ id, operation, constraint }) => {
    const { input, expected } = breakOne(operation, constraint);
    const before = fake.stores();
    if (constraint.kind === 'type') {
      expect(await sendRaw(operation, input)).toEqual({
        status: 400,
        body: { __type: expected.code, message: expected.message },
      });
    } else {
      const error = await sendThroughSdk(operation, input);
      expect(JSON.parse(bodyText(sentBody)), 'the SDK sent the broken request unchanged').toEqual(input);
      expect(error).toEqual({ name: expected.code, status: 400, message: expected.message });
    }
    expect(fake.stores(), 'a rejected request changes no state').toEqual(before);
    exercised.add(id);
  });

  it('all of them were exercised (runs last)', () => {
    const percent = inModel.length === 0 ? 100 : Math.floor((100 * exercised.size) / inModel.length);
    console.log(`validation constraints exercised: ${exercised.size} / ${inModel.length} (${percent}%)`);
    expect(new Set(inModel.map((c) => c.id)).size).toBe(inModel.length);
    expect(inModel.length).toBeGreaterThan(80);
    expect(inModel.filter((c) => !exercised.has(c.id)).map((c) => c.id)).toEqual([]);
    expect(exercised.size).toBe(inModel.length);
  });
});

/** Through a real KMSClient, with the SDK's own command class; the error as the SDK surfaces it. */
async function sendThroughSdk(
  operation: string,
  input: Body,
): Promise<{ name: string; status?: number; message: string }> {
  const Command = (kms as unknown as Record<string, CommandClass | undefined>)[`${operation}Command`];
  if (Command === undefined) throw new Error(`@aws-sdk/client-kms has no ${operation}Command`);
  sentBody = undefined;
  try {
    await client.send(new Command(forSdk(KMS_OPERATION_SHAPES[operation]?.input as string, input) as Body));
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error(`${operation} accepted ${JSON.stringify(input)}`);
}

/** The request body as the SDK handed it to the transport: a string or bytes. */
function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error(`the SDK sent no readable body (${Object.prototype.toString.call(body)})`);
}

/** Raw awsJson1_1 bytes into the request handler, for bodies the SDK's types cannot express. */
async function sendRaw(operation: string, input: Body): Promise<{ status: number; body: unknown }> {
  const { response } = await fake.requestHandler.handle({
    headers: { 'x-amz-target': `TrentService.${operation}` },
    body: JSON.stringify(input),
  });
  return { status: response.statusCode, body: JSON.parse(new TextDecoder().decode(response.body)) };
}

function breakOne(operation: string, c: InputConstraint): { input: Body; expected: Expected } {
  const input = structuredClone(VALID_INPUTS[operation]) as Body;
  const current = getAt(input, c.location);
  if (current === undefined) {
    throw new Error(`the valid ${operation} request has nothing at ${c.location.join('.')}; add a value there`);
  }
  const shape = KMS_SHAPES[c.shape];
  if (!shape) throw new Error(`no shape ${c.shape}`);
  const pattern = shape.pattern;
  const sensitive = sensitiveAlong(operation, c.location);
  const entry = (value: unknown, rule: string) =>
    `Value${sensitive ? '' : ` '${printedAs(shape.type, value)}'`} at '${c.path}' failed to satisfy constraint: ${rule}`;
  const patternEntries = (value: string) =>
    pattern === undefined || matches(pattern, value)
      ? []
      : [entry(value, `Member must satisfy regular expression pattern: ${pattern}`)];
  const invalid = (value: unknown, entries: string[]) => {
    setAt(input, c.location, value);
    return { input, expected: validation(entries) };
  };

  switch (c.kind) {
    case 'type': {
      const [wrong, message] = wrongTypeFor(c.type);
      setAt(input, c.location, wrong);
      return { input, expected: { code: 'SerializationException', message } };
    }
    case 'required':
      deleteAt(input, c.location);
      return {
        input,
        expected: validation([`Value null at '${c.path}' failed to satisfy constraint: Member must not be null`]),
      };
    case 'min':
    case 'max': {
      if (shape.type !== 'list' && shape.type !== 'blob') break;
      const length = limitOf(c) + (c.kind === 'min' ? -1 : 1);
      const value =
        shape.type === 'blob'
          ? Buffer.alloc(length, 0x61).toString('base64')
          : Array(length).fill((current as unknown[])[0]);
      const rule =
        c.kind === 'min'
          ? `Member must have length greater than or equal to ${limitOf(c)}`
          : `Member must have length less than or equal to ${limitOf(c)}`;
      return invalid(value, [entry(value, rule)]);
    }
  }
  switch (c.kind) {
    case 'min': {
      const value = shortened(asString(current), limitOf(c) - 1, pattern);
      const rule = `Member must have length greater than or equal to ${limitOf(c)}`;
      return invalid(value, [entry(value, rule), ...patternEntries(value)]);
    }
    case 'max': {
      const value = lengthened(asString(current), limitOf(c) + 1, pattern);
      const rule = `Member must have length less than or equal to ${limitOf(c)}`;
      return invalid(value, [entry(value, rule), ...patternEntries(value)]);
    }
    case 'pattern': {
      const value = patternBroken(asString(current), pattern as string);
      return invalid(value, patternEntries(value));
    }
    case 'enum': {
      const value = 'NOT_IN_THE_ENUM';
      const rule = `Member must satisfy enum value set: [${(shape.enum ?? []).join(', ')}]`;
      return invalid(value, [entry(value, rule)]);
    }
    case 'range-min': {
      const value = limitOf(c) - 1;
      return invalid(value, [entry(String(value), `Member must have value greater than or equal to ${limitOf(c)}`)]);
    }
    case 'range-max': {
      const value = limitOf(c) + 1;
      return invalid(value, [entry(String(value), `Member must have value less than or equal to ${limitOf(c)}`)]);
    }
  }
  throw new Error(`no way to break ${c.kind} of ${c.path}`);
}

/** How Coral prints a value (spec §1): blobs as the Java ByteBuffer, lists as Java prints them. */
function printedAs(type: ShapeType, value: unknown): string {
  if (type === 'blob') {
    const bytes = Buffer.from(value as string, 'base64').length;
    return `java.nio.HeapByteBuffer[pos=0 lim=${bytes} cap=${bytes}]`;
  }
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

/** The request as SDK input: blob members (base64 on the wire) become bytes, which the SDK encodes again. */
function forSdk(shapeName: string, value: unknown): unknown {
  const shape = KMS_SHAPES[shapeName];
  if (value === null || value === undefined || !shape) return value;
  if (shape.type === 'blob' && typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'));
  if (shape.type === 'timestamp' && typeof value === 'number') return new Date(value * 1000);
  if (shape.type === 'list' && Array.isArray(value)) return value.map((v) => forSdk(shape.member as string, v));
  if (shape.type === 'structure' && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Body).map(([k, v]) => [k, shape.members?.[k] ? forSdk(shape.members[k], v) : v]),
    );
  }
  return value;
}

function validation(entries: string[]): Expected {
  const n = entries.length;
  return {
    code: 'ValidationException',
    message: `${n} validation error${n === 1 ? '' : 's'} detected: ${entries.join('; ')}`,
  };
}

/** Coral prints no value when the member's shape, or any shape enclosing it, is sensitive (read off the model). */
function sensitiveAlong(operation: string, location: readonly (string | number)[]): boolean {
  let shapeName = KMS_OPERATION_SHAPES[operation]?.input as string;
  let sensitive = false;
  for (const step of location) {
    const shape = KMS_SHAPES[shapeName];
    const next = typeof step === 'number' ? shape?.member : shape?.members?.[step];
    if (next === undefined) throw new Error(`no shape at ${location.join('.')} of ${operation}`);
    shapeName = next;
    sensitive ||= KMS_SHAPES[shapeName]?.sensitive === true;
  }
  return sensitive;
}

function wrongTypeFor(type: ShapeType): [unknown, string] {
  switch (type) {
    case 'string':
      return [42, 'NUMBER_VALUE cannot be converted to String'];
    case 'integer':
      return ['7', 'STRING_VALUE cannot be converted to Integer'];
    case 'long':
      return ['7', 'STRING_VALUE cannot be converted to Long'];
    case 'boolean':
      return ['yes', 'Unexpected token received from parser'];
    case 'blob':
      return [42, 'only base-64-encoded strings are convertible to bytes'];
    case 'timestamp':
      return [true, 'TRUE_VALUE cannot be converted to Date'];
    default:
      return ['oops', 'Unexpected field type'];
  }
}

/** Test oracle for the model's patterns used by these operations (plain syntax that JavaScript reads alike). */
function matches(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(value);
}

/** Prefer a value that still matches the pattern, so only the length is wrong. */
function preferMatching(candidates: string[], pattern: string | undefined): string {
  return candidates.find((v) => pattern === undefined || matches(pattern, v)) ?? (candidates[0] as string);
}

function shortened(valid: string, length: number, pattern: string | undefined): string {
  return preferMatching([valid.slice(0, length), 'a'.repeat(length)], pattern);
}

function lengthened(valid: string, length: number, pattern: string | undefined): string {
  const extra = length - valid.length;
  const first = valid.charAt(0);
  const last = valid.charAt(valid.length - 1);
  return preferMatching(
    [valid + last.repeat(extra), first.repeat(extra) + valid, first + valid.charAt(1).repeat(extra) + valid.slice(1)],
    pattern,
  );
}

/** Same length, one character swapped for one the pattern refuses. */
function patternBroken(valid: string, pattern: string): string {
  const middle = Math.floor(valid.length / 2);
  for (const ch of ['\u0100', ' ', '!', '#', '\u00e9']) {
    const candidate = valid.slice(0, middle) + ch + valid.slice(middle + 1);
    if (!matches(pattern, candidate)) return candidate;
  }
  throw new Error(`could not break ${pattern} starting from ${valid}`);
}

function asString(value: unknown): string {
  if (typeof value !== 'string')
    throw new Error(`expected a string in the valid request, got ${JSON.stringify(value)}`);
  return value;
}

function limitOf(c: InputConstraint): number {
  if (c.limit === undefined) throw new Error(`${c.path} ${c.kind} has no limit`);
  return c.limit;
}

function parentOf(body: Body, location: readonly (string | number)[]): Record<string | number, unknown> {
  let node: unknown = body;
  for (const step of location.slice(0, -1)) node = (node as Record<string | number, unknown>)[step];
  return node as Record<string | number, unknown>;
}

function getAt(body: Body, location: readonly (string | number)[]): unknown {
  return parentOf(body, location)[location[location.length - 1] as string | number];
}

function setAt(body: Body, location: readonly (string | number)[], value: unknown): void {
  parentOf(body, location)[location[location.length - 1] as string | number] = value;
}

function deleteAt(body: Body, location: readonly (string | number)[]): void {
  delete parentOf(body, location)[location[location.length - 1] as string | number];
}
