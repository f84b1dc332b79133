import { useKmsFake } from 'fake-kms/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { doctorTests } from './doctor.spec.js';

doctorTests({
  describe,
  it,
  afterEach,
  expect,
  useKmsFake,
  timers: {
    useFake: () => vi.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') }),
    useReal: () => vi.useRealTimers(),
    advance: async (ms) => {
      await vi.advanceTimersByTimeAsync(ms);
    },
  },
});
