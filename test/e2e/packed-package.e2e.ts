import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { run } from './run-command.js';
import { addJest29Variant, createProject, JEST_29 } from './temp-project.js';

let dir = '';
const node = process.execPath;
const bin = (name: string) => join(dir, 'node_modules', name);

/** Passed tests counted from a runner's summary line ("Tests  13 passed" / "Tests:       13 passed"). */
function passed(output: string): number {
  return Number(/Tests:?\s+(\d+) passed/.exec(output)?.[1] ?? 0);
}

function expectGreen(result: { status: number | null; output: string }, atLeast: number): void {
  if (result.status !== 0) throw new Error(result.output);
  expect(result.output).not.toMatch(/\d+ failed/);
  expect(passed(result.output)).toBeGreaterThanOrEqual(atLeast);
}

describe('the packed package, installed into a fresh project', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fake-kms-e2e-'));
    createProject(dir, inject('packedTarball'));
    addJest29Variant(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads neither Vitest nor Jest when the main entry is required (CommonJS)', () => {
    const probe = `require('fake-kms'); const loaded = Object.keys(require.cache).filter((p) => /node_modules[\\\\/](vitest|@vitest|jest|@jest|expect)[\\\\/]/.test(p)); console.log(JSON.stringify(loaded));`;
    const result = run(node, ['-e', probe], dir);
    expect(result.status, result.output).toBe(0);
    expect(JSON.parse(result.output.trim())).toEqual([]);
  });

  it('loads neither Vitest nor Jest when the main entry is imported (ES module)', () => {
    // A resolve hook that refuses the test runners: importing fake-kms fails if anything it loads asks for one.
    writeFileSync(
      join(dir, 'refuse-runners.mjs'),
      `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(specifier, context, next) {
  if (/^(?:vitest|jest|expect)(?:\\\\/|$)|^@(?:vitest|jest)\\\\//.test(specifier)) throw new Error('refused to load ' + specifier);
  return next(specifier, context);
}\`));
`,
    );
    // The hook works: the runner entry points do ask for their runner, and are refused.
    for (const [entry, runner] of [
      ['fake-kms/vitest', 'vitest'],
      ['fake-kms/jest', '@jest/globals'],
    ]) {
      const check = run(
        node,
        ['--import', './refuse-runners.mjs', '--input-type=module', '-e', `await import('${entry}')`],
        dir,
      );
      expect(check.output).toContain(`refused to load ${runner}`);
    }
    const result = run(
      node,
      [
        '--import',
        './refuse-runners.mjs',
        '--input-type=module',
        '-e',
        "const m = await import('fake-kms'); console.log(typeof m.createKmsFake)",
      ],
      dir,
    );
    expect(result.status, result.output).toBe(0);
    expect(result.output.trim()).toBe('function');
  });

  it('ships fake-kms/fixtures with its scenario files, for import and for require', () => {
    const esm = run(
      node,
      [
        '--input-type=module',
        '-e',
        "const f = await import('fake-kms/fixtures'); console.log(f.scenarioNames().join(','))",
      ],
      dir,
    );
    const cjs = run(node, ['-e', "console.log(require('fake-kms/fixtures').scenarioNames().join(','))"], dir);
    for (const result of [esm, cjs]) {
      expect(result.status, result.output).toBe(0);
      expect(result.output.trim().split(',')).toContain('example-key-store');
    }
  });

  it('runs the example tests under Vitest, as ES modules', () => {
    expectGreen(run(node, [bin('vitest/vitest.mjs'), 'run'], join(dir, 'esm')), 14);
  });

  it('runs the example tests under Jest with native ES modules', () => {
    expectGreen(run(node, ['--experimental-vm-modules', bin('jest/bin/jest.js')], join(dir, 'esm')), 14);
  });

  it('runs the example tests under Jest as CommonJS', () => {
    expectGreen(run(node, [bin('jest/bin/jest.js')], join(dir, 'cjs')), 14);
  });

  it(`runs the example tests under Jest ${JEST_29} as CommonJS`, () => {
    const jest29 = join(dir, 'jest29', 'node_modules', 'jest', 'bin', 'jest.js');
    expect(run(node, [jest29, '--version'], join(dir, 'jest29')).output.trim()).toBe(JEST_29);
    expectGreen(run(node, [jest29], join(dir, 'jest29')), 14);
  });

  it('runs the example tests under Vitest with the code under test compiled to CommonJS', () => {
    const build = run(node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], join(dir, 'cjs'));
    expect(build.status, build.output).toBe(0);
    expectGreen(run(node, [bin('vitest/vitest.mjs'), 'run'], join(dir, 'cjs')), 14);
  });

  it('type-checks the public API type tests against the declarations, for import and for require', () => {
    for (const variant of ['esm', 'cjs']) {
      const result = run(node, [bin('typescript/bin/tsc'), '-p', 'tsconfig.json'], join(dir, variant));
      expect(result.status, `${variant}: ${result.output}`).toBe(0);
    }
  });
});
