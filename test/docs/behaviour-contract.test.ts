/**
 * docs/behaviour.md, walked rule by rule: every `**[rule-id]**` on that page has a check here that runs
 * through a real KMSClient, and every check here has its rule there. The detailed cases live in the
 * other test files; these checks make sure the page never says something the fake does not do.
 */
import { readFileSync } from 'node:fs';
import {
  CloudHsmClusterNotActiveException,
  CloudHsmClusterNotFoundException,
  CloudHsmClusterNotRelatedException,
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  IncorrectTrustAnchorException,
  type KMSClient,
  ReplicateKeyCommand,
  UpdateCustomKeyStoreCommand,
  XksProxyIncorrectAuthenticationCredentialException,
  XksProxyInvalidConfigurationException,
  XksProxyUriEndpointInUseException,
  XksProxyUriUnreachableException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, isFakeKmsUsageError, type KmsFake } from '../../src/index.js';
import { PUBLISHED_XKS_MESSAGES } from '../../src/world/checks/xks-errors.js';
import { cloudHsmInput, clusterId, xksPublicInput, xksVpcInput } from '../support/inputs.js';
import { connectAndWait, create, describeOne, disconnectAndWait, rejectionOf } from '../support/kms.js';

const PAGE = readFileSync(new URL('../../docs/behaviour.md', import.meta.url), 'utf8');
const RULE_IDS = [...PAGE.matchAll(/\*\*\[([a-z0-9.-]+)\]\*\*/g)].map((m) => m[1] as string);

type Check = (t: { fake: KmsFake; kms: KMSClient }) => Promise<void>;
/** For a command of an operation fake-kms does not implement; the client's typing does not matter here. */
const send = (kms: KMSClient, command: unknown) => (kms.send as (c: unknown) => Promise<unknown>).call(kms, command);
const nameOf = async (p: Promise<unknown>) => (await rejectionOf(p)).name;
const xksCredential = { AccessKeyId: 'ZYXWV76543ZYXWV76543', RawSecretAccessKey: 'c'.repeat(43) };

const CHECKS: Record<string, Check> = {
  'describe.id-and-name': async ({ kms }) => {
    const call = new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-1', CustomKeyStoreName: 'a' });
    expect(await nameOf(kms.send(call))).toBe('ValidationException');
  },
  'params.type-specific': async ({ kms }) => {
    const error = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ XksProxyUriPath: '/kms/xks/v1' }))),
    );
    expect([error.name, error.message]).toEqual(['ValidationException', expect.stringContaining('XksProxyUriPath')]);
  },
  'validation.all-at-once': async ({ kms }) => {
    const error = await rejectionOf(kms.send(new ConnectCustomKeyStoreCommand({} as never)));
    expect(error.message).toContain("Value null at 'customKeyStoreId' failed to satisfy constraint");
  },
  'json.wrong-type': async ({ kms }) => {
    const call = new DescribeCustomKeyStoresCommand({ Limit: 'ten' as unknown as number });
    expect(await nameOf(kms.send(call))).toBe('SerializationException');
  },
  'wire.statuses': async ({ fake, kms }) => {
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 5 }); // the SDK retries 500s
    expect((await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand({})))).$metadata.httpStatusCode).toBe(500);
    const unimplemented = await rejectionOf(send(kms, new ReplicateKeyCommand({ KeyId: 'k', ReplicaRegion: 'r' })));
    expect([unimplemented.name, unimplemented.message]).toEqual([
      'NotImplementedException',
      expect.stringContaining('ReplicateKey'),
    ]);
  },
  'ids.format': async ({ kms }) => {
    expect(await create(kms, cloudHsmInput())).toMatch(/^cks-[0-9a-f]{17}$/);
  },
  'connect.idempotent': async ({ fake, kms }) => {
    const id = await create(kms, cloudHsmInput());
    await connectAndWait(kms, id);
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    fake.setState(id, 'FAILED', 'NETWORK_ERRORS');
    expect(await nameOf(kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id })))).toBe(
      'CustomKeyStoreInvalidStateException',
    );
  },
  'timing.one-observation': async ({ kms }) => {
    const id = await create(kms, cloudHsmInput());
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect((await describeOne(kms, id)).ConnectionState).toBe('CONNECTING');
    expect((await describeOne(kms, id)).ConnectionState).toBe('CONNECTED');
  },
  'order.of-checks': async ({ kms }) => {
    // A name in use and an unknown cluster: uniqueness is checked before the backing world.
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'taken' }));
    const call = new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'taken' }));
    expect(await nameOf(kms.send(call))).toBe('CustomKeyStoreNameInUseException');
  },
  'uniqueness.exact': async ({ kms }) => {
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'payments' }));
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'Payments' }));
  },
  'describe.paging': async ({ kms }) => {
    const ids = [await create(kms, cloudHsmInput()), await create(kms, cloudHsmInput())];
    const first = await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 1 }));
    expect(first.CustomKeyStores?.[0]?.CustomKeyStoreId).toBe(ids[0]);
    const call = new DescribeCustomKeyStoresCommand({ Marker: `${first.NextMarker}x` });
    expect(await nameOf(kms.send(call))).toBe('InvalidMarkerException');
  },
  'quota.ten': async ({ kms }) => {
    for (let i = 0; i < 10; i++) await create(kms, cloudHsmInput());
    expect(await nameOf(kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput())))).toBe('LimitExceededException');
  },
  'scope.account-region': async ({ fake, kms }) => {
    const id = await create(kms, cloudHsmInput());
    const elsewhere = fake.client({ region: 'eu-west-1' });
    const call = new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id });
    expect(await nameOf(elsewhere.send(call))).toBe('CustomKeyStoreNotFoundException');
  },
  'secrets.never-shown': async ({ fake, kms }) => {
    const input = cloudHsmInput({ KeyStorePassword: 'Canary-Pswd-93' });
    const id = await create(kms, input);
    const xks = xksPublicInput({ XksProxyAuthenticationCredential: xksCredential });
    await create(kms, xks);
    await connectAndWait(kms, id);
    const everything = JSON.stringify([
      fake.journal,
      fake.stores(),
      fake.world.snapshot(),
      fake.world.cluster(input.CloudHsmClusterId as string).describe(),
      fake.world.proxy(xks.XksProxyUriEndpoint as string).describe(),
      await describeOne(kms, id),
    ]);
    expect(everything).not.toContain('Canary-Pswd-93');
    expect(everything).not.toContain(xksCredential.RawSecretAccessKey);
    expect(fake.world.cluster(input.CloudHsmClusterId as string).describe().kmsUser).not.toHaveProperty('password');
  },
  'update.states': async ({ kms }) => {
    const id = await create(kms, cloudHsmInput());
    await connectAndWait(kms, id);
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'renamed' }));
    const call = new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: 'another-Pswd' });
    expect(await rejectionOf(kms.send(call))).toBeInstanceOf(CustomKeyStoreInvalidStateException);
  },
  'update.unchanged-is-no-change': async ({ kms }) => {
    const input = cloudHsmInput();
    const id = await create(kms, input);
    await connectAndWait(kms, id);
    const same = { CustomKeyStoreId: id, CloudHsmClusterId: input.CloudHsmClusterId };
    await kms.send(new UpdateCustomKeyStoreCommand(same));
    const password = new UpdateCustomKeyStoreCommand({ ...same, KeyStorePassword: input.KeyStorePassword });
    expect(await rejectionOf(kms.send(password))).toBeInstanceOf(CustomKeyStoreInvalidStateException);
  },
  'update.empty-vpc-service': async ({ kms }) => {
    const id = await create(kms, xksVpcInput());
    const toPublic = new UpdateCustomKeyStoreCommand({
      CustomKeyStoreId: id,
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyUriEndpoint: 'https://public-now.example.com',
      XksProxyVpcEndpointServiceName: '',
    });
    await kms.send(toPublic);
    expect((await describeOne(kms, id)).XksProxyConfiguration?.Connectivity).toBe('PUBLIC_ENDPOINT');
  },
  'world.healthy-default': async ({ kms }) => {
    const hsm = await create(kms, cloudHsmInput());
    const xks = await create(kms, xksPublicInput());
    expect((await connectAndWait(kms, hsm)).ConnectionState).toBe('CONNECTED');
    expect((await connectAndWait(kms, xks)).ConnectionState).toBe('CONNECTED');
  },
  'world.cloudhsm-sync-vs-async': async ({ fake, kms }) => {
    const input = cloudHsmInput();
    const id = await create(kms, input);
    fake.world.cluster(input.CloudHsmClusterId as string).setState('DEGRADED');
    const refused = await rejectionOf(kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id })));
    expect(refused).toBeInstanceOf(CloudHsmClusterNotActiveException);
    expect((await describeOne(kms, id)).ConnectionState).toBe('DISCONNECTED');
    fake.world.cluster(input.CloudHsmClusterId as string).update({ state: 'ACTIVE', hsms: [] });
    expect((await connectAndWait(kms, id)).ConnectionErrorCode).toBe('INSUFFICIENT_CLOUDHSM_HSMS');
  },
  'world.xks-connect-never-throws': async ({ fake, kms }) => {
    const input = xksPublicInput();
    const id = await create(kms, input);
    fake.world.proxy(input.XksProxyUriEndpoint as string).takeOffline();
    expect((await connectAndWait(kms, id)).ConnectionErrorCode).toBe('XKS_PROXY_NOT_REACHABLE');
  },
  'world.codes-by-store-type': async ({ fake, kms }) => {
    const id = await create(kms, cloudHsmInput());
    let refused = false;
    try {
      fake.failNextConnect(id, 'XKS_PROXY_TIMED_OUT');
    } catch (error) {
      refused = isFakeKmsUsageError(error);
    }
    expect(refused).toBe(true);
  },
  'world.kmsuser-password': async ({ kms }) => {
    const id = await create(kms, cloudHsmInput({ KeyStorePassword: 'created-Pswd' }));
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: 'told-Pswd-1' }));
    expect((await connectAndWait(kms, id)).ConnectionErrorCode).toBe('INVALID_CREDENTIALS');
  },
  'world.kmsuser-rotation': async ({ kms }) => {
    const id = await create(kms, cloudHsmInput({ KeyStorePassword: 'created-Pswd' }));
    await connectAndWait(kms, id);
    await disconnectAndWait(kms, id);
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: 'created-Pswd' }));
    expect((await connectAndWait(kms, id)).ConnectionErrorCode).toBe('INVALID_CREDENTIALS');
  },
  'world.proxy-credential': async ({ kms }) => {
    const id = await create(kms, xksPublicInput());
    const call = new UpdateCustomKeyStoreCommand({
      CustomKeyStoreId: id,
      XksProxyAuthenticationCredential: xksCredential,
    });
    expect(await rejectionOf(kms.send(call))).toBeInstanceOf(XksProxyIncorrectAuthenticationCredentialException);
  },
  'world.proxy-paths': async ({ kms }) => {
    const id = await create(kms, xksPublicInput());
    const call = new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, XksProxyUriPath: '/elsewhere/kms/xks/v1' });
    expect(await rejectionOf(kms.send(call))).toBeInstanceOf(XksProxyInvalidConfigurationException);
  },
  'world.cluster-lineage': async ({ fake, kms }) => {
    const input = cloudHsmInput();
    const id = await create(kms, input);
    const [unrelated, restored] = [clusterId(), clusterId()];
    const move = (to: string) => new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: to });
    expect(await rejectionOf(kms.send(move(unrelated)))).toBeInstanceOf(CloudHsmClusterNotRelatedException);
    fake.world.cluster(restored).relatedTo(input.CloudHsmClusterId as string);
    await kms.send(move(restored));
  },
  'world.trust-anchor': async ({ kms }) => {
    const call = new CreateCustomKeyStoreCommand(cloudHsmInput({ TrustAnchorCertificate: 'not a certificate' }));
    const error = await rejectionOf(kms.send(call));
    expect(error).toBeInstanceOf(IncorrectTrustAnchorException);
    expect(error.message).toContain('fake-kms/fixtures');
  },
  'world.cluster-owner': async ({ fake, kms }) => {
    const input = cloudHsmInput();
    await create(kms, input);
    const other = fake.client({ account: '444455556666' });
    const error = await rejectionOf(other.send(new CreateCustomKeyStoreCommand({ ...input, CustomKeyStoreName: 'b' })));
    expect(error).toBeInstanceOf(CloudHsmClusterNotFoundException);
  },
  'messages.xks-published': async ({ fake, kms }) => {
    for (const message of Object.values(PUBLISHED_XKS_MESSAGES)) expect(PAGE).toContain(message);
    const input = xksPublicInput();
    fake.world.proxy(input.XksProxyUriEndpoint as string).takeOffline();
    const error = await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(input)));
    expect(error.message).toBe(PUBLISHED_XKS_MESSAGES.uriUnreachable);
  },
  'messages.tls-exception': async ({ fake, kms }) => {
    const input = xksPublicInput();
    fake.world.proxy(input.XksProxyUriEndpoint as string).update({ tls: 'hostname-mismatch' });
    const error = await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(input)));
    expect(error).toBeInstanceOf(XksProxyUriUnreachableException);
    expect(error.message).toBe(PUBLISHED_XKS_MESSAGES.tlsConnection);
  },
  'messages.endpoint-in-use': async ({ kms }) => {
    const pub = xksPublicInput();
    await create(kms, pub);
    const call = new CreateCustomKeyStoreCommand(xksVpcInput({ XksProxyUriEndpoint: pub.XksProxyUriEndpoint }));
    const error = await rejectionOf(kms.send(call));
    expect(error).toBeInstanceOf(XksProxyUriEndpointInUseException);
    expect(error.message).toContain('public endpoint connectivity');
  },
};

describe('docs/behaviour.md is what fake-kms does', () => {
  it('every rule on the page has a check, and every check a rule', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect([...RULE_IDS].sort()).toEqual(Object.keys(CHECKS).sort());
  });

  it('the page never points outside the project', () => {
    expect(PAGE).not.toMatch(/\.\.\/shared|shared\/spec/);
  });

  it.each(RULE_IDS)('[%s] holds through a real KMSClient', async (rule) => {
    const fake = createKmsFake();
    const check = CHECKS[rule];
    if (!check) throw new Error(`no check for rule ${rule}`);
    await check({ fake, kms: fake.client() });
  });
});
