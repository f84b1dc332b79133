import { join } from 'node:path';
import { mustRun } from './run-command.js';

const REPO = join(import.meta.dirname, '..', '..');

/** Build the library and pack it, as `npm publish` would ship it, into `dir`; the tarball's path. */
export function buildAndPack(dir: string): string {
  mustRun('npm', ['run', 'build'], REPO);
  const packed = JSON.parse(
    mustRun('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], REPO),
  ) as Array<{ filename: string }>;
  return join(dir, packed[0]?.filename ?? 'missing.tgz');
}
