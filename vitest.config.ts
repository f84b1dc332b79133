import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/fixtures/**'],
    environment: 'node',
    // Fails any test file that reaches for a socket, TLS, DNS or fetch beyond loopback (issue 5).
    setupFiles: ['test/setup/no-network.ts'],
  },
});
