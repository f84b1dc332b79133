/**
 * Requests per second of `fake-kms serve` (the built bin, dist/cli.js) against moto's server
 * (`python3 -m moto.server`) on loopback, side by side in one run: the same load generator, requests and
 * concurrency for both, rounds interleaved with the order rotated. An HTTP floor (a Node server with one canned
 * answer) runs beside them, so the machine's state shows. Reported as ratios and latency percentiles; never
 * asserted in tests, and not run in CI.
 *
 * The load generator is wrk when it is on the PATH (Debian: `apt-get install wrk`): written in C, it leaves
 * the CPU to the servers. Without it the Node generator in bench/server-load.ts stands in, and the report says
 * so (it competes with the servers for the CPU and understates both).
 *
 *   npm run bench:server   (BENCH_CONCURRENCY=16 BENCH_DURATION_MS=2000 BENCH_ROUNDS=2 BENCH_GENERATOR=wrk|node)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { type LoadGenerator, type LoadResult, nodeGenerator } from './server-load.js';
import { OPERATIONS, type Operation, probe } from './server-operations.js';
import { wrkGenerator } from './server-wrk.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const REPO = join(import.meta.dirname, '..');
const BIN = join(REPO, 'dist', 'cli.js');

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
    let up = false;
    // Keep reading after the ready line (moto logs every request), but keep nothing.
    const onData = (d: Buffer) => {
      if (up) return;
      seen += d.toString();
      const url = ready.exec(seen)?.[1];
      if (url) {
        up = true;
        resolve({ name, url, child, reset });
      }
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

/** A fresh server state and the operation's workload on it, or why this server cannot run it. */
async function prepare(server: Server, operation: Operation) {
  await fetch(`${server.url}${server.reset}`, { method: 'POST' });
  const agent = new Agent({ keepAlive: true });
  try {
    const workload = await operation.setup(agent, server.url).catch(() => undefined);
    if (!workload) return { why: 'setup refused' };
    const why = await probe(agent, server.url, workload);
    return why ? { why } : { workload };
  } finally {
    agent.destroy();
  }
}

interface Row {
  operation: string;
  server: string;
  runs: LoadResult[];
  note?: string;
}

async function measure(generator: LoadGenerator, server: Server, operation: Operation, round: number): Promise<Row> {
  let prepared = await prepare(server, operation);
  if (prepared.workload && round === 0) {
    await generator.run(server.url, prepared.workload, CONCURRENCY, 1000); // warm-up (the JIT, moto's imports)
    prepared = await prepare(server, operation); // the reset dropped the warm-up's key: use the new one
  }
  if (!prepared.workload) {
    return { operation: operation.name, server: server.name, runs: [], note: `not supported (${prepared.why})` };
  }
  const result = await generator.run(server.url, prepared.workload, CONCURRENCY, DURATION_MS);
  return { operation: operation.name, server: server.name, runs: [result] };
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Requests per second over every round, and each percentile's mean over the rounds. */
function summary(row: Row | undefined) {
  if (!row || row.runs.length === 0) return undefined;
  const { runs } = row;
  return {
    rps: runs.reduce((a, r) => a + r.requests, 0) / runs.reduce((a, r) => a + r.seconds, 0),
    p50: mean(runs.map((r) => r.p50)),
    p90: mean(runs.map((r) => r.p90)),
    p99: mean(runs.map((r) => r.p99)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
  };
}

async function main(): Promise<void> {
  if (!existsSync(BIN)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench:server does).');
  const generator = process.env.BENCH_GENERATOR === 'node' ? nodeGenerator : (wrkGenerator() ?? nodeGenerator);
  const fake = await start(
    'fake-kms',
    process.execPath,
    // The quota raised so that stores created and deleted under load never hit it.
    [BIN, 'serve', '--port', '0', '--quota', '100000'],
    /^fake-kms listening on (http:\/\/\S+:\d+)$/m,
    '/_fake-kms/reset',
  );
  // The floor: everything HTTP costs on this machine at this moment, nothing a KMS does.
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
  console.log(`generator: ${generator.name}`);
  console.log(
    `concurrency ${CONCURRENCY} keep-alive connections; ${ROUNDS} rounds of ${DURATION_MS} ms per operation and server, interleaved (order rotated), after a 1 s warm-up`,
  );
  console.log(`fake-kms ${fake.url} (node dist/cli.js serve), moto ${moto.url}, floor ${floor.url}\n`);
  const servers = [fake, moto, floor];
  const rows: Row[] = [];
  try {
    for (const [i, operation] of OPERATIONS.entries()) {
      for (let round = 0; round < ROUNDS; round++) {
        // Rotate which server goes first, so none gains from a calmer moment.
        const order = servers.map((_, k) => servers[(k + i + round) % servers.length] as Server);
        for (const server of order) {
          const row = await measure(generator, server, operation, round);
          const known = rows.find((r) => r.operation === row.operation && r.server === row.server);
          if (known) known.runs.push(...row.runs);
          else rows.push(row);
        }
      }
    }
  } finally {
    await Promise.all(servers.map(stop));
  }
  console.log('| operation | server | req/s | p50 ms | p90 ms | p99 ms | fake-kms / moto | fake-kms / floor | note |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const operation of OPERATIONS) {
    const pick = (server: Server) => rows.find((r) => r.operation === operation.name && r.server === server.name);
    const [f, m, h] = [summary(pick(fake)), summary(pick(moto)), summary(pick(floor))];
    const ratio = f && m ? `${(f.rps / m.rps).toFixed(1)}×` : '–';
    const ofFloor = f && h ? `${((100 * f.rps) / h.rps).toFixed(0)} %` : '–';
    for (const server of servers) {
      const row = pick(server);
      const s = summary(row);
      const [r1, r2] = server === fake ? [ratio, ofFloor] : ['', ''];
      const note = row?.note ?? (s?.errors ? `${s.errors} errors` : '');
      console.log(
        `| ${operation.name} | ${server.name} | ${fmt(s?.rps, 0)} | ${fmt(s?.p50)} | ${fmt(s?.p90)} | ${fmt(s?.p99)} | ${r1} | ${r2} | ${note} |`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
