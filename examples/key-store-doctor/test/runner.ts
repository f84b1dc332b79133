import type { KmsFake } from 'fake-kms';
import type { KmsFakeMatchers, UseKmsFakeOptions } from 'fake-kms/vitest';

/** The assertions the doctor's tests use; Vitest's and Jest's `expect` both provide them. */
export interface BaseAssertions extends KmsFakeMatchers<void> {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toMatchObject(expected: object): void;
  toContain(expected: unknown): void;
  toHaveLength(length: number): void;
}

export interface Assertions extends BaseAssertions {
  not: BaseAssertions;
}

/**
 * What a test runner lends the shared doctor tests, so one set of tests runs under Vitest
 * (doctor.test.ts) and under Jest (doctor.jest.ts).
 */
export interface Runner {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
  afterEach(fn: () => void): void;
  expect(actual: unknown): Assertions;
  useKmsFake(options?: UseKmsFakeOptions): KmsFake;
  timers: {
    /** Fake `setTimeout` and `Date`, starting at a fixed instant. */
    useFake(): void;
    useReal(): void;
    /** Move fake time forward, running timers and the promises they release. */
    advance(ms: number): Promise<void>;
  };
}
