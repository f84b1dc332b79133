/**
 * Random and mutated awsJson1_1 requests for the wire fuzzer: bodies (valid requests, mutated ones, random
 * JSON, truncated JSON, bytes that are not JSON or not UTF-8, deep nesting, huge values), `X-Amz-Target`
 * values (every KMS operation the SDK knows, other services' prefixes, garbage, none) and headers (missing,
 * garbled or foreign `authorization`).
 */
import * as kms from '@aws-sdk/client-kms';
import fc from 'fast-check';

export const SEEDED = {
  hsmConnected: 'cks-1234567890abcdef0',
  hsmDisconnected: 'cks-9876543210fedcba9',
  xksFailed: 'cks-00000000000000001',
  vpcConnecting: 'cks-00000000000000002',
  otherRegion: 'cks-00000000000000003',
};

/** Every operation name the installed SDK has a command for, implemented by fake-kms or not. */
export const SDK_OPERATIONS = Object.keys(kms)
  .filter((k) => k.endsWith('Command') && k !== '$Command')
  .map((k) => k.slice(0, -'Command'.length));

/** Every error shape the installed SDK knows for KMS. */
export const SDK_ERRORS = Object.entries(kms)
  .filter(([, v]) => typeof v === 'function' && v.prototype instanceof kms.KMSServiceException)
  .map(([k]) => k);

const IMPLEMENTED = [
  'CreateCustomKeyStore',
  'DescribeCustomKeyStores',
  'ConnectCustomKeyStore',
  'DisconnectCustomKeyStore',
  'UpdateCustomKeyStore',
  'DeleteCustomKeyStore',
];

export interface FuzzRequest {
  target: string | undefined;
  targetHeader: string;
  authorization: string | undefined;
  extraHeaders: Record<string, string>;
  body: string | Uint8Array | undefined;
  /** How the body was made, for the report. */
  kind: string;
}

const ids = fc.constantFrom(...Object.values(SEEDED), 'cks-00000000000000000', 'x', '');
const names = fc.constantFrom('seed-hsm', 'seed-xks', 'fresh-a', 'fresh-b', 'Seed-HSM');
const credential = { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'f'.repeat(43) };

/** Valid requests of the six implemented operations, naming the seeded stores. */
const validBodies: fc.Arbitrary<{ operation: string; body: Record<string, unknown> }> = fc.oneof(
  fc.record({
    operation: fc.constant('CreateCustomKeyStore'),
    body: fc.oneof(
      fc.record({
        CustomKeyStoreName: names,
        CloudHsmClusterId: fc.constantFrom('cluster-abcdefghijk', 'cluster-fuzzfuzzfuz'),
        TrustAnchorCertificate: fc.constant('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'),
        KeyStorePassword: fc.constant('kmsPswd-123'),
      }),
      fc.record({
        CustomKeyStoreName: names,
        CustomKeyStoreType: fc.constant('EXTERNAL_KEY_STORE'),
        XksProxyConnectivity: fc.constant('PUBLIC_ENDPOINT'),
        XksProxyUriEndpoint: fc.constantFrom('https://xks-f.example.com', 'https://xks-g.example.com'),
        XksProxyUriPath: fc.constant('/kms/xks/v1'),
        XksProxyAuthenticationCredential: fc.constant(credential),
      }),
      fc.record({
        CustomKeyStoreName: names,
        CustomKeyStoreType: fc.constant('EXTERNAL_KEY_STORE'),
        XksProxyConnectivity: fc.constant('VPC_ENDPOINT_SERVICE'),
        XksProxyUriEndpoint: fc.constant('https://xks-vpc-f.example.com'),
        XksProxyUriPath: fc.constant('/kms/xks/v1'),
        XksProxyVpcEndpointServiceName: fc.constant('com.amazonaws.vpce.us-east-1.vpce-svc-0f0f0f0f'),
        XksProxyAuthenticationCredential: fc.constant(credential),
      }),
    ),
  }),
  fc.record({
    operation: fc.constant('DescribeCustomKeyStores'),
    body: fc.oneof(
      fc.constant({}),
      fc.record({ Limit: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ CustomKeyStoreId: ids }),
      fc.record({ CustomKeyStoreName: names }),
      fc.record({ Marker: fc.constantFrom('eyJhIjoxfQ.sig', 'x') }),
    ),
  }),
  ...['ConnectCustomKeyStore', 'DisconnectCustomKeyStore', 'DeleteCustomKeyStore'].map((operation) =>
    fc.record({ operation: fc.constant(operation), body: fc.record({ CustomKeyStoreId: ids }) }),
  ),
  fc.record({
    operation: fc.constant('UpdateCustomKeyStore'),
    body: fc.oneof(
      fc.record({ CustomKeyStoreId: ids, NewCustomKeyStoreName: names }),
      fc.record({ CustomKeyStoreId: ids, KeyStorePassword: fc.constant('newPassword-1') }),
      fc.record({ CustomKeyStoreId: ids, XksProxyUriPath: fc.constant('/p/kms/xks/v2') }),
      fc.record({ CustomKeyStoreId: ids, XksProxyAuthenticationCredential: fc.constant(credential) }),
      fc.record({
        CustomKeyStoreId: ids,
        XksProxyConnectivity: fc.constant('PUBLIC_ENDPOINT'),
        XksProxyUriEndpoint: fc.constant('https://xks-h.example.com'),
        XksProxyVpcEndpointServiceName: fc.constant(''),
      }),
    ),
  }),
);

const MEMBERS = [
  'CustomKeyStoreId',
  'CustomKeyStoreName',
  'NewCustomKeyStoreName',
  'CloudHsmClusterId',
  'TrustAnchorCertificate',
  'KeyStorePassword',
  'CustomKeyStoreType',
  'XksProxyUriEndpoint',
  'XksProxyUriPath',
  'XksProxyVpcEndpointServiceName',
  'XksProxyVpcEndpointServiceOwner',
  'XksProxyAuthenticationCredential',
  'XksProxyConnectivity',
  'Limit',
  'Marker',
  '__proto__',
  'constructor',
  'customKeyStoreId',
];

/** A placeholder the body text gets deep nesting spliced in at (JSON.stringify cannot build it). */
const DEEP = '\u0000deep\u0000';

const weirdValues: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, 2 ** 53 + 2, '', ' ', 'null', [], {}, [null], { a: 1 }),
  fc.constantFrom(
    'a'.repeat(100_000),
    '😀'.repeat(300),
    '\ud800',
    '\udfff\ud800',
    'Ω≈ç√',
    '\u0000\u0001',
    'x'.repeat(1025),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    { AccessKeyId: 1, RawSecretAccessKey: [] },
    { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST' },
    { RawSecretAccessKey: null, AccessKeyId: null },
  ),
  fc.constantFrom(10, 1000, 20_000, 200_000).map((depth) => ({ [DEEP]: depth })),
);

type Mutation = { op: 'set'; member: string; value: unknown } | { op: 'delete'; member: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('set' as const), member: fc.constantFrom(...MEMBERS), value: weirdValues }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), member: fc.constantFrom(...MEMBERS) }) },
);

function deepText(depth: number, kind: number): string {
  return kind % 2 === 0 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** JSON text of a body, with any deep-nesting placeholders spliced in. */
function serialize(body: Record<string, unknown>): string {
  let text = JSON.stringify(body);
  text = text.replace(/\{"\\u0000deep\\u0000":(\d+)\}/g, (_m, d: string) => deepText(Number(d), Number(d) / 10));
  return text;
}

function applyMutations(body: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  for (const m of mutations) {
    if (m.op === 'delete') delete out[m.member];
    else Object.defineProperty(out, m.member, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const encoder = new TextEncoder();

/** A body and the operation it was made for (if any). */
const bodies: fc.Arbitrary<{ operation: string | undefined; body: FuzzRequest['body']; kind: string }> = fc.oneof(
  {
    weight: 3,
    arbitrary: validBodies.map(({ operation, body }) => ({ operation, body: JSON.stringify(body), kind: 'valid' })),
  },
  {
    weight: 8,
    arbitrary: fc
      .tuple(validBodies, fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([{ operation, body }, ms]) => ({
        operation,
        body: serialize(applyMutations(body, ms)),
        kind: 'mutated',
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .jsonValue()
      .map((v) => ({ operation: undefined, body: JSON.stringify(v) ?? 'null', kind: 'random JSON' })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(validBodies, fc.nat()).map(([{ operation, body }, cut]) => {
      const text = JSON.stringify(body);
      return { operation, body: text.slice(0, cut % Math.max(text.length, 1)), kind: 'truncated JSON' };
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 200 })
      .map((bytes) => ({ operation: undefined, body: bytes, kind: 'random bytes' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '',
        '   ',
        '\ufeff{}',
        'null',
        '[]',
        '"{}"',
        '{"Limit":1,"Limit":"x"}',
        '{"Limit":1e400}',
        '{"Limit":1.0}',
        '{"Limit":100000000000000000000000}',
        '{"__proto__":{"CustomKeyStoreId":"cks-1234567890abcdef0"}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        `[${'1,'.repeat(200_000)}1]`,
        deepText(500_000, 0),
        '{"CustomKeyStoreId":"\\ud800"}',
        '{"CustomKeyStoreName":"\\u0000"}',
      )
      .map((body) => ({ operation: undefined, body, kind: 'edge body' })),
  },
  { weight: 1, arbitrary: fc.constant({ operation: undefined, body: undefined, kind: 'no body' }) },
);

const targets = (operation: string | undefined): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(operation === undefined ? undefined : `TrentService.${operation}`) },
    { weight: 3, arbitrary: fc.constantFrom(...IMPLEMENTED.map((o) => `TrentService.${o}`)) },
    { weight: 3, arbitrary: fc.constantFrom(...SDK_OPERATIONS.map((o) => `TrentService.${o}`)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        'TrentService',
        'TrentService.',
        'trentservice.DescribeCustomKeyStores',
        'TrentService.describeCustomKeyStores',
        ' TrentService.DescribeCustomKeyStores',
        'TrentService.DescribeCustomKeyStores ',
        'DynamoDB_20120810.ListTables',
        'AWSKMS.CreateKey',
        'TrentService.__proto__',
        'TrentService.constructor',
        'TrentService.toString',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `TrentService.${s}`) },
  );

const authorizations = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constant(
      'AWS4-HMAC-SHA256 Credential=FAKE111122223333KMS0/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=0',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constant(
      'AWS4-HMAC-SHA256 Credential=FAKE444455556666KMS0/20260101/eu-west-1/kms/aws4_request, SignedHeaders=host, Signature=0',
    ),
  },
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }))
      .map(([key, region]) => `AWS4-HMAC-SHA256 Credential=${key}/20260101/${region}/kms/aws4_request`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Credential=',
      'AWS4-HMAC-SHA256',
      'Bearer x',
      'Credential=AKIAEXAMPLE/20260101/__proto__/kms/aws4_request',
    ),
  },
);

export const requestArb: fc.Arbitrary<FuzzRequest> = bodies.chain(({ operation, body, kind }) =>
  fc.record({
    target: targets(operation),
    targetHeader: fc.constantFrom('x-amz-target', 'X-Amz-Target', 'X-AMZ-TARGET'),
    authorization: authorizations,
    extraHeaders: fc.oneof(
      { weight: 5, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 3 }),
      },
    ),
    body: fc.oneof(
      { weight: 4, arbitrary: fc.constant(body) },
      { weight: 1, arbitrary: fc.constant(typeof body === 'string' ? encoder.encode(body) : body) },
    ),
    kind: fc.constant(kind),
  }),
);
