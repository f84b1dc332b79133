import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun } from './run-command.js';
import { REPO } from './temp-project.js';

const devDependencies = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).devDependencies as Record<
  string,
  string
>;

/** The version this repository pins for a dev dependency. */
export function pin(name: string): string {
  const version = devDependencies[name];
  if (!version) throw new Error(`${name} is not a devDependency of fake-kms`);
  return version;
}

/** The versions this repository pins for these dev dependencies, as a `devDependencies` object. */
export function pinned(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, pin(name)]));
}

/**
 * A fresh project for one consumer set-up, in a new temporary directory: the files of
 * test/e2e/fixtures/consumers/<fixture>, and only the packed fake-kms plus `dependencies` installed, from
 * npm's cache (shared by every project) where it can.
 */
export function createConsumerProject(
  fixture: string,
  type: 'module' | 'commonjs',
  tarball: string,
  dependencies: Record<string, string>,
): string {
  const dir = mkdtempSync(join(tmpdir(), `fake-kms-${fixture}-`));
  cpSync(join(REPO, 'test', 'e2e', 'fixtures', 'consumers', fixture), dir, { recursive: true });
  const manifest = {
    name: `fake-kms-${fixture}`,
    private: true,
    type,
    devDependencies: { 'fake-kms': `file:${tarball}`, ...dependencies },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mustRun(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    dir,
  );
  return dir;
}
