/**
 * The secrets test's scenario: every operation, each with its own canary secrets (see the test's header).
 * Returns the fake (for the journal, stores and snapshots) and each call's outcome.
 */
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
import { trustAnchorCertificate } from '../../../src/fixtures/trust-anchor/trust-anchor-pool.js';
import { createKmsFake, type KmsFake } from '../../../src/index.js';
import { raw, type SdkCall, scanningHandler, sdkLogger, send } from './probes.js';
import type { SecretScanner } from './scanner.js';

const TRUST_ANCHOR = trustAnchorCertificate(2);
const VPC_SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f';

export async function runEveryOperation(
  scanner: SecretScanner,
): Promise<{ fake: KmsFake; outcomes: Record<string, string> }> {
  const outcomes: Record<string, string> = {};
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

  const rejectingProxySecret = scanner.secretKey('world: the proxy credential');
  const kmsUserPassword = scanner.password('world: the kmsuser password');
  const fake = createKmsFake({
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
    requestHandler: scanningHandler(scanner, fake),
    logger: sdkLogger(scanner),
    maxAttempts: 1,
  });
  if (notice === undefined) delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  const viaFactory = fake.client({ logger: sdkLogger(scanner), maxAttempts: 1 });
  console.log('secrets: running every operation with canary secrets (this line proves the console is captured)');
  const run = async (label: string, command: unknown, client: SdkCall = kms) => {
    outcomes[label] = await send(scanner, client, command, label);
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
  await run('password too short', hsm('bad-1', 'cluster-bcdefghijkm', scanner.custom('Zq#7~x', 'too-short password')));
  await run(
    'password too long',
    hsm('bad-2', 'cluster-bcdefghijkm', scanner.custom(`LongPwCanary-${'w'.repeat(30)}`, 'too-long password')),
  );
  const badPattern = scanner.custom(`BadPatCanary!${'!'.repeat(31)}`, 'secret key off-pattern');
  const tooShortKey = scanner.custom('ShortKeyCanary7', 'secret key too short');
  const lowerAkid = scanner.custom('lowercaseakidcanary01', 'AccessKeyId off-pattern', 'errors');
  for (const [label, credential] of [
    ['secret key off-pattern', { AccessKeyId: scanner.accessKeyId('off-pattern key'), RawSecretAccessKey: badPattern }],
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
    'update credential the proxy never got',
    new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xksId, XksProxyAuthenticationCredential: credential() }),
  );
  // Someone rotates the credential on the proxy; then telling KMS the new one works.
  const rotated = credential();
  fake.world
    .proxy('https://xks-1.example.com')
    .acceptOnly({ accessKeyId: rotated.AccessKeyId, secretAccessKey: rotated.RawSecretAccessKey });
  await run(
    'update credential',
    new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xksId, XksProxyAuthenticationCredential: rotated }),
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
  fake.failNext('CreateCustomKeyStore', 'KMSInternalException', { times: 1 });
  await run('injected KMSInternalException on create', hsm('hsm-3', 'cluster-cdefghijkmn'));
  fake.failNext('UpdateCustomKeyStore', 'DependencyTimeoutException', { times: 1 });
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
  for (const [operation, label, body] of rawCases) outcomes[label] = await raw(scanner, fake, operation, body);

  // Reading and deleting.
  await run('describe all', new DescribeCustomKeyStoresCommand({}));
  await run('describe all (factory client)', new DescribeCustomKeyStoresCommand({}), viaFactory);
  await run('disconnect', new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));
  await run('delete', new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));
  await run('delete again', new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));

  return { fake, outcomes };
}
