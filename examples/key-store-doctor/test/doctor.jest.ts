import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { useKmsFake } from 'fake-kms/jest';
import { doctorTests } from './doctor.spec.js';

doctorTests({
  describe,
  it,
  afterEach,
  expect,
  useKmsFake,
  timers: {
    useFake: () => jest.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') }),
    useReal: () => jest.useRealTimers(),
    advance: async (ms) => {
      await jest.advanceTimersByTimeAsync(ms);
    },
  },
});
