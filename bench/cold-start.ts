/**
 * Target 5 of issue 13: cold start, each probe in a fresh Node process against the built package (`dist/`,
 * as users get it; `npm run bench` builds it first). Probes run interleaved, round after round.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fmt, median, type Row, row } from './lib/stats.js';
import type { BenchOptions } from './options.js';

/** Each probe prints the milliseconds since its process started when its work is done. */
const PROBES = {
  node: '',
  sdk: "await import('@aws-sdk/client-kms');",
  fake: "await import('fake-kms');",
  fixtures: "await import('fake-kms/fixtures');",
  fixturesBuild: "const f = await import('fake-kms/fixtures'); f.cloudHsmStore.seed(1).build();",
  firstCall: `const { createKmsFake } = await import('fake-kms');
    const { DescribeCustomKeyStoresCommand } = await import('@aws-sdk/client-kms');
    await createKmsFake().client().send(new DescribeCustomKeyStoresCommand({}));`,
  // Which heavy modules a plain import of fake-kms/fixtures brought in (0 = none), via the CommonJS build.
  fixturesModules: `const { createRequire } = await import('node:module');
    const require = createRequire(process.cwd() + '/package.json');
    require('fake-kms/fixtures');
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({ x509: loaded.filter((p) => p.includes('@peculiar')).length,
      fakerLocales: loaded.filter((p) => /faker.*locale/.test(p)).length }));`,
} as const;

function run(script: string): number {
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `${script}\nconsole.log(performance.now());`],
    { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
  );
  if (result.status !== 0) throw new Error(`cold-start probe failed: ${result.stderr}`);
  return Number(result.stdout.trim().split('\n').pop());
}

export async function coldStart(options: BenchOptions): Promise<Row[]> {
  if (!existsSync('dist/index.js'))
    throw new Error('cold start measures the built package: run `npm run build` first.');
  const rounds = options.quick ? 3 : 9;
  const names = ['node', 'sdk', 'fake', 'fixtures', 'fixturesBuild', 'firstCall'] as const;
  const ms = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<(typeof names)[number], number[]>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...names].reverse() : names;
    for (const name of order) ms[name].push(run(PROBES[name]));
  }
  const modules = spawnSync(process.execPath, ['--input-type=module', '-e', PROBES.fixturesModules], {
    encoding: 'utf8',
  }).stdout.trim();
  const abs = (n: (typeof names)[number]) => `${fmt(median(ms[n]))} ms`;
  return [
    row(
      {
        id: '5a',
        figure: "import('fake-kms') / import('@aws-sdk/client-kms')",
        how: `fresh process each, ms since process start; ${abs('sdk')} vs ${abs('fake')} (bare node ${abs('node')})`,
        unit: '×',
        target: '≤ 1.3',
      },
      ms.fake.map((t, i) => t / (ms.sdk[i] as number)),
    ),
    row(
      {
        id: '5b',
        figure: "import('fake-kms/fixtures')",
        how: `fresh process; first build() (loads faker's English locale) ${abs('fixturesBuild')}; modules loaded by the import alone (CommonJS build): ${modules}`,
        unit: 'ms',
        target: 'report',
      },
      ms.fixtures,
    ),
    row(
      {
        id: '5c',
        figure: 'createKmsFake() + first Describe through fake.client()',
        how: 'fresh process, including both imports',
        unit: 'ms',
        target: 'report',
      },
      ms.firstCall,
    ),
  ];
}
