import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** One entry per public subpath of the package (see `exports` in package.json). */
const entry: Record<string, string> = {
  index: 'src/index.ts',
  vitest: 'src/testing/vitest.ts',
  jest: 'src/testing/jest.ts',
};
// `fake-kms/fixtures` ships once the faker builders land (issue 3).
if (existsSync('src/fixtures/index.ts')) entry.fixtures = 'src/fixtures/index.ts';

const FAKER = /^@faker-js\/faker(?:\/|$)/;

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  // tsup sets `baseUrl` for its declaration build, which TypeScript 6 deprecates.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  // Shared code (the engine, install state) lives in one chunk that every entry loads, in both formats:
  // `fake-kms` and `fake-kms/vitest` must share one KmsFake class and one "installed fake" slot.
  splitting: true,
  // src/adapters/sdk/install.ts reads `import.meta.url`; the CommonJS build gets a shim for it.
  shims: true,
  target: 'node20',
  platform: 'node',
  clean: true,
  // Peers and runtime dependencies are the user's copies, never bundled: a bundled KMSClient would not be
  // the one the user's code constructs, and a bundled vitest/jest would not be the running one.
  external: [/^@aws-sdk\//, /^@smithy\//, 'vitest', /^@jest\//, 'expect', '@peculiar/x509'],
  // Except faker in the CommonJS build. faker 10 ships only ES modules, which `require()` cannot load under
  // Jest's CommonJS runtime or on a Node started with --no-experimental-require-module, so the CommonJS
  // fake-kms/fixtures carries its own copy of faker's English locale. The ES module build imports the
  // user's faker (the plugin below); the declarations refer to it in both.
  noExternal: [FAKER],
  esbuildPlugins: [
    {
      name: 'faker-external-in-esm',
      setup(build) {
        // tsup builds CommonJS with shared chunks as ES modules first, so ask tsup, not esbuild, for the format.
        if (build.initialOptions.define?.TSUP_FORMAT !== '"esm"') return;
        build.onResolve({ filter: FAKER }, (args) => ({ path: args.path, external: true }));
      },
    },
  ],
});
