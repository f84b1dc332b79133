import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  // Examples import the package by name, as users do; in this repository that name is the source.
  resolve: {
    alias: [
      { find: /^fake-kms$/, replacement: src('index.ts') },
      { find: /^fake-kms\/(vitest|jest)$/, replacement: src('testing/$1.ts') },
      { find: /^fake-kms\/fixtures$/, replacement: src('fixtures/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/fixtures/**'],
    environment: 'node',
    // Fails any test file that reaches for a socket, TLS, DNS or fetch beyond loopback (issue 5).
    setupFiles: ['test/setup/no-network-vitest-setup.ts'],
  },
});
