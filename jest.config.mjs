/**
 * Jest runs the suites that must also hold under Jest: the `fake-kms/jest` helpers and the key store
 * doctor example. It runs the TypeScript sources as ES modules (src/ uses `import.meta`), so it needs
 * `node --experimental-vm-modules` (see `npm run test:jest`). The packed CommonJS build is covered by
 * the end-to-end test instead.
 */
export default {
  testEnvironment: 'node',
  // The network tripwire: no test may reach anything but loopback.
  setupFilesAfterEnv: ['<rootDir>/test/setup/no-network-jest-setup.ts'],
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.jest.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Examples import the package by name, as users do; in this repository that name is the source.
    '^fake-kms$': '<rootDir>/src/index.ts',
    '^fake-kms/(vitest|jest)$': '<rootDir>/src/testing/$1.ts',
    '^fake-kms/fixtures$': '<rootDir>/src/fixtures/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/fixtures/'],
};
