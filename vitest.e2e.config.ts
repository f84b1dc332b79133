import { defineConfig } from 'vitest/config';

/** The end-to-end test of the packed package (npm run test:e2e): slow, so it runs on its own. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    hookTimeout: 240_000,
    testTimeout: 120_000,
  },
});
