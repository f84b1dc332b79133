/**
 * Target 6 of issue 13: one Vitest file of N tests (each: reset, create, connect, describe) written with
 * `useKmsFake`, against the same N tests written with aws-sdk-client-mock stubs. Each file runs in its own
 * `vitest run`, the files alternating round after round; the figure is the ratio of wall times, and the ratio
 * of CPU times (which a neighbour on a shared machine inflates far less) is given beside it. Three more files
 * set the figure in context: the same tests with `fastKmsClientConfig()` in the test file, the same tests
 * under `useKmsFake({ fastClients: true })` (row 6d: nothing in the code under test changes), and the floor
 * of any fake behind the real client (the default KMSClient answered by canned responses).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { TRUST_ANCHOR } from './lib/floor.js';
import { fmt, median, type Row, row } from './lib/stats.js';
import type { BenchOptions } from './options.js';

const DIR = 'bench/.suite';

const COMMON = `import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { beforeAll, beforeEach, expect, it } from 'vitest';
const create = {
  CustomKeyStoreName: 'payments-hsm',
  CloudHsmClusterId: 'cluster-abcdefghijk',
  TrustAnchorCertificate: ${JSON.stringify(TRUST_ANCHOR)},
  KeyStorePassword: 'kmsPswd-2026',
};
`;

const TESTS = (n: number, clientConfig = '') => `
let kms: KMSClient;
beforeAll(() => {
  kms = new KMSClient({ region: 'us-east-1'${clientConfig} });
});
for (let i = 0; i < ${n}; i++) {
  it(\`creates, connects and describes a store (\${i})\`, async () => {
    const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(create));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
    expect(CustomKeyStores?.[0]?.ConnectionState).toBe('CONNECTING');
  });
}
`;

const FAKE = (n: number) => `${COMMON}import { useKmsFake } from 'fake-kms/vitest';
useKmsFake();
void beforeEach;
${TESTS(n)}`;

/** The same, with the client built from the documented fast configuration (target 2). */
const FAST = (n: number) => `${COMMON}import { fastKmsClientConfig } from 'fake-kms';
import { useKmsFake } from 'fake-kms/vitest';
useKmsFake();
void beforeEach;
${TESTS(n, ', ...fastKmsClientConfig()')}`;

/** The same tests as FAKE, the clients given the fast configuration by the install itself (no change to the code under test). */
const FAST_CLIENTS = (n: number) => `${COMMON}import { useKmsFake } from 'fake-kms/vitest';
useKmsFake({ fastClients: true });
void beforeEach;
${TESTS(n)}`;

/** The store the stubs and the floor answer Describe with (its creation date as each side writes it). */
const DESCRIBED = (creationDate: string) => `{
        CustomKeyStoreId: 'cks-1234567890abcdef0',
        CustomKeyStoreName: 'payments-hsm',
        CloudHsmClusterId: 'cluster-abcdefghijk',
        TrustAnchorCertificate: create.TrustAnchorCertificate,
        ConnectionState: 'CONNECTING',
        CreationDate: ${creationDate},
        CustomKeyStoreType: 'AWS_CLOUDHSM',
      },`;

const MOCK = (n: number) => `${COMMON}import { mockClient } from 'aws-sdk-client-mock';
const mock = mockClient(KMSClient);
beforeEach(() => {
  mock.reset();
  mock.on(CreateCustomKeyStoreCommand).resolves({ CustomKeyStoreId: 'cks-1234567890abcdef0' });
  mock.on(ConnectCustomKeyStoreCommand).resolves({});
  mock.on(DescribeCustomKeyStoresCommand).resolves({
    CustomKeyStores: [
      ${DESCRIBED('new Date()')}
    ],
  });
});
${TESTS(n)}`;

/**
 * The floor of any fake behind the real client: the same tests, the same default \`KMSClient\` pipeline
 * (serialize, sign, retry, deserialize), but a \`requestHandler\` that returns canned responses and no fake.
 */
const FLOOR = (
  n: number,
) => `${COMMON}const body = (output: unknown) => new TextEncoder().encode(JSON.stringify(output));
const canned: Record<string, unknown> = {
  'TrentService.CreateCustomKeyStore': { CustomKeyStoreId: 'cks-1234567890abcdef0' },
  'TrentService.ConnectCustomKeyStore': {},
  'TrentService.DescribeCustomKeyStores': {
    CustomKeyStores: [
      ${DESCRIBED('1767225600')}
    ],
  },
};
const requestHandler = {
  handle: async (request: { headers: Record<string, string> }) => ({
    response: {
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'floor' },
      body: body(canned[request.headers['x-amz-target'] ?? '']),
    },
  }),
};
void beforeEach;
${TESTS(n, ", credentials: { accessKeyId: 'FAKEKMSFLOORACCESSKEY', secretAccessKey: 'floor' }, requestHandler")}`;

/**
 * The test files import fake-kms as a user's would: the built package (`npm run bench` builds it first),
 * loaded by Node as a dependency in node_modules is (externalized), not compiled from src by Vite on
 * every run (about 2 s of transform that no user pays, and that the stubs side does not pay either).
 */
const CONFIG = `import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
const dist = (path: string) => fileURLToPath(new URL(\`../../dist/\${path}\`, import.meta.url));
export default defineConfig({
  resolve: {
    alias: [
      { find: /^fake-kms$/, replacement: dist('index.js') },
      { find: /^fake-kms\\/vitest$/, replacement: dist('vitest.js') },
    ],
  },
  test: {
    include: ['*.test.ts'],
    environment: 'node',
    server: { deps: { external: [/\\/dist\\//] } },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
`;

interface Run {
  /** Wall time of the whole `vitest run`, ms. */
  wall: number;
  /** CPU time (user + system) of `vitest run` and its workers, ms; NaN where /proc is not there. */
  cpu: number;
}

/**
 * CPU time of the children this process has waited for (Linux /proc, in clock ticks of 10 ms). A neighbour's
 * burst on a shared machine stretches a run's wall time but hardly its CPU time, so the CPU ratio swings less.
 */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime (fields 16 and 17)
  } catch {
    return Number.NaN;
  }
}

function vitest(file: string): Run {
  const start = process.hrtime.bigint();
  const cpuBefore = childrenCpuMs();
  const result = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--root', DIR, '--config', 'vitest.config.ts', file],
    { encoding: 'utf8' },
  );
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`vitest ${file} failed:\n${result.stdout}\n${result.stderr}`);
  return { wall, cpu: childrenCpuMs() - cpuBefore };
}

/** Write the four test files and their config to bench/.suite (also handy for profiling them by hand). */
export function writeSuite(n: number): void {
  if (!existsSync('dist/vitest.js')) throw new Error('bench/suite-overhead: build the package first (npm run build)');
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}/vitest.config.ts`, CONFIG);
  writeFileSync(`${DIR}/fake.test.ts`, FAKE(n));
  writeFileSync(`${DIR}/mock.test.ts`, MOCK(n));
  writeFileSync(`${DIR}/fast.test.ts`, FAST(n));
  writeFileSync(`${DIR}/fast-clients.test.ts`, FAST_CLIENTS(n));
  writeFileSync(`${DIR}/floor.test.ts`, FLOOR(n));
}

export async function suiteOverhead(options: BenchOptions): Promise<Row[]> {
  const n = options.quick ? 200 : 1_000;
  const rounds = options.quick ? 1 : 3;
  writeSuite(n);
  try {
    vitest('mock.test.ts'); // warm-up: Vite's transform cache, the file system cache
    vitest('fake.test.ts');
    const mock: Run[] = [];
    const fake: Run[] = [];
    const fast: Run[] = [];
    const fastClients: Run[] = [];
    const floor: Run[] = [];
    for (let round = 0; round < rounds; round++) {
      const runs: [string, Run[]][] = [
        ['mock.test.ts', mock],
        ['fake.test.ts', fake],
        ['fast.test.ts', fast],
        ['fast-clients.test.ts', fastClients],
        ['floor.test.ts', floor],
      ];
      for (const [file, times] of round % 2 ? runs.reverse() : runs) times.push(vitest(file));
    }
    const seconds = (runs: Run[]) => fmt(median(runs.map((r) => r.wall)) / 1000);
    const perTest = (runs: Run[]) => fmt((median(runs.map((r) => r.wall)) - median(mock.map((r) => r.wall))) / n);
    const cpuRatio = (runs: Run[]) => fmt(median(runs.map((r, i) => r.cpu / (mock[i] as Run).cpu)));
    const cpuSeconds = (runs: Run[]) => fmt(median(runs.map((r) => r.cpu)) / 1000);
    const wallRatios = (runs: Run[]) => runs.map((r, i) => r.wall / (mock[i] as Run).wall);
    return [
      row(
        {
          id: '6',
          figure: `Vitest file of ${n.toLocaleString('en-US')} tests: useKmsFake / aws-sdk-client-mock stubs`,
          how: `each test resets, creates, connects, describes; \`vitest run\` wall ${seconds(mock)} s vs ${seconds(fake)} s (+${perTest(fake)} ms per test), CPU ${cpuSeconds(mock)} s vs ${cpuSeconds(fake)} s (${cpuRatio(fake)}×)`,
          unit: '×',
          target: '≤ 1.2',
        },
        wallRatios(fake),
      ),
      row(
        {
          id: '6b',
          figure: 'the same, the client built with fastKmsClientConfig() / aws-sdk-client-mock stubs',
          how: `same runs, interleaved: wall ${seconds(fast)} s (+${perTest(fast)} ms per test), CPU ${cpuSeconds(fast)} s (${cpuRatio(fast)}×)`,
          unit: '×',
          target: 'report',
        },
        wallRatios(fast),
      ),
      row(
        {
          id: '6d',
          figure: 'the same as row 6 with useKmsFake({ fastClients: true }) / aws-sdk-client-mock stubs',
          how: `same runs: the clients the code builds get the fast configuration from the install; wall ${seconds(fastClients)} s (+${perTest(fastClients)} ms per test), CPU ${cpuSeconds(fastClients)} s (${cpuRatio(fastClients)}×)`,
          unit: '×',
          target: '≤ 1.2',
        },
        wallRatios(fastClients),
      ),
      row(
        {
          id: '6c',
          figure: 'floor of any fake: the same tests, the real KMSClient with canned responses / stubs',
          how: `same runs: wall ${seconds(floor)} s (+${perTest(floor)} ms per test), CPU ${cpuRatio(floor)}×; stubs replace send(): no serializer, signer, deserializer`,
          unit: '×',
          target: 'report',
        },
        wallRatios(floor),
      ),
    ];
  } finally {
    rmSync(DIR, { recursive: true, force: true });
  }
}
