import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRun, run } from './run-command.js';
import { packLibrary, REPO } from './temp-project.js';

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const OLDEST = /^\^(\d+\.\d+\.\d+)$/.exec(manifest.peerDependencies['@aws-sdk/client-kms'] ?? '')?.[1] ?? 'unparsed';
const PINNED = manifest.devDependencies['@aws-sdk/client-kms'] ?? 'unpinned';

/**
 * The whole declared peer range works (issue 8): the oldest @aws-sdk/client-kms the package claims, a
 * release from 2025 and the version this repository pins, each in a fresh project with the packed
 * package, running the same core suite (test/e2e/fixtures/sdk-core) under `node --test`, so that no test
 * runner needs installing per version. Each project also holds a second copy of the SDK, of another
 * version (as monorepos do), which install() cannot reach and must refuse. The installs share npm's cache.
 */
const VERSIONS = [
  { label: 'the oldest supported', version: OLDEST, second: PINNED },
  { label: 'a 2025 release', version: '3.750.0', second: OLDEST },
  { label: 'the pinned', version: PINNED, second: OLDEST },
];

let root = '';
let tarball = '';

describe('the core suite against every supported @aws-sdk/client-kms', () => {
  beforeAll(() => {
    ({ dir: root, tarball } = packLibrary());
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('claims the oldest version as the lower bound of its peer range', () => {
    expect(OLDEST).toBe('3.600.0');
  });

  for (const { label, version, second } of VERSIONS) {
    it(`passes with ${label} SDK, ${version}`, () => {
      const dir = join(root, `sdk-${version}`);
      mkdirSync(dir);
      const project = {
        name: `fake-kms-sdk-${version}`,
        private: true,
        type: 'module',
        dependencies: {
          'fake-kms': `file:${tarball}`,
          '@aws-sdk/client-kms': version,
          'second-kms-sdk': `npm:@aws-sdk/client-kms@${second}`,
        },
      };
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
      writeFileSync(join(dir, 'expected-sdk.json'), `${JSON.stringify({ version })}\n`);
      cpSync(join(REPO, 'test', 'e2e', 'fixtures', 'sdk-core'), dir, { recursive: true });
      mustRun(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
        dir,
      );
      const result = run(process.execPath, ['--test', '--test-reporter=spec', 'core.test.mjs'], dir);
      expect(result.status, result.output).toBe(0);
      expect(result.output).toMatch(/ℹ pass 9\b/);
      expect(result.output).toMatch(/ℹ fail 0\b/);
    }, 240_000);
  }
});
