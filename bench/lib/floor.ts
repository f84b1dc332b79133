import { KMSClient } from '@aws-sdk/client-kms';
import { trustAnchorCertificate } from '../../src/fixtures/trust-anchor/trust-anchor-pool.js';
import type { KmsFake } from '../../src/index.js';

type Response = Awaited<ReturnType<KmsFake['requestHandler']['handle']>>['response'];

/**
 * The SDK floor: the same KMSClient configuration as `fake.client()`, whose request handler returns one
 * pre-built response per operation. Everything the SDK does (serialize, sign, retry bookkeeping,
 * deserialize) runs; nothing of the fake does.
 */
export function floorClient(responses: ReadonlyMap<string, Response>, config: object = {}): KMSClient {
  return new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'FAKE111122223333KMS0', secretAccessKey: 'floor' },
    ...config,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        const canned = responses.get(request.headers['x-amz-target'] ?? '') as Response;
        return { response: { ...canned, body: new Uint8Array(canned.body) } };
      },
    },
  });
}

/** The fake's own answer to one request, kept to be replayed by the floor. */
export async function recordResponse(fake: KmsFake, operation: string, input: object): Promise<[string, Response]> {
  const target = `TrentService.${operation}`;
  const { response } = await fake.requestHandler.handle({
    headers: { 'x-amz-target': target },
    body: JSON.stringify(input),
  });
  return [target, response];
}

/** A CloudHSM cluster id valid for the model (`cluster-` + 11 base-32 letters), unique for each `n`. */
export function clusterIdFor(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let s = '';
  let v = n;
  for (let i = 0; i < 11; i++) {
    s += alphabet[v % 32];
    v = Math.floor(v / 32);
  }
  return `cluster-${s}`;
}

/** A real X.509 CA certificate (the world refuses anything else), from the fixtures' seeded pool. */
export const TRUST_ANCHOR = trustAnchorCertificate(0);
