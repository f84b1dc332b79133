import { child, type SpecIssues } from '../world/spec/spec-issues.js';

/** Deeper than this, a description is not data a test wrote by hand; refuse it before anything recurses. */
export const MAX_DEPTH = 32;

/**
 * Keys that name `Object.prototype` members. A description that uses one as a field is refused rather
 * than looked up, so `{ "__proto__": … }` from a JSON file can neither pass as a known field nor change
 * an object's prototype.
 */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** An object being walked: its keys (none for an array), the next child to visit, and where it sits. */
interface Frame {
  value: object;
  keys: string[] | undefined;
  next: number;
  parent: Frame | undefined;
  key: string | number;
  depth: number;
}

/**
 * Walk `value` without recursion and record, at its JSON path, every prototype-named key and any nesting
 * deeper than {@link MAX_DEPTH}. Returns false when the value must not be looked at any further.
 *
 * Depth first, one child at a time: only the objects on the way down are held (at most {@link MAX_DEPTH}), and
 * a JSON path is spelt out only for a problem. A list of 100,000 seeds then costs no list of 100,000 pending
 * entries and paths, which outlived young-generation collections and were copied by each.
 *
 * @example
 * checkPlainData(JSON.parse('{"__proto__": {}}'), '$', issues); // $.__proto__: is not allowed …
 */
export function checkPlainData(value: unknown, path: string, issues: SpecIssues): boolean {
  const before = issues.list.length;
  if (typeof value !== 'object' || value === null) return true;
  let top: Frame | undefined = frameOf(value, undefined, '', 0);
  while (top !== undefined) {
    const frame: Frame = top;
    const { keys } = frame;
    const i = frame.next;
    if (i >= (keys ? keys.length : (frame.value as unknown[]).length)) {
      top = frame.parent;
      continue;
    }
    frame.next = i + 1;
    const key = keys ? (keys[i] as string) : i;
    if (typeof key === 'string' && PROTOTYPE_KEYS.has(key)) {
      issues.add(
        child(pathOf(frame, path), key),
        `"${key}" names a member of Object.prototype and is not allowed as a field`,
      );
      continue;
    }
    const v = (frame.value as Record<string | number, unknown>)[key];
    if (typeof v !== 'object' || v === null) continue;
    if (frame.depth + 1 >= MAX_DEPTH) {
      issues.add(child(pathOf(frame, path), key), `is nested more than ${MAX_DEPTH} levels deep`);
      continue;
    }
    top = frameOf(v, frame, key, frame.depth + 1);
  }
  return issues.list.length === before;
}

function frameOf(value: object, parent: Frame | undefined, key: string | number, depth: number): Frame {
  return { value, keys: Array.isArray(value) ? undefined : Object.keys(value), next: 0, parent, key, depth };
}

/** The JSON path of a walked object, spelt out from its parents (only when there is a problem to report). */
function pathOf(frame: Frame, rootPath: string): string {
  return frame.parent === undefined ? rootPath : child(pathOf(frame.parent, rootPath), frame.key);
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
