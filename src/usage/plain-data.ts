import { child, type SpecIssues } from '../world/spec/spec-issues.js';

/** Deeper than this, a description is not data a test wrote by hand; refuse it before anything recurses. */
export const MAX_DEPTH = 32;

/**
 * Keys that name `Object.prototype` members. A description that uses one as a field is refused rather
 * than looked up, so `{ "__proto__": … }` from a JSON file can neither pass as a known field nor change
 * an object's prototype.
 */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Walk `value` without recursion and record, at its JSON path, every prototype-named key and any nesting
 * deeper than {@link MAX_DEPTH}. Returns false when the value must not be looked at any further.
 *
 * @example
 * checkPlainData(JSON.parse('{"__proto__": {}}'), '$', issues); // $.__proto__: is not allowed …
 */
export function checkPlainData(value: unknown, path: string, issues: SpecIssues): boolean {
  const before = issues.list.length;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as (typeof stack)[number];
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_DEPTH) {
      issues.add(item.path, `is nested more than ${MAX_DEPTH} levels deep`);
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(item.value)
      ? item.value.map((v, i) => [i, v])
      : Object.keys(item.value).map((k) => [k, (item.value as Record<string, unknown>)[k]]);
    for (const [key, v] of entries) {
      const at = child(item.path, key);
      if (typeof key === 'string' && PROTOTYPE_KEYS.has(key)) {
        issues.add(at, `"${key}" names a member of Object.prototype and is not allowed as a field`);
        continue;
      }
      stack.push({ value: v, path: at, depth: item.depth + 1 });
    }
  }
  return issues.list.length === before;
}

/**
 * A deep copy of data that passed {@link checkPlainData}, for options and scenarios the fake keeps: changing
 * the caller's objects later changes nothing. Unlike `structuredClone` it shares strings (they are immutable),
 * so 10,000 seeded stores do not each keep their own copy of the same trust anchor PEM. Dates are copied;
 * anything that is not a plain object or array goes through `structuredClone` as before.
 *
 * @example
 * const kept = copyPlainData(options.stores);
 */
export function copyPlainData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlainData) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyPlainData((value as Record<string, unknown>)[key]);
  return copy as T;
}
