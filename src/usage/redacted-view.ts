/**
 * How the fake's objects print. The fake and its handles hold secrets (store passwords, proxy secret
 * keys, the kmsuser password) in their internals; `util.inspect`, `console.log`, `JSON.stringify` and the
 * failure diffs of Vitest and Jest (which call `toJSON`) show a short summary instead.
 */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

type Inspect = (value: unknown, options?: unknown) => string;

/** `Label { …summary }` through Node's own inspect, so colours and depth options still apply. */
export function inspectAs(label: string, summary: unknown, options: unknown, inspect?: Inspect): string {
  return `${label} ${inspect ? inspect(summary, options) : JSON.stringify(summary)}`;
}

/** Make fields non-enumerable, so that equality checks, diffs and spreads never walk into them. */
export function hideInternals(target: object, keys: readonly string[]): void {
  for (const key of keys) {
    if (Object.hasOwn(target, key)) Object.defineProperty(target, key, { enumerable: false });
  }
}

/** Give a plain object (such as the engine's options) a summary for inspect and JSON. */
export function printAs(target: object, label: string, summary: () => unknown): void {
  Object.defineProperty(target, 'toJSON', { value: summary, enumerable: false });
  Object.defineProperty(target, INSPECT, {
    value: (_depth: number, options: unknown, inspect?: Inspect) => inspectAs(label, summary(), options, inspect),
    enumerable: false,
  });
}
