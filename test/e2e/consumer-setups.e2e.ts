import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createConsumerProject, pin, pinned } from './consumer-project.js';
import { run } from './run-command.js';

/**
 * The packed package in the projects users actually have: one per Vitest major with Vitest alone (no Jest,
 * no @types/jest), and a CommonJS one with Jest alone. Each is strict TypeScript, type-checked with `tsc`.
 */

const node = process.execPath;
/** Generous: npm may have to fetch a Vitest major the repository does not use from the registry. */
const INSTALL_TIMEOUT = 300_000;

/** The last release of each Vitest major fake-kms supports (the peer range says >=2), with its Vite. */
const VITEST_MAJORS = [
  { vitest: '2.1.9', vite: '5.4.21' },
  { vitest: '3.2.7', vite: '7.3.8' },
  { vitest: pin('vitest'), vite: pin('vite') },
] as const;

/** tsc under a loaded machine (it reads the SDK's and the runner's declarations too). */
const TSC_TIMEOUT = 240_000;

/** Runs Node with no require(esm), as Node 20 before 20.19 and 22 before 22.12 did. */
const WITHOUT_REQUIRE_ESM = ['--no-experimental-require-module'];

function expectGreen(result: { status: number | null; output: string }, tests: number): void {
  if (result.status !== 0) throw new Error(result.output);
  expect(result.output).not.toMatch(/\d+ failed/);
  expect(result.output).toMatch(new RegExp(`Tests:?\\s+${tests} passed`));
}

/** `tsc -p project`; the projects are strict and skip checking libraries unless `checkLibraries`. */
function tsc(dir: string, project: string, checkLibraries = false): void {
  const args = ['-p', project, ...(checkLibraries ? ['--skipLibCheck', 'false'] : [])];
  const result = run(node, [join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), ...args], dir);
  expect(result.status, `tsc ${args.join(' ')}: ${result.output}`).toBe(0);
}

const installed = (dir: string, name: string) => existsSync(join(dir, 'node_modules', name, 'package.json'));

for (const { vitest, vite } of VITEST_MAJORS) {
  describe(`a strict TypeScript project with Vitest ${vitest} and no Jest`, () => {
    let dir = '';
    beforeAll(() => {
      dir = createConsumerProject('vitest', 'module', inject('packedTarball'), {
        vitest,
        vite,
        ...pinned('typescript', '@types/node', '@aws-sdk/client-kms'),
      });
    }, INSTALL_TIMEOUT);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('has no Jest and no Jest types installed', () => {
      expect(installed(dir, 'vitest')).toBe(true);
      for (const name of ['jest', '@jest/globals', '@jest/expect', '@types/jest'])
        expect(installed(dir, name)).toBe(false);
    });

    // Each order is its own tsc program: the first import of the program's root file decides which
    // declarations TypeScript reads first.
    it(
      'types the matchers when a test file imports fake-kms/vitest before vitest',
      () => {
        tsc(dir, 'tsconfig.fake-kms-first.json');
      },
      TSC_TIMEOUT,
    );

    it(
      'types the matchers when a test file imports vitest before fake-kms/vitest',
      () => {
        tsc(dir, 'tsconfig.vitest-first.json');
      },
      TSC_TIMEOUT,
    );

    if (vitest === pin('vitest')) {
      it(
        "checks fake-kms's declarations too, with skipLibCheck off",
        () => {
          tsc(dir, 'tsconfig.json', true);
        },
        TSC_TIMEOUT,
      );
    }

    it(`runs useKmsFake and the matchers under Vitest ${vitest}`, () => {
      const result = run(node, [join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], dir);
      expect(result.output).toContain(`v${vitest}`);
      expectGreen(result, 6);
    });
  });
}

describe('a strict CommonJS TypeScript project with Jest and no Vitest', () => {
  let dir = '';
  beforeAll(() => {
    dir = createConsumerProject('jest', 'commonjs', inject('packedTarball'), {
      ...pinned('jest', '@jest/globals', '@swc/core', '@swc/jest', 'typescript', '@types/node', '@aws-sdk/client-kms'),
      // Only for check-engines.cjs.
      semver: '7.8.6',
    });
  }, INSTALL_TIMEOUT);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has no Vitest and no @types/jest installed', () => {
    expect(installed(dir, 'jest')).toBe(true);
    for (const name of ['vitest', '@types/jest']) expect(installed(dir, name)).toBe(false);
  });

  it(
    'types the matchers on @jest/globals expect when a test file imports fake-kms/jest first',
    () => {
      tsc(dir, 'tsconfig.fake-kms-first.json');
    },
    TSC_TIMEOUT,
  );

  it(
    'types the matchers on @jest/globals expect when a test file imports @jest/globals first',
    () => {
      tsc(dir, 'tsconfig.jest-first.json');
    },
    TSC_TIMEOUT,
  );

  it(
    "checks every suite and fake-kms's CommonJS declarations, with skipLibCheck off",
    () => {
      tsc(dir, 'tsconfig.json', true);
    },
    TSC_TIMEOUT,
  );

  it('runs the suites as CommonJS under Jest, fake-kms/fixtures included', () => {
    expectGreen(run(node, [join(dir, 'node_modules', 'jest', 'bin', 'jest.js')], dir), 8);
  });

  it('requires fake-kms and fake-kms/fixtures from plain Node, with require(esm) and without it', () => {
    // Without require(esm), faker itself cannot be required: the flag does what it says.
    const faker = run(node, [...WITHOUT_REQUIRE_ESM, '-e', "require('@faker-js/faker')"], dir);
    expect(faker.output).toContain('ERR_REQUIRE_ESM');
    const probe =
      "const { createKmsFake } = require('fake-kms'); const { cluster } = require('fake-kms/fixtures'); console.log(createKmsFake({ clusters: [cluster.seed(1).build()] }).world.cluster(cluster.seed(1).build().clusterId).describe().state)";
    for (const flags of [[], WITHOUT_REQUIRE_ESM]) {
      const result = run(node, [...flags, '-e', probe], dir);
      expect(result.status, `${flags.join(' ')}: ${result.output}`).toBe(0);
      expect(result.output.trim()).toBe('ACTIVE');
    }
  });

  it('makes the same fixture data through require() as through import', () => {
    const dump =
      'JSON.stringify([f.cluster.seed(7).build(), f.cloudHsmStore.seed(7).build(), f.proxy.seed(7).build()])';
    const required = run(node, ['-e', `const f = require('fake-kms/fixtures'); console.log(${dump})`], dir);
    const imported = run(
      node,
      ['--input-type=module', '-e', `const f = await import('fake-kms/fixtures'); console.log(${dump})`],
      dir,
    );
    expect(required.status, required.output).toBe(0);
    expect(imported.status, imported.output).toBe(0);
    expect(required.output.length).toBeGreaterThan(500);
    expect(required.output).toBe(imported.output);
  });

  it('admits no Node version in engines that one of its runtime dependencies rejects', () => {
    const result = run(node, ['check-engines.cjs'], dir);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('@faker-js/faker@');
  });
});
