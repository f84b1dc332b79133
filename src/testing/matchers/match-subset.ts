/**
 * Does `actual` contain `expected`, in the sense of `toMatchObject`: every member `expected` names is
 * there and matches, recursively for plain objects; arrays match element by element and must have the
 * same length; anything else (including asymmetric matchers) goes to the runner's own `equals`.
 */
export function matchesSubset(
  actual: unknown,
  expected: unknown,
  equals: (a: unknown, b: unknown) => boolean,
): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => matchesSubset(actual[i], item, equals))
    );
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(([key, value]) => matchesSubset(actual[key], value, equals));
  }
  return equals(actual, expected);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
