import type { FieldRule } from '../spec/field-rules.js';
import { SpecIssues } from '../spec/spec-issues.js';
import { validateChanges } from '../spec/validate-world-spec.js';

/** Check `changes` against an entity's fields (its key excluded) and refuse them loudly if anything is wrong. */
export function checkChanges(
  changes: unknown,
  shape: { fields: Record<string, FieldRule> },
  key: string,
  source: string,
): void {
  const { [key]: _key, ...fields } = shape.fields;
  const issues = new SpecIssues();
  validateChanges(changes, '$', issues, { fields });
  issues.throwIfAny(source);
}

/** Copy `changes` onto `target`; a field set to `undefined` goes back to its default. */
export function assignChanges<T extends object>(target: T, changes: Partial<T>): void {
  for (const [name, value] of Object.entries(changes)) {
    const field = name as keyof T;
    if (value === undefined) delete target[field];
    else target[field] = structuredClone(value) as T[keyof T];
  }
}
