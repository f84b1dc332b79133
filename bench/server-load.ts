import { Agent, request } from 'node:http';

/** One KMS request as bytes on the wire: the same for every server measured. */
export interface WireRequest {
  target: string;
  body: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  /** Latencies of successful requests, milliseconds, sorted. */
  latencies: number[];
}

// Neither server checks signatures here, but both read the Region (and moto the account) from the scope.
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

/**
 * Closed-loop load: `concurrency` workers on keep-alive connections, each sending its next request as soon as
 * the last one is answered, for `durationMs`. The same generator, client and concurrency for every server.
 */
export async function load(
  url: string,
  wire: () => WireRequest,
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await send(agent, url, wire()).catch(() => ({ status: 0, body: '' }));
      if (res.status === 200) latencies.push(performance.now() - t0);
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, latencies };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
