import { closest } from '../../usage/closest.js';
import { describeType } from '../../usage/describe-type.js';
import { shownValue } from '../../usage/public-words.js';
import { child, isRecord, type SpecIssues } from './spec-issues.js';

/** Checks one value at a JSON path and records what is wrong with it. */
export type FieldRule = (value: unknown, path: string, issues: SpecIssues) => void;

interface StringOptions {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** Never echo the value (passwords, secret keys). */
  secret?: boolean;
}

export function text(options: StringOptions = {}): FieldRule {
  return (value, path, issues) => {
    if (typeof value !== 'string') {
      return issues.add(path, `must be a string, got ${describeType(value)}`);
    }
    // The value itself is never shown: a secret may have been passed in the wrong field.
    const shown = 'the value';
    const { min = 0, max = Number.POSITIVE_INFINITY } = options;
    if (value.length < min || value.length > max) {
      const range = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
      issues.add(path, `must be ${range} characters long, but ${shown} has ${value.length}`);
    } else if (options.pattern && !options.pattern.test(value)) {
      issues.add(path, `${shown} does not match ${options.pattern.source}`);
    }
  };
}

export function oneOf(values: readonly string[]): FieldRule {
  return (value, path, issues) => {
    if (typeof value !== 'string' || !values.includes(value)) {
      // Described by type only (it may be a secret in the wrong place), with the nearest allowed value.
      const near = typeof value === 'string' ? closest(value, values) : undefined;
      issues.add(
        path,
        `${shownValue(value)} is not one of ${values.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`,
      );
    }
  };
}

export function flag(): FieldRule {
  return (value, path, issues) => {
    if (typeof value !== 'boolean') issues.add(path, `must be true or false, got ${describeType(value)}`);
  };
}

export function wholeNumber(min = 0, max = Number.MAX_SAFE_INTEGER): FieldRule {
  return (value, path, issues) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      issues.add(path, `must be a whole number ${range}, got ${describeType(value)}`);
    }
  };
}

export function listOf(rule: FieldRule): FieldRule {
  return (value, path, issues) => {
    if (!Array.isArray(value)) return issues.add(path, `must be a list, got ${describeType(value)}`);
    value.forEach((item, i) => {
      rule(item, child(path, i), issues);
    });
  };
}

export interface Shape {
  fields: Record<string, FieldRule>;
  required?: readonly string[];
}

/** An object with known fields only: a misspelt field is an error, not silently ignored. */
export function record(shape: Shape): FieldRule {
  return (value, path, issues) => {
    checkRecord(value, path, issues, shape);
  };
}

export function checkRecord(
  value: unknown,
  path: string,
  issues: SpecIssues,
  shape: Shape,
): value is Record<string, unknown> {
  if (!isRecord(value)) {
    issues.add(path, `must be an object, got ${describeType(value)}`);
    return false;
  }
  for (const name of shape.required ?? []) {
    if (value[name] === undefined) issues.add(child(path, name), 'is required');
  }
  for (const [name, fieldValue] of Object.entries(value)) {
    // Own fields only: "constructor" or "toString" must not find Object.prototype's members as rules.
    const rule = Object.hasOwn(shape.fields, name) ? shape.fields[name] : undefined;
    if (!rule) {
      issues.add(child(path, name), `is not a known field (known: ${Object.keys(shape.fields).join(', ')})`);
    } else if (fieldValue !== undefined) {
      rule(fieldValue, child(path, name), issues);
    }
  }
  return true;
}
