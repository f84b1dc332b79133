/**
 * Requests per second of `fake-kms serve` against moto's server on loopback, side by side in one run, with the
 * same load generator, client, requests and concurrency (bench/server-load.ts). Reported as a ratio and
 * latency percentiles; never asserted in tests.
 *
 *   npm run bench:server            (BENCH_CONCURRENCY=16 BENCH_DURATION_MS=3000 by default)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { load, percentile, send, type WireRequest } from './server-load.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const REPO = join(import.meta.dirname, '..');

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  /** Back to an empty state between operations. */
  reset: string;
}

function start(name: string, command: string, args: string[], ready: RegExp, reset: string): Promise<Server> {
  const child = spawn(command, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      const url = ready.exec(seen)?.[1];
      if (url) resolve({ name, url, child, reset });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}) before it listened:\n${seen}`)));
  });
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.on('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function post(url: string): Promise<void> {
  await fetch(url, { method: 'POST' });
}

/** An operation to measure: its setup (run once on a fresh server) gives the request to repeat. */
interface Operation {
  name: string;
  setup: (agent: Agent, url: string) => Promise<(() => WireRequest) | undefined>;
}

const createKey = (): WireRequest => ({ target: 'CreateKey', body: '{}' });

/** A key to describe or encrypt under, or undefined when the server cannot make one. */
async function oneKey(agent: Agent, url: string): Promise<string | undefined> {
  const res = await send(agent, url, createKey());
  return res.status === 200
    ? (JSON.parse(res.body) as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
    : undefined;
}

const OPERATIONS: Operation[] = [
  {
    name: 'ListKeys',
    setup: async (agent, url) => ((await oneKey(agent, url)) ? () => ({ target: 'ListKeys', body: '{}' }) : undefined),
  },
  {
    name: 'DescribeKey',
    setup: async (agent, url) => {
      const id = await oneKey(agent, url);
      return id ? () => ({ target: 'DescribeKey', body: JSON.stringify({ KeyId: id }) }) : undefined;
    },
  },
  {
    name: 'Encrypt',
    setup: async (agent, url) => {
      const id = await oneKey(agent, url);
      const body = JSON.stringify({ KeyId: id, Plaintext: Buffer.from('fake-kms benchmark').toString('base64') });
      return id ? () => ({ target: 'Encrypt', body }) : undefined;
    },
  },
  { name: 'CreateKey', setup: async () => createKey },
  {
    name: 'DescribeCustomKeyStores (5 stores)',
    setup: async (agent, url) => {
      for (let i = 0; i < 5; i++) {
        const body = JSON.stringify({
          CustomKeyStoreName: `bench-${i}`,
          CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
          XksProxyConnectivity: 'PUBLIC_ENDPOINT',
          XksProxyUriEndpoint: `https://xks-${i}.example.com`,
          XksProxyUriPath: '/kms/xks/v1',
          XksProxyAuthenticationCredential: {
            AccessKeyId: 'ABCDE23456ABCDE23456',
            RawSecretAccessKey: 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=',
          },
        });
        // A server that cannot create stores still shows what it answers to Describe, in the probe.
        await send(agent, url, { target: 'CreateCustomKeyStore', body });
      }
      return () => ({ target: 'DescribeCustomKeyStores', body: '{}' });
    },
  },
];

interface Row {
  operation: string;
  server: string;
  rps?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  note?: string;
}

async function measure(server: Server, operation: Operation): Promise<Row> {
  await post(`${server.url}${server.reset}`);
  const agent = new Agent({ keepAlive: true });
  const wire = await operation.setup(agent, server.url).catch(() => undefined);
  const probe = wire ? await send(agent, server.url, wire()) : undefined;
  agent.destroy();
  if (!wire || probe?.status !== 200) {
    const why = probe ? `${probe.status} ${/"__type":\s*"([^"]+)"/.exec(probe.body)?.[1] ?? ''}` : 'setup refused';
    return { operation: operation.name, server: server.name, note: `not supported (${why.trim()})` };
  }
  await load(server.url, wire, CONCURRENCY, Math.min(500, DURATION_MS)); // warm-up
  await post(`${server.url}${server.reset}`);
  const again = new Agent({ keepAlive: true });
  const measured = await operation.setup(again, server.url);
  again.destroy();
  const result = await load(server.url, measured ?? wire, CONCURRENCY, DURATION_MS);
  return {
    operation: operation.name,
    server: server.name,
    rps: result.requests / result.seconds,
    p50: percentile(result.latencies, 50),
    p95: percentile(result.latencies, 95),
    p99: percentile(result.latencies, 99),
    note: result.errors ? `${result.errors} errors` : undefined,
  };
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? '–' : n.toFixed(digits));

async function main(): Promise<void> {
  const fake = await start(
    'fake-kms',
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--seed', 'bench'],
    /fake-kms listening on (http:\/\/\S+)/,
    '/_fake-kms/reset',
  );
  // The floor: a Node HTTP server that answers every request with one canned body and does nothing else. What the machine
  // and the load generator allow at the moment; fake-kms's distance from it is its own cost.
  const floor = await start(
    'HTTP floor',
    process.execPath,
    [
      '-e',
      "const s=require('node:http').createServer((q,r)=>{q.resume();q.on('end',()=>{r.writeHead(200,{'content-type':'application/x-amz-json-1.1'});r.end('{\"KeyMetadata\":{\"KeyId\":\"floor\"}}')})});s.listen(0,'127.0.0.1',()=>console.log('listening on http://127.0.0.1:'+s.address().port));process.on('SIGTERM',()=>s.close(()=>process.exit(0)))",
    ],
    /listening on (http:\/\/\S+)/,
    '/',
  );
  const moto = await start(
    'moto',
    'python3',
    ['-u', '-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'],
    /Running on (http:\/\/127\.0\.0\.1:\d+)/,
    '/moto-api/reset',
  );
  console.log(
    `fake-kms ${fake.url}, moto ${moto.url}, floor ${floor.url}; concurrency ${CONCURRENCY}, ${DURATION_MS} ms per operation and server\n`,
  );
  const rows: Row[] = [];
  try {
    for (const operation of OPERATIONS) {
      // Alternate which server goes first, so neither gains from a warmer machine.
      const order = rows.length % 6 === 0 ? [fake, moto, floor] : [moto, floor, fake];
      for (const server of order) rows.push(await measure(server, operation));
    }
  } finally {
    await Promise.all([stop(fake), stop(moto), stop(floor)]);
  }
  console.log('| operation | server | req/s | p50 ms | p95 ms | p99 ms | fake-kms / moto | fake-kms / floor | note |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const operation of OPERATIONS) {
    const f = rows.find((r) => r.operation === operation.name && r.server === 'fake-kms');
    const m = rows.find((r) => r.operation === operation.name && r.server === 'moto');
    const h = rows.find((r) => r.operation === operation.name && r.server === 'HTTP floor');
    const ratio = f?.rps && m?.rps ? `${(f.rps / m.rps).toFixed(1)}×` : '–';
    const ofFloor = f?.rps && h?.rps ? `${((100 * f.rps) / h.rps).toFixed(0)} %` : '–';
    for (const row of [f, m, h]) {
      if (!row) continue;
      const [r1, r2] = row === f ? [ratio, ofFloor] : ['', ''];
      console.log(
        `| ${row.operation} | ${row.server} | ${fmt(row.rps, 0)} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${r1} | ${r2} | ${row.note ?? ''} |`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
