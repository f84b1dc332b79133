import { defineConfig } from 'vitest/config';

/** The end-to-end test of the packed package (npm run test:e2e): slow, so it runs on its own. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // The test process itself must not reach the network; npm, which it runs as a child, may use the registry.
    setupFiles: ['test/setup/no-network-vitest-setup.ts'],
    // Builds and packs the library once; every file installs that tarball (inject('packedTarball')).
    globalSetup: ['test/e2e/pack-once.ts'],
    hookTimeout: 240_000,
    testTimeout: 120_000,
  },
});
