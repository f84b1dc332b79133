import { describe, expect, it } from 'vitest';
import { KMS_SHAPES } from '../../src/model/kms-model.generated.js';
import type { ShapeType } from '../../src/model/model-types.js';
import { type InputConstraint, listConstraints } from '../../src/validation/list-constraints.js';
import { rejection } from './reject.js';
import { CUSTOM_KEY_STORE_OPERATIONS, VALID_INPUTS } from './valid-inputs.js';

/**
 * For every constraint the model puts on the six custom key store operations: start from a valid request, break
 * that one constraint, and expect the exact error. Expected texts are built here from the spec's format (§1), not
 * with the implementation's helpers. Where no value can break a length without also breaking the pattern (a
 * 12-digit account id cannot be 11 characters long and still be 12 digits), both entries are expected.
 */

type Body = Record<string, unknown>;
interface Case {
  id: string;
  operation: string;
  constraint: InputConstraint;
}

const cases: Case[] = CUSTOM_KEY_STORE_OPERATIONS.flatMap((operation) =>
  listConstraints(operation).map((constraint) => ({
    id: `${operation} ${constraint.path} ${constraint.kind}`,
    operation,
    constraint,
  })),
);
const exercised = new Set<string>();

describe('every model constraint of the custom key store operations', () => {
  it.each(cases)('$id is enforced', ({ id, operation, constraint }) => {
    const { input, expected } = breakOne(operation, constraint);
    expect(rejection(operation, input)).toEqual(expected);
    exercised.add(id);
  });

  it('all of them were exercised (runs last)', () => {
    console.log(`validation constraints exercised: ${exercised.size} / ${cases.length}`);
    const ids = new Set(cases.map((c) => c.id));
    expect(ids.size).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(80);
    expect([...ids].filter((id) => !exercised.has(id))).toEqual([]);
    expect(exercised.size).toBe(cases.length);
  });
});

function breakOne(operation: string, c: InputConstraint): { input: Body; expected: object } {
  const input = structuredClone(VALID_INPUTS[operation]) as Body;
  const current = getAt(input, c.location);
  if (current === undefined) {
    throw new Error(`the valid ${operation} request has nothing at ${c.location.join('.')}; add a value there`);
  }
  const shape = KMS_SHAPES[c.shape];
  if (!shape) throw new Error(`no shape ${c.shape}`);
  const pattern = shape.pattern;
  const sensitive = shape.sensitive === true;
  const entry = (value: string, rule: string) =>
    `Value${sensitive ? '' : ` '${value}'`} at '${c.path}' failed to satisfy constraint: ${rule}`;
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
      return { input, expected: { code: 'SerializationException', httpStatus: 400, message } };
    }
    case 'required':
      deleteAt(input, c.location);
      return {
        input,
        expected: validation([`Value null at '${c.path}' failed to satisfy constraint: Member must not be null`]),
      };
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
}

function validation(entries: string[]) {
  const n = entries.length;
  return {
    code: 'ValidationException',
    httpStatus: 400,
    message: `${n} validation error${n === 1 ? '' : 's'} detected: ${entries.join('; ')}`,
  };
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
