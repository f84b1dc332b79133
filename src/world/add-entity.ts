import { FakeKmsUsageError } from '../errors/kms-error.js';
import { describeType } from '../usage/describe-type.js';
import { checkPlainData } from '../usage/plain-data.js';
import type { EntityTable } from './entity-table.js';
import { checkRecord } from './spec/field-rules.js';
import { SpecIssues } from './spec/spec-issues.js';

/** `fake.world.add*()`: check the description, refuse one already described, then describe it (a copy). */
export function addEntity<T>(
  table: EntityTable<T>,
  spec: T,
  keyField: string,
  shape: Parameters<typeof checkRecord>[3],
  method: string,
): void {
  const issues = new SpecIssues();
  if (checkPlainData(spec, '$', issues)) checkRecord(spec, '$', issues, shape);
  issues.throwIfAny(`fake.world.${method}()`);
  // Read only after the check: `spec` may have been null or anything else.
  const key = (spec as Record<string, string>)[keyField] as string;
  const origin = table.originOf(key);
  if (origin === 'seed' || origin === 'test') {
    throw new FakeKmsUsageError(
      `fake.world.${method}(): ${key} is already described. Change it with its handle's update() instead.`,
    );
  }
  table.set(structuredClone(spec), 'test');
}

/** Refuse an id or name the world cannot hold, saying what was expected (and what was given, by its type only). */
export function requireFormat(value: string, pattern: RegExp, expected: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new FakeKmsUsageError(`fake.world: the argument must be ${expected}; got ${describeType(value)}.`);
  }
}
