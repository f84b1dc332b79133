import { FakeKmsUsageError } from '../errors/kms-error.js';
import type { EntityTable } from './entity-table.js';
import { checkRecord } from './spec/field-rules.js';
import { SpecIssues } from './spec/spec-issues.js';

/** `fake.world.add*()`: check the description, refuse one already described, then describe it. */
export function addEntity<T>(
  table: EntityTable<T>,
  spec: T,
  key: string,
  shape: Parameters<typeof checkRecord>[3],
  method: string,
): void {
  const issues = new SpecIssues();
  checkRecord(spec, '$', issues, shape);
  issues.throwIfAny(`fake.world.${method}()`);
  const origin = table.originOf(key);
  if (origin === 'seed' || origin === 'test') {
    throw new FakeKmsUsageError(
      `fake.world.${method}(): ${key} is already described. Change it with its handle's update() instead.`,
    );
  }
  table.set(structuredClone(spec), 'test');
}

/** Refuse an id or name the world cannot hold, saying what was expected. */
export function requireFormat(value: string, pattern: RegExp, expected: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new FakeKmsUsageError(`"${String(value)}" is not ${expected}.`);
  }
}
