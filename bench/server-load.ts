import { Agent, request } from 'node:http';

/** One KMS request as bytes on the wire: the same for every server measured. */
export interface WireRequest {
  target: string;
  body: string;
}

/**
 * What a load generator sends: one request again and again, or a custom key store created and then deleted
 * (the create body's `%N%` numbered, so names and endpoints stay unique).
 */
export type Workload = { kind: 'repeat'; request: WireRequest } | { kind: 'create-delete'; template: string };

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  /** Latency percentiles, milliseconds. */
  p50: number;
  p90: number;
  p99: number;
}

/** A closed-loop load generator: `concurrency` keep-alive connections, each sending as soon as it is answered. */
export interface LoadGenerator {
  /** What the report says was used. */
  name: string;
  run(url: string, workload: Workload, concurrency: number, durationMs: number): Promise<LoadResult>;
}

// Neither server checks signatures here, but both read the Region (and moto the account) from the scope.
// bench/server-wrk.lua sends the same headers.
const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261130/us-east-1/kms/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000';

/** Send one request; resolves with the status and body. */
export function send(agent: Agent, url: string, wire: WireRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `TrentService.${wire.target}`,
          'x-amz-date': '20261130T000000Z',
          authorization: AUTHORIZATION,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(wire.body);
  });
}

/** The id in a CreateCustomKeyStore answer, if it is one. */
export function storeIdOf(res: { status: number; body: string }): string | undefined {
  return res.status === 200 ? /"CustomKeyStoreId"\s*:\s*"([^"]+)"/.exec(res.body)?.[1] : undefined;
}

/**
 * The fallback generator, in Node: it shares the machine's CPU with the servers it measures (wrk, in C,
 * takes far less), so it understates both; the ratio stays fair because both get the same.
 */
export const nodeGenerator: LoadGenerator = {
  name: 'Node http (bench/server-load.ts; install wrk for a generator that leaves the CPU to the servers)',
  async run(url, workload, concurrency, durationMs) {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const latencies: number[] = [];
    let errors = 0;
    let numbered = 0;
    const start = performance.now();
    const end = start + durationMs;
    const timed = async (wire: WireRequest) => {
      const t0 = performance.now();
      const res = await send(agent, url, wire).catch(() => ({ status: 0, body: '' }));
      latencies.push(performance.now() - t0);
      if (res.status !== 200) errors += 1;
      return res;
    };
    const worker = async () => {
      while (performance.now() < end) {
        if (workload.kind === 'repeat') {
          await timed(workload.request);
          continue;
        }
        numbered += 1;
        const id = storeIdOf(
          await timed({ target: 'CreateCustomKeyStore', body: number(workload.template, numbered) }),
        );
        if (id) await timed({ target: 'DeleteCustomKeyStore', body: JSON.stringify({ CustomKeyStoreId: id }) });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      errors,
      seconds,
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
    };
  },
};

export function number(template: string, n: number): string {
  return template.replaceAll('%N%', String(n));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
