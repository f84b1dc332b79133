/**
 * The fake's clock. It reads `Date.now()` at every call rather than caching it, so `vi.useFakeTimers()`
 * and Jest's modern fake timers (which replace `Date`) move it; `now` overrides it entirely.
 */
export type Clock = () => number;

export function createClock(now?: () => number | Date): Clock {
  if (!now) return () => Date.now();
  return () => {
    const t = now();
    return t instanceof Date ? t.getTime() : t;
  };
}
