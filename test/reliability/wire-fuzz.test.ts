/**
 * Issue 5, "Wire fuzzing": 10,000 random and mutated awsJson1_1 requests straight into
 * `fake.requestHandler.handle(...)`. Every one must resolve (no throw, no rejection, no hang), with either a
 * 200 JSON object shaped like its operation's output or a well-formed KMS error (`{"__type","message"}` with a
 * known shape name and the status §8.12 gives it); a rejected request must change no store. A bug the fake
 * catches itself and reports as "fake-kms failed unexpectedly" counts as a crash.
 *
 * Deterministic by default; FUZZ_SEED / FUZZ_PATH replay a failure (the message prints them), FUZZ_RUNS
 * changes the number of runs (each run sends 10 requests to a fresh fake).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { KMS_OPERATION_SHAPES, KMS_SHAPES } from '../../src/model/kms-model.generated.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { type FuzzRequest, requestArb, SDK_ERRORS, SEEDED } from './fuzz/requests.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const PER_RUN = 10;
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const PATH = process.env.FUZZ_PATH;
const HANG_MS = 10_000;

const WIRE_ONLY = [
  'UnknownOperationException',
  'SerializationException',
  'ValidationException',
  'NotImplementedException',
];
const KNOWN_ERRORS = new Set([...SDK_ERRORS, ...WIRE_ONLY]);

function statusFor(type: string): number {
  if (type === 'KMSInternalException') return 500;
  if (type === 'DependencyTimeoutException') return 503;
  if (type === 'NotImplementedException') return 501;
  return 400;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function freshFake(): KmsFake {
  const trust = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
  const credential = { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', UriPath: '/kms/xks/v1' };
  const fake = createKmsFake({
    seed: 'fuzz',
    quota: 6,
    timing: { observations: 2 },
    stores: [
      {
        CustomKeyStoreId: SEEDED.hsmConnected,
        CustomKeyStoreName: 'seed-hsm',
        CloudHsmClusterId: 'cluster-abcdefghijk',
        TrustAnchorCertificate: trust,
        KeyStorePassword: 'kmsPswd-123',
        ConnectionState: 'CONNECTED',
      },
      {
        CustomKeyStoreId: SEEDED.hsmDisconnected,
        CustomKeyStoreName: 'seed-hsm-2',
        CloudHsmClusterId: 'cluster-bcdefghijkm',
        TrustAnchorCertificate: trust,
        KeyStorePassword: 'kmsPswd-123',
        KeyCount: 1,
      },
      {
        CustomKeyStoreId: SEEDED.xksFailed,
        CustomKeyStoreName: 'seed-xks',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        ConnectionState: 'FAILED',
        ConnectionErrorCode: 'XKS_PROXY_NOT_REACHABLE',
        XksProxyConfiguration: {
          ...credential,
          Connectivity: 'PUBLIC_ENDPOINT',
          UriEndpoint: 'https://xks-f.example.com',
        },
        XksProxyRawSecretAccessKey: 'f'.repeat(43),
      },
      {
        CustomKeyStoreId: SEEDED.vpcConnecting,
        CustomKeyStoreName: 'seed-vpc',
        CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
        XksProxyConfiguration: {
          ...credential,
          Connectivity: 'VPC_ENDPOINT_SERVICE',
          UriEndpoint: 'https://xks-vpc-seed.example.com',
          VpcEndpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0e0e0e0e',
        },
        XksProxyRawSecretAccessKey: 'f'.repeat(43),
      },
      {
        CustomKeyStoreId: SEEDED.otherRegion,
        CustomKeyStoreName: 'seed-hsm',
        CloudHsmClusterId: 'cluster-abcdefghijk',
        TrustAnchorCertificate: trust,
        Region: 'eu-west-1',
        Account: '444455556666',
      },
    ],
  });
  fake.setTiming('manual', SEEDED.vpcConnecting).setState(SEEDED.vpcConnecting, 'CONNECTING');
  return fake;
}

interface Tally {
  requests: number;
  ok: number;
  byType: Map<string, number>;
  byKind: Map<string, number>;
  crashes: number;
  hangs: number;
  malformed: number;
  stateChanges: number;
}

const tally: Tally = {
  requests: 0,
  ok: 0,
  byType: new Map(),
  byKind: new Map(),
  crashes: 0,
  hangs: 0,
  malformed: 0,
  stateChanges: 0,
};
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function describeRequest(r: FuzzRequest): string {
  const body =
    r.body instanceof Uint8Array
      ? `bytes[${r.body.length}]`
      : r.body === undefined
        ? 'none'
        : JSON.stringify(r.body.slice(0, 300));
  return `target ${JSON.stringify(r.target)} (${r.targetHeader}), authorization ${JSON.stringify(r.authorization?.slice(0, 120))}, ${r.kind} body ${body}`;
}

/** What is wrong with a response, or undefined if it is a valid success or a well-formed KMS error. */
function problemWith(
  target: string | undefined,
  response: { statusCode: number; headers: Record<string, string>; body: Uint8Array },
): string | undefined {
  if (!(response.body instanceof Uint8Array)) return 'the body is not a Uint8Array';
  if (response.headers['content-type'] !== 'application/x-amz-json-1.1')
    return `content-type ${response.headers['content-type']}`;
  if (!/^[0-9a-f-]{36}$/.test(response.headers['x-amzn-requestid'] ?? '')) return 'no x-amzn-requestid';
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(response.body));
  } catch {
    return 'the body is not UTF-8 JSON';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'the body is not a JSON object';
  const body = json as Record<string, unknown>;
  if (response.statusCode === 200) return successProblem(target?.slice('TrentService.'.length), body);
  const type = body.__type;
  if (Object.keys(body).sort().join() !== '__type,message') return `error body members ${Object.keys(body).join(',')}`;
  if (typeof type !== 'string' || !KNOWN_ERRORS.has(type)) return `unknown __type ${String(type)}`;
  if (typeof body.message !== 'string' || body.message.trim() === '') return 'empty message';
  if (body.message.startsWith('fake-kms failed unexpectedly')) return `a crash inside the fake: ${body.message}`;
  if (response.statusCode !== statusFor(type)) return `${type} with HTTP ${response.statusCode}`;
  return undefined;
}

function successProblem(operation: string | undefined, body: Record<string, unknown>): string | undefined {
  const keys = Object.keys(body).sort().join();
  switch (operation) {
    case 'CreateCustomKeyStore':
      return keys === 'CustomKeyStoreId' && /^cks-[0-9a-f]{17}$/.test(String(body.CustomKeyStoreId))
        ? undefined
        : `Create returned ${keys}`;
    case 'DescribeCustomKeyStores': {
      const truncated = body.Truncated === true;
      const fine =
        Array.isArray(body.CustomKeyStores) &&
        typeof body.Truncated === 'boolean' &&
        keys === (truncated ? 'CustomKeyStores,NextMarker,Truncated' : 'CustomKeyStores,Truncated');
      return fine ? undefined : `Describe returned ${keys}`;
    }
    case 'ConnectCustomKeyStore':
    case 'DisconnectCustomKeyStore':
    case 'UpdateCustomKeyStore':
    case 'DeleteCustomKeyStore':
      return keys === '' ? undefined : `${operation} returned ${keys}`;
    default: {
      // Key operations: a 200 must be an implemented operation whose body holds only its output shape's members.
      const shape = operation === undefined ? undefined : KMS_OPERATION_SHAPES[operation];
      const members = Object.keys(KMS_SHAPES[shape?.output ?? '']?.members ?? {});
      const implemented = operation !== undefined && Object.hasOwn(OPERATIONS, operation);
      const fine = implemented && Object.keys(body).every((k) => members.includes(k));
      return fine ? undefined : `200 for target ${operation} with ${keys}`;
    }
  }
}

async function send(fake: KmsFake, r: FuzzRequest): Promise<void> {
  const headers: Record<string, string> = { ...r.extraHeaders, 'content-type': 'application/x-amz-json-1.1' };
  if (r.target !== undefined) headers[r.targetHeader] = r.target;
  if (r.authorization !== undefined) headers.authorization = r.authorization;
  const before = JSON.stringify(fake.engine.registry.all());
  tally.requests += 1;
  bump(tally.byKind, r.kind);
  let timer: NodeJS.Timeout | undefined;
  let result: Awaited<ReturnType<KmsFake['requestHandler']['handle']>> | 'hang';
  try {
    result = await Promise.race([
      fake.requestHandler.handle({
        method: 'POST',
        hostname: 'kms.us-east-1.amazonaws.com',
        path: '/',
        headers,
        body: r.body,
      }),
      new Promise<'hang'>((resolve) => {
        timer = setTimeout(() => resolve('hang'), HANG_MS);
      }),
    ]);
  } catch (error) {
    tally.crashes += 1;
    throw new Error(`handle() threw ${(error as Error)?.stack ?? String(error)}\nfor ${describeRequest(r)}`);
  } finally {
    clearTimeout(timer);
  }
  if (result === 'hang') {
    tally.hangs += 1;
    throw new Error(`handle() did not answer within ${HANG_MS} ms for ${describeRequest(r)}`);
  }
  const { response } = result;
  const problem = problemWith(headers[r.targetHeader], response);
  if (problem) {
    if (problem.startsWith('a crash')) tally.crashes += 1;
    else tally.malformed += 1;
    throw new Error(`${problem}\nfor ${describeRequest(r)}`);
  }
  if (response.statusCode === 200) {
    tally.ok += 1;
    return;
  }
  bump(tally.byType, (JSON.parse(decoder.decode(response.body)) as { __type: string }).__type);
  if (JSON.stringify(fake.engine.registry.all()) !== before) {
    tally.stateChanges += 1;
    throw new Error(`a rejected request (HTTP ${response.statusCode}) changed the stores\nfor ${describeRequest(r)}`);
  }
}

describe('wire fuzzing of the request handler', () => {
  it(`answers ${RUNS * PER_RUN} random and mutated requests with a valid success or a well-formed KMS error`, async () => {
    const details = await fc.check(
      fc.asyncProperty(fc.array(requestArb, { minLength: PER_RUN, maxLength: PER_RUN }), async (requests) => {
        const fake = freshFake();
        for (const request of requests) await send(fake, request);
      }),
      { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}), endOnFailure: false },
    );
    const types = [...tally.byType].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`);
    console.log(
      `wire fuzz (seed ${SEED}): ${tally.requests} requests (${[...tally.byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); ` +
        `200: ${tally.ok}; errors: ${types.join(', ')}; crashes ${tally.crashes}, hangs ${tally.hangs}, ` +
        `malformed ${tally.malformed}, state changes by rejected requests ${tally.stateChanges}`,
    );
    if (details.failed) {
      const cause =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(
        `${cause}\n\nShrunk after ${details.numShrinks} shrinks. Replay: FUZZ_SEED=${SEED} FUZZ_PATH="${details.counterexamplePath}" npx vitest run test/reliability/wire-fuzz.test.ts`,
      );
    }
    expect(tally.requests).toBeGreaterThanOrEqual(RUNS * PER_RUN);
  }, 600_000);
});
