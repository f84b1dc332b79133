import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const RUNNERS = /^(?:vitest|jest|expect)(?:\/|$)|^@(?:vitest|jest)\//;

/** Every module specifier a source file imports or re-exports, type-only imports left out. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (match[1]) found.push(match[1]);
  }
  return found;
}

/** The source files `entry` loads at run time, following relative imports. */
function graph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const specs = specifiers(file);
    seen.set(file, specs);
    for (const spec of specs) if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

describe('the main entry point', () => {
  it('never loads Vitest or Jest, so importing fake-kms works without either installed', () => {
    const offenders = [...graph(join(SRC, 'index.ts'))].flatMap(([file, specs]) =>
      specs.filter((s) => RUNNERS.test(s)).map((s) => `${file} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('is not what the runner entries are: they do load their runner', () => {
    const runnerImports = (entry: string) =>
      [...graph(join(SRC, 'testing', entry)).values()].flat().filter((s) => RUNNERS.test(s));
    expect(runnerImports('vitest.ts')).toContain('vitest');
    expect(runnerImports('jest.ts')).toContain('@jest/globals');
  });
});
