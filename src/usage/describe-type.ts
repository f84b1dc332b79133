/**
 * What a value is, never what it holds: usage errors describe a wrong argument by its type, so a
 * password passed in the wrong place is never echoed into a test log.
 *
 * @example
 * describeType('hunter2'); // 'a string (7 characters)'
 * describeType([1, 2]);    // 'a list of 2 items'
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `a string (${value.length} characters)`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'bigint') return 'a bigint';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'function') return value.name ? `the function ${value.name}` : 'a function';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value instanceof Date) return 'a Date';
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return name && name !== 'Object' ? `an instance of ${name}` : 'an object';
}
