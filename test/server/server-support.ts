import { request } from 'node:http';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll } from 'vitest';
import { type KmsServer, type KmsServerOptions, startKmsServer } from '../../src/adapters/http/kms-server.js';

/** A server on a free loopback port for the file's tests; `current()` is valid inside tests. */
export function useServer(options: KmsServerOptions = {}): () => KmsServer {
  let server: KmsServer | undefined;
  beforeAll(async () => {
    server = await startKmsServer({ port: 0, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the server has not started');
    return server;
  };
}

/** A real KMSClient pointed at the server, signing with a fixed key, as any SDK user's client would. */
export function clientFor(
  server: KmsServer,
  options: { region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): KMSClient {
  return new KMSClient({
    endpoint: server.url,
    region: options.region ?? 'us-east-1',
    credentials: {
      accessKeyId: options.accessKeyId ?? 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: options.secretAccessKey ?? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    maxAttempts: 1,
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP exchange with exactly these headers and body, nothing added but Host and Content-Length. */
export function raw(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path ?? '/', url);
    const req = request(
      target,
      { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A KMS request as an SDK sends it, unsigned. */
export function kmsRequest(url: string, operation: string, body: unknown = {}): Promise<RawResponse> {
  return raw(url, {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `TrentService.${operation}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A control API call: JSON in, JSON out. */
export async function control(
  server: KmsServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await raw(server.url, {
    method,
    path: `/_fake-kms/${path}`,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
}
