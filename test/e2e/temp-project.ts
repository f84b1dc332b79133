import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inject } from 'vitest';
import { buildAndPack } from './pack.js';
import { mustRun } from './run-command.js';

export const REPO = join(import.meta.dirname, '..', '..');

/** The packages the temporary project installs besides fake-kms, at the versions this repository pins. */
const PEERS = [
  '@aws-sdk/client-kms',
  'vitest',
  'jest',
  '@jest/globals',
  '@swc/core',
  '@swc/jest',
  'typescript',
  '@types/node',
];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tarball test/e2e/pack-once.ts built for every e2e file of this run. */
    fakeKmsTarball?: string;
  }
}

/**
 * The library as `npm publish` would ship it, in a new temporary directory: a copy of the tarball the
 * e2e global setup packed once for the run, or, outside it, a fresh build and pack.
 */
export function packLibrary(): { dir: string; tarball: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-kms-e2e-'));
  const packed = inject('fakeKmsTarball');
  if (packed) {
    const tarball = join(dir, basename(packed));
    copyFileSync(packed, tarball);
    return { dir, tarball };
  }
  return { dir, tarball: buildAndPack(dir) };
}

/** The tarball the e2e global setup (test/e2e/pack-once.ts) built and packed once for this run. */
export function packedTarball(): string {
  const tarball = inject('fakeKmsTarball');
  if (!tarball)
    throw new Error('No packed tarball: run the e2e tests through vitest.e2e.config.ts (npm run test:e2e).');
  return tarball;
}

/**
 * A fresh project that installs the tarball from the registry's cache where it can, with two variants
 * sharing its node_modules: esm/ (package type module) and cjs/ (package type commonjs), each holding a
 * copy of the key store doctor example and the public API type tests.
 */
export function createProject(dir: string, tarball: string): void {
  const devDependencies = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).devDependencies as Record<
    string,
    string
  >;
  const pins = Object.fromEntries(PEERS.map((name) => [name, devDependencies[name]]));
  const manifest = { name: 'fake-kms-e2e', private: true, devDependencies: { 'fake-kms': `file:${tarball}`, ...pins } };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mustRun(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    dir,
  );
  for (const variant of ['esm', 'cjs'] as const) {
    const root = join(dir, variant);
    mkdirSync(root);
    writeFileSync(
      join(root, 'package.json'),
      `${JSON.stringify({ type: variant === 'esm' ? 'module' : 'commonjs' })}\n`,
    );
    cpSync(join(REPO, 'examples', 'key-store-doctor', 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(REPO, 'examples', 'key-store-doctor', 'test'), join(root, 'test'), { recursive: true });
    cpSync(join(REPO, 'test', 'e2e', 'fixtures', variant), root, { recursive: true });
    cpSync(join(REPO, 'test', 'types'), join(root, 'types'), { recursive: true });
  }
}

/** Jest 29, the other major version `fake-kms/jest` supports, run as CommonJS like most Jest 29 projects. */
export const JEST_29 = '29.7.0';

/**
 * A jest29/ variant beside esm/ and cjs/: its own package.json installs Jest 29 into jest29/node_modules,
 * which Node finds before the project's Jest 30; fake-kms, the SDK and @swc/jest come from the project.
 */
export function addJest29Variant(dir: string): void {
  const root = join(dir, 'jest29');
  mkdirSync(root);
  const manifest = { type: 'commonjs', private: true, devDependencies: { jest: JEST_29, '@jest/globals': JEST_29 } };
  writeFileSync(join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mustRun(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    root,
  );
  cpSync(join(dir, 'cjs', 'src'), join(root, 'src'), { recursive: true });
  mkdirSync(join(root, 'test'));
  for (const file of ['doctor.jest.ts', 'doctor.spec.ts', 'runner.ts', 'stores.ts', 'format.jest.ts']) {
    cpSync(join(dir, 'cjs', 'test', file), join(root, 'test', file));
  }
  cpSync(join(dir, 'cjs', 'jest.config.cjs'), join(root, 'jest.config.cjs'));
}
