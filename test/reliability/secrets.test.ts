/**
 * Issue 5, "Secrets never leak" (spec §8.18). Every operation runs with its own canary secrets: creates of
 * both types, updates of the password and the credential, validation failures of bad secrets, wrong JSON
 * types, truncated bodies, uniqueness and state errors, world-driven failures, injected failures, Describe
 * and Delete. Then every response body (raw bytes and headers), every SDK output and error, every journal
 * entry, `fake.stores()`, the snapshots, every SDK log line and everything written to the console or to
 * stdout/stderr is scanned: no canary may appear (AccessKeyIds: none in error messages).
 */
import { inspect } from 'node:util';
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { SecretScanner, safeJson } from './secrets/scanner.js';

const TRUST_ANCHOR = `-----BEGIN CERTIFICATE-----\n${'MIIBszCCAVmgAwIBAgIUU2VjcmV0c1Rlc3RBbmNob3I'.repeat(3)}\n-----END CERTIFICATE-----`;
const VPC_SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f';
const decoder = new TextDecoder();
const scanner = new SecretScanner();

type Handler = KmsFake['requestHandler'];
type SdkCall = { send: (command: never) => Promise<unknown> };

/** What the console, stdout and stderr received while the operations ran. */
const written: string[] = [];
const restores: Array<() => void> = [];

function captureOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = original as typeof stream.write;
    });
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      written.push(inspect(args, { depth: null }));
      original.apply(console, args);
    };
    restores.push(() => {
      console[level] = original;
    });
  }
}

/** A request handler that scans the raw bytes and headers of every response before the SDK sees them. */
function scanningHandler(fake: KmsFake): Handler {
  const handle: Handler['handle'] = async (request, options) => {
    const out = await fake.requestHandler.handle(request, options);
    const body = decoder.decode(out.response.body);
    const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
    const place = `${target} → HTTP ${out.response.statusCode}`;
    scanner.scan('raw response body', place, body, out.response.statusCode !== 200);
    scanner.scan('raw response headers', place, safeJson(out.response.headers), out.response.statusCode !== 200);
    return out;
  };
  return Object.assign(Object.create(fake.requestHandler), { handle }) as Handler;
}

function sdkLogger(): KMSClient['config']['logger'] {
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      scanner.scan('SDK log line', level, `${safeJson(args)}\n${inspect(args, { depth: null })}`);
  return {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    trace: record('trace'),
  };
}

/** Send through the SDK; scan the output or every form of the error. */
async function send(kms: SdkCall, command: unknown, label: string): Promise<string> {
  try {
    const output = await kms.send(command as never);
    scanner.scanValue('SDK output', label, output);
    return 'ok';
  } catch (error) {
    const e = error as Error;
    scanner.scanValue('SDK error', label, e, true);
    scanner.scan('SDK error', `${label} (message, stack, String)`, `${e.message}\n${e.stack}\n${String(e)}`, true);
    return e.name;
  }
}

/** A raw awsJson1_1 request, for bodies the SDK would never send. */
async function raw(fake: KmsFake, operation: string, body: string): Promise<string> {
  const { response } = await scanningHandler(fake).handle({
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': `TrentService.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body,
  });
  return (JSON.parse(decoder.decode(response.body)) as { __type?: string }).__type ?? 'ok';
}

function xks(name: string, endpoint: string, overrides: Partial<CreateCustomKeyStoreCommandInput> = {}) {
  return new CreateCustomKeyStoreCommand({
    CustomKeyStoreName: name,
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyConnectivity: 'PUBLIC_ENDPOINT',
    XksProxyUriEndpoint: endpoint,
    XksProxyUriPath: '/kms/xks/v1',
    XksProxyAuthenticationCredential: {
      AccessKeyId: scanner.accessKeyId(`create ${name}`),
      RawSecretAccessKey: scanner.secretKey(`create ${name}`),
    },
    ...overrides,
  });
}

function hsm(name: string, clusterId: string, password = scanner.password(`create ${name}`)) {
  return new CreateCustomKeyStoreCommand({
    CustomKeyStoreName: name,
    CloudHsmClusterId: clusterId,
    TrustAnchorCertificate: TRUST_ANCHOR,
    KeyStorePassword: password,
  });
}

const outcomes: Record<string, string> = {};

describe('secrets never leak (§8.18)', () => {
  let fake: KmsFake;

  beforeAll(async () => {
    captureOutput();
    const rejectingProxySecret = scanner.secretKey('world: the proxy credential');
    const kmsUserPassword = scanner.password('world: the kmsuser password');
    fake = createKmsFake({
      timing: 'immediate',
      proxies: [
        {
          uriEndpoint: 'https://xks-strict.example.com',
          credentials: [{ accessKeyId: 'WORLDKEYIDAAAAAAAAAA', secretAccessKey: rejectingProxySecret }],
        },
      ],
      clusters: [{ clusterId: 'cluster-worldpassword', kmsUser: { password: kmsUserPassword } }],
    });
    // Built by hand to see the raw bytes; like fake.client(), it skips the SDK's Node 20 notice.
    const notice = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const kms = new KMSClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'FAKE111122223333KMS0', secretAccessKey: 'not-a-secret-of-the-test' },
      requestHandler: scanningHandler(fake),
      logger: sdkLogger(),
      maxAttempts: 1,
    });
    if (notice === undefined) delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const viaFactory = fake.client({ logger: sdkLogger(), maxAttempts: 1 });
    console.log('secrets: running every operation with canary secrets (this line proves the console is captured)');
    const run = async (label: string, command: unknown, client: SdkCall = kms) => {
      outcomes[label] = await send(client, command, label);
    };
    const idOf = async (name: string) => {
      const out = (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: name }))) as {
        CustomKeyStores?: Array<{ CustomKeyStoreId?: string }>;
      };
      return out.CustomKeyStores?.[0]?.CustomKeyStoreId as string;
    };

    // Creates that succeed, of both types.
    await run('create CloudHSM', hsm('hsm-1', 'cluster-abcdefghijk'));
    await run('create public XKS', xks('xks-1', 'https://xks-1.example.com'));
    await run(
      'create VPC XKS',
      xks('xks-vpc', 'https://xks-vpc.example.com', {
        XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE',
        XksProxyVpcEndpointServiceName: VPC_SERVICE,
      }),
      viaFactory,
    );
    const hsmId = await idOf('hsm-1');
    const xksId = await idOf('xks-1');

    // Validation failures of bad secrets: the value must never be echoed (sensitive members).
    await run(
      'password too short',
      hsm('bad-1', 'cluster-bcdefghijkm', scanner.custom('Zq#7~x', 'too-short password')),
    );
    await run(
      'password too long',
      hsm('bad-2', 'cluster-bcdefghijkm', scanner.custom(`LongPwCanary-${'w'.repeat(30)}`, 'too-long password')),
    );
    const badPattern = scanner.custom(`BadPatCanary!${'!'.repeat(31)}`, 'secret key off-pattern');
    const tooShortKey = scanner.custom('ShortKeyCanary7', 'secret key too short');
    const lowerAkid = scanner.custom('lowercaseakidcanary01', 'AccessKeyId off-pattern', 'errors');
    for (const [label, credential] of [
      [
        'secret key off-pattern',
        { AccessKeyId: scanner.accessKeyId('off-pattern key'), RawSecretAccessKey: badPattern },
      ],
      ['secret key too short', { AccessKeyId: scanner.accessKeyId('short key'), RawSecretAccessKey: tooShortKey }],
      ['AccessKeyId off-pattern', { AccessKeyId: lowerAkid, RawSecretAccessKey: scanner.secretKey('bad akid') }],
    ] as const) {
      await run(label, xks('bad-xks', 'https://xks-bad.example.com', { XksProxyAuthenticationCredential: credential }));
    }
    await run(
      'password on an XKS store (§8.2)',
      xks('xks-2', 'https://xks-2.example.com', { KeyStorePassword: scanner.password('foreign') }),
    );

    // Uniqueness, quota-free state and world failures that carry secrets in the request.
    await run('name in use', xks('xks-1', 'https://xks-3.example.com'));
    await run('URI in use', xks('xks-4', 'https://xks-1.example.com'));
    await run('cluster in use', hsm('hsm-2', 'cluster-abcdefghijk'));
    await run('proxy rejects the credential (world)', xks('xks-strict', 'https://xks-strict.example.com'));
    await run('create on a cluster whose kmsuser has another password', hsm('hsm-world', 'cluster-worldpassword'));
    await run(
      'connect it: INVALID_CREDENTIALS',
      new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: await idOf('hsm-world') }),
    );

    // Updates of the password and the credential: allowed, refused by state, refused by validation.
    await run(
      'update password',
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: hsmId, KeyStorePassword: scanner.password('update') }),
    );
    const credential = () => ({
      AccessKeyId: scanner.accessKeyId('update'),
      RawSecretAccessKey: scanner.secretKey('update'),
    });
    await run(
      'update credential',
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xksId, XksProxyAuthenticationCredential: credential() }),
    );
    await run(
      'update credential off-pattern',
      new UpdateCustomKeyStoreCommand({
        CustomKeyStoreId: xksId,
        XksProxyAuthenticationCredential: {
          AccessKeyId: scanner.accessKeyId('u-bad'),
          RawSecretAccessKey: scanner.custom(`UpdBadCanary#${'#'.repeat(31)}`, 'update off-pattern'),
        },
      }),
    );
    await run(
      'update password of an XKS store',
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xksId, KeyStorePassword: scanner.password('u-foreign') }),
    );
    await run(
      'update endpoint + credential onto a used URI',
      new UpdateCustomKeyStoreCommand({
        CustomKeyStoreId: await idOf('xks-vpc'),
        XksProxyUriEndpoint: 'https://xks-1.example.com',
        XksProxyAuthenticationCredential: credential(),
      }),
    );
    await run('connect CloudHSM', new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));
    await run(
      'update password while CONNECTED',
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: hsmId, KeyStorePassword: scanner.password('connected') }),
    );
    fake.failNextConnect(xksId, 'INVALID_CREDENTIALS');
    await run('connect XKS → FAILED', new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: xksId }));
    await run(
      'update credential while FAILED',
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xksId, XksProxyAuthenticationCredential: credential() }),
    );

    // Injected failures.
    fake.failNext('CreateCustomKeyStore', 'KMSInternalException');
    await run('injected KMSInternalException on create', hsm('hsm-3', 'cluster-cdefghijkmn'));
    fake.failNext('UpdateCustomKeyStore', 'DependencyTimeoutException');
    await run(
      'injected DependencyTimeout on update',
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xksId, XksProxyAuthenticationCredential: credential() }),
    );

    // Bodies the SDK never sends: wrong JSON types and truncated JSON around secrets.
    const rawCases: Array<[string, string, string]> = [
      [
        'CreateCustomKeyStore',
        'password as an array',
        JSON.stringify({
          CustomKeyStoreName: 'r1',
          CloudHsmClusterId: 'cluster-abcdefghijk',
          TrustAnchorCertificate: 'x',
          KeyStorePassword: [scanner.password('raw array')],
        }),
      ],
      [
        'CreateCustomKeyStore',
        'password as an object',
        JSON.stringify({ CustomKeyStoreName: 'r2', KeyStorePassword: { value: scanner.password('raw object') } }),
      ],
      [
        'CreateCustomKeyStore',
        'credential as a string',
        JSON.stringify({
          CustomKeyStoreName: 'r3',
          CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
          XksProxyAuthenticationCredential: scanner.secretKey('raw credential string'),
        }),
      ],
      [
        'UpdateCustomKeyStore',
        'secret key as a number-bearing object',
        JSON.stringify({
          CustomKeyStoreId: xksId,
          XksProxyAuthenticationCredential: {
            AccessKeyId: scanner.accessKeyId('raw'),
            RawSecretAccessKey: { nested: scanner.secretKey('raw nested') },
          },
        }),
      ],
      [
        'UpdateCustomKeyStore',
        'truncated body',
        JSON.stringify({ CustomKeyStoreId: hsmId, KeyStorePassword: scanner.password('raw truncated') }).slice(0, -3),
      ],
    ];
    for (const [operation, label, body] of rawCases) outcomes[label] = await raw(fake, operation, body);

    // Reading and deleting.
    await run('describe all', new DescribeCustomKeyStoresCommand({}));
    await run('describe all (factory client)', new DescribeCustomKeyStoresCommand({}), viaFactory);
    await run('disconnect', new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));
    await run('delete', new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));
    await run('delete again', new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));

    for (const restore of restores.splice(0)) restore();
  });

  afterAll(() => {
    for (const restore of restores.splice(0)) restore();
  });

  it('ran every kind of call, with the outcomes they are meant to have', () => {
    expect(outcomes).toMatchObject({
      'create CloudHSM': 'ok',
      'create public XKS': 'ok',
      'create VPC XKS': 'ok',
      'password too short': 'ValidationException',
      'password too long': 'ValidationException',
      'secret key off-pattern': 'ValidationException',
      'secret key too short': 'ValidationException',
      'AccessKeyId off-pattern': 'ValidationException',
      'password on an XKS store (§8.2)': 'ValidationException',
      'name in use': 'CustomKeyStoreNameInUseException',
      'URI in use': 'XksProxyUriInUseException',
      'cluster in use': 'CloudHsmClusterInUseException',
      'proxy rejects the credential (world)': 'XksProxyIncorrectAuthenticationCredentialException',
      'update password': 'ok',
      'update credential': 'ok',
      'update credential off-pattern': 'ValidationException',
      'update password of an XKS store': 'ValidationException',
      'update endpoint + credential onto a used URI': 'XksProxyUriInUseException',
      'update password while CONNECTED': 'CustomKeyStoreInvalidStateException',
      'update credential while FAILED': 'CustomKeyStoreInvalidStateException',
      'injected KMSInternalException on create': 'KMSInternalException',
      'injected DependencyTimeout on update': 'DependencyTimeoutException',
      'password as an array': 'SerializationException',
      'credential as a string': 'SerializationException',
      'truncated body': 'SerializationException',
      'delete again': 'CustomKeyStoreNotFoundException',
    });
  });

  it('refuses a world description with bad secrets without echoing them', () => {
    const worldScanner = new SecretScanner();
    const refusals: Record<string, string> = {};
    for (const [label, kmsUser] of [
      ['kmsuser password too short', { password: worldScanner.custom('Wq#5~z', 'world: short password') }],
      ['kmsuser password of the wrong type', { password: [worldScanner.password('world: password in a list')] }],
    ] as const) {
      try {
        createKmsFake({ clusters: [{ clusterId: 'cluster-abcdefghijk', kmsUser: kmsUser as never }] });
        refusals[label] = 'accepted';
      } catch (error) {
        refusals[label] = (error as Error).name;
        worldScanner.scanValue('usage error', label, error, true);
        worldScanner.scan('usage error', `${label} (message)`, (error as Error).message, true);
      }
    }
    expect(refusals).toEqual({
      'kmsuser password too short': 'FakeKmsUsageError',
      'kmsuser password of the wrong type': 'FakeKmsUsageError',
    });
    expect(worldScanner.hits.map((h) => `${h.place} ← ${h.canary.use}: ${h.canary.value}`)).toEqual([]);
  });

  it('leaves no canary in any response, output, error, journal entry, snapshot, log line or console write', () => {
    fake.journal.forEach((entry, i) => {
      scanner.scanValue('journal entry', `#${i} ${entry.kind === 'call' ? entry.operation : entry.injection}`, entry);
      if (entry.kind === 'call' && entry.error)
        scanner.scan('journal error message', `#${i}`, entry.error.message, true);
    });
    scanner.scanValue('fake.calls()', 'all', fake.calls());
    scanner.scanValue('fake.stores()', 'all', fake.stores());
    scanner.scanValue('world snapshot', 'fake.world.snapshot()', fake.world.snapshot());
    const snapshot = (fake as unknown as { snapshot?: () => unknown }).snapshot;
    if (typeof snapshot === 'function') scanner.scanValue('fake snapshot', 'fake.snapshot()', snapshot.call(fake));
    written.forEach((text, i) => {
      scanner.scan('console/stdout/stderr write', `#${i}`, text);
    });

    const summary = [...scanner.byKind].map(([kind, n]) => `${kind}: ${n}`).join(', ');
    console.log(
      `secrets: ${scanner.canaries.length} canaries, ${scanner.placesScanned} places scanned (${summary}); ` +
        `fake.snapshot() ${typeof snapshot === 'function' ? 'scanned' : 'does not exist yet'}; ${scanner.hits.length} hits.`,
    );
    expect(scanner.hits.map((h) => `${h.place} ← ${h.canary.use}: ${h.canary.value}`)).toEqual([]);
  });
});
