/**
 * Every row of the README table "The backing world" (Outcome | Where it shows | World description), and
 * every injection of "Controlling the fake", as a real KMSClient sees it (issue 3). The world tests next
 * to this file ask the BackingWorld directly; these go over the wire, through the SDK's serializer,
 * deserializer and exception classes. `maxAttempts: 1` keeps the SDK from retrying 5xx answers.
 *
 * Each `it.each` row names the README row it stands for (`outcome`, `where`) and which of the row's
 * "World description" alternatives it produces (`how`).
 */
import {
  CloudHsmClusterInUseException,
  CloudHsmClusterInvalidConfigurationException,
  CloudHsmClusterNotActiveException,
  CloudHsmClusterNotFoundException,
  CloudHsmClusterNotRelatedException,
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
  DependencyTimeoutException,
  DescribeCustomKeyStoresCommand,
  IncorrectTrustAnchorException,
  type KMSClient,
  KMSInternalException,
  UpdateCustomKeyStoreCommand,
  type UpdateCustomKeyStoreCommandInput,
  XksProxyIncorrectAuthenticationCredentialException,
  XksProxyInvalidConfigurationException,
  XksProxyInvalidResponseException,
  XksProxyUriUnreachableException,
  XksProxyVpcEndpointServiceInvalidConfigurationException,
  XksProxyVpcEndpointServiceNotFoundException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { cloudHsmStore, trustAnchorCertificate } from '../../src/fixtures/index.js';
import { type ConnectionErrorCode, createKmsFake, type KmsFake } from '../../src/index.js';
import {
  CLUSTER_STATES,
  type ClusterHandle,
  type ProxyHandle,
  TLS_PROBLEMS,
  type VpcEndpointServiceHandle,
} from '../../src/world/index.js';
import { cloudHsmInput, clusterId, xksPublicInput, xksVpcInput } from '../support/inputs.js';
import { connectAndWait, create, describeOne, disconnectAndWait, rejectionOf } from '../support/kms.js';

interface Ctx {
  fake: KmsFake;
  kms: KMSClient;
}

/** A fresh fake whose world is entirely undescribed, hence healthy, and a client that never retries. */
function healthy(): Ctx {
  const fake = createKmsFake();
  return { fake, kms: fake.client({ maxAttempts: 1 }) };
}

interface Created {
  id: string;
  input: CreateCustomKeyStoreCommandInput;
}

async function createStore(t: Ctx, input: CreateCustomKeyStoreCommandInput): Promise<Created> {
  return { id: await create(t.kms, input), input };
}

const clusterOf = (t: Ctx, s: Created): ClusterHandle => t.fake.world.cluster(s.input.CloudHsmClusterId as string);
const proxyOf = (t: Ctx, s: Created): ProxyHandle => t.fake.world.proxy(s.input.XksProxyUriEndpoint as string);
const serviceOf = (t: Ctx, s: Created): VpcEndpointServiceHandle =>
  t.fake.world.vpcEndpointService(s.input.XksProxyVpcEndpointServiceName as string);

const OTHER_ACCOUNT = '444455556666';
const OTHER_CREDENTIAL = {
  accessKeyId: 'ZYXWV76543ZYXWV76543',
  secretAccessKey: 'c2VjcmV0LXRoYXQtaXMtbm90LXRoZS1zdG9yZXMtb25l',
};
const hsmsIn = (...zones: string[]) => zones.map((z) => ({ availabilityZone: `us-east-1${z}` }));
const oneZoneSubnets = [{ subnetId: 'subnet-0123456789abcdef0', availabilityZone: 'us-east-1a' }];
const serviceInRegion = (region: string) => `com.amazonaws.vpce.${region}.vpce-svc-0fedcba9876543210`;

// ---- 1. ConnectionErrorCode rows: Connect → FAILED ----------------------------------------------------

type Kind = 'cloudhsm' | 'public' | 'vpc';

interface ConnectionRow {
  /** The README row: its Outcome cell. */
  outcome: string;
  code: ConnectionErrorCode;
  /** Which alternative of the row's World description this is. */
  how: string;
  kind: Kind;
  breakWorld: (t: Ctx, s: Created) => void | Promise<void>;
  /** Breaking the world this way takes connect attempts, so it cannot happen while the store stays CONNECTED. */
  byConnecting?: true;
}

const onCluster = (
  outcome: string,
  code: ConnectionErrorCode,
  how: string,
  change: (c: ClusterHandle) => unknown,
): ConnectionRow => ({ outcome, code, how, kind: 'cloudhsm', breakWorld: (t, s) => void change(clusterOf(t, s)) });
const onProxy = (
  outcome: string,
  code: ConnectionErrorCode,
  how: string,
  change: (p: ProxyHandle, s: Created) => unknown,
): ConnectionRow => ({ outcome, code, how, kind: 'public', breakWorld: (t, s) => void change(proxyOf(t, s), s) });
const onService = (
  outcome: string,
  code: ConnectionErrorCode,
  how: string,
  change: (v: VpcEndpointServiceHandle) => unknown,
): ConnectionRow => ({ outcome, code, how, kind: 'vpc', breakWorld: (t, s) => void change(serviceOf(t, s)) });

const connectionRows: ConnectionRow[] = [
  onCluster('CLUSTER_NOT_FOUND', 'CLUSTER_NOT_FOUND', 'cluster(id).delete()', (c) => c.delete()),
  onCluster('CLUSTER_NOT_FOUND', 'CLUSTER_NOT_FOUND', "a cluster region other than the store's", (c) =>
    c.update({ region: 'eu-west-1' }),
  ),
  onCluster('INSUFFICIENT_CLOUDHSM_HSMS', 'INSUFFICIENT_CLOUDHSM_HSMS', 'removeAllHsms()', (c) => c.removeAllHsms()),
  onCluster('INSUFFICIENT_CLOUDHSM_HSMS', 'INSUFFICIENT_CLOUDHSM_HSMS', "no HSM with state: 'ACTIVE'", (c) =>
    c.update({ hsms: hsmsIn('a', 'b').map((h) => ({ ...h, state: 'DEGRADED' as const })) }),
  ),
  onCluster(
    'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
    'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
    'exhaustSubnet() (freeIpAddresses: 0)',
    (c) => c.exhaustSubnet(),
  ),
  onCluster('SUBNET_NOT_FOUND', 'SUBNET_NOT_FOUND', 'deleteSubnet() (deleted: true)', (c) => c.deleteSubnet()),
  onCluster('INVALID_CREDENTIALS (CloudHSM)', 'INVALID_CREDENTIALS', "changeKmsUserPassword(p), p ≠ the store's", (c) =>
    c.changeKmsUserPassword('Rotated-Pswd-42'),
  ),
  onCluster('USER_LOCKED_OUT', 'USER_LOCKED_OUT', 'lockOutKmsUser()', (c) => c.lockOutKmsUser()),
  {
    outcome: 'USER_LOCKED_OUT',
    code: 'USER_LOCKED_OUT',
    how: '5 connects with a wrong password (then even the right one is locked out)',
    kind: 'cloudhsm',
    byConnecting: true,
    breakWorld: async (t, s) => {
      clusterOf(t, s).changeKmsUserPassword('Rotated-Pswd-42');
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect(await connectAndWait(t.kms, s.id), `attempt ${attempt}`).toMatchObject({
          ConnectionState: 'FAILED',
          ConnectionErrorCode: 'INVALID_CREDENTIALS',
        });
        await disconnectAndWait(t.kms, s.id);
      }
      // KMS is told the password the cluster has now; kmsuser is locked out all the same.
      await t.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: s.id, KeyStorePassword: 'Rotated-Pswd-42' }),
      );
    },
  },
  onCluster('USER_LOGGED_IN', 'USER_LOGGED_IN', 'logInKmsUser()', (c) => c.logInKmsUser()),
  onCluster('USER_NOT_FOUND', 'USER_NOT_FOUND', 'removeKmsUser() (kmsUser: { present: false })', (c) =>
    c.removeKmsUser(),
  ),
  onCluster('NETWORK_ERRORS', 'NETWORK_ERRORS', 'cluster networkFault: true', (c) => c.update({ networkFault: true })),
  onProxy('NETWORK_ERRORS', 'NETWORK_ERRORS', 'proxy networkFault: true', (p) => p.update({ networkFault: true })),
  onCluster('INTERNAL_ERROR', 'INTERNAL_ERROR', 'cluster internalFault: true', (c) =>
    c.update({ internalFault: true }),
  ),
  onProxy('INTERNAL_ERROR', 'INTERNAL_ERROR', 'proxy internalFault: true', (p) => p.update({ internalFault: true })),
  onProxy('XKS_PROXY_NOT_REACHABLE', 'XKS_PROXY_NOT_REACHABLE', 'proxy(e).takeOffline()', (p) => p.takeOffline()),
  onProxy('XKS_PROXY_NOT_REACHABLE', 'XKS_PROXY_NOT_REACHABLE', 'keyManagersAvailable: false', (p) =>
    p.update({ keyManagersAvailable: false }),
  ),
  onProxy('XKS_PROXY_TIMED_OUT', 'XKS_PROXY_TIMED_OUT', 'respondAfter(250)', (p) => p.respondAfter(250)),
  onProxy('XKS_PROXY_TIMED_OUT', 'XKS_PROXY_TIMED_OUT', 'respondAfter(400)', (p) => p.respondAfter(400)),
  ...TLS_PROBLEMS.map((tls) =>
    onProxy('XKS_PROXY_INVALID_TLS_CONFIGURATION', 'XKS_PROXY_INVALID_TLS_CONFIGURATION', `tls: '${tls}'`, (p) =>
      p.update({ tls }),
    ),
  ),
  onProxy(
    'XKS_PROXY_INVALID_CONFIGURATION',
    'XKS_PROXY_INVALID_CONFIGURATION',
    "uriPaths without the store's path",
    (p) => p.update({ uriPaths: ['/retired-proxy/kms/xks/v1'] }),
  ),
  onProxy('INVALID_CREDENTIALS (XKS)', 'INVALID_CREDENTIALS', 'acceptOnly(otherCredential)', (p) =>
    p.acceptOnly(OTHER_CREDENTIAL),
  ),
  onProxy('XKS_PROXY_ACCESS_DENIED', 'XKS_PROXY_ACCESS_DENIED', 'denyKms() (authorizesKms: false)', (p) => p.denyKms()),
  onProxy('XKS_PROXY_INVALID_RESPONSE', 'XKS_PROXY_INVALID_RESPONSE', 'responsesValid: false', (p) =>
    p.update({ responsesValid: false }),
  ),
  onService('XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND', 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND', 'service delete()', (v) =>
    v.delete(),
  ),
  onService(
    'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    'allowsKmsPrincipal: false',
    (v) => v.update({ allowsKmsPrincipal: false }),
  ),
  onService('XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND', 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND', 'another owner', (v) =>
    v.update({ owner: OTHER_ACCOUNT }),
  ),
  onService(
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    'acceptanceRequired: true',
    (v) => v.update({ acceptanceRequired: true }),
  ),
  onService(
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    'availabilityZones: 1',
    (v) => v.update({ availabilityZones: 1 }),
  ),
  onService(
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    "privateDnsName ≠ the endpoint's host",
    (v) => v.update({ privateDnsName: 'somewhere-else.example.com' }),
  ),
  onService(
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    'privateDnsVerified: false',
    (v) => v.update({ privateDnsVerified: false }),
  ),
];

const inputFor: Record<Kind, () => CreateCustomKeyStoreCommandInput> = {
  cloudhsm: () => cloudHsmInput(),
  public: () => xksPublicInput(),
  vpc: () => xksVpcInput(),
};

describe('README "The backing world", ConnectionErrorCode rows, through a real KMSClient', () => {
  it('covers every ConnectionErrorCode row of the README table', () => {
    expect(new Set(connectionRows.map((r) => r.outcome))).toEqual(
      new Set([
        'CLUSTER_NOT_FOUND',
        'INSUFFICIENT_CLOUDHSM_HSMS',
        'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
        'SUBNET_NOT_FOUND',
        'INVALID_CREDENTIALS (CloudHSM)',
        'USER_LOCKED_OUT',
        'USER_LOGGED_IN',
        'USER_NOT_FOUND',
        'NETWORK_ERRORS',
        'INTERNAL_ERROR',
        'XKS_PROXY_NOT_REACHABLE',
        'XKS_PROXY_TIMED_OUT',
        'XKS_PROXY_INVALID_TLS_CONFIGURATION',
        'XKS_PROXY_INVALID_CONFIGURATION',
        'INVALID_CREDENTIALS (XKS)',
        'XKS_PROXY_ACCESS_DENIED',
        'XKS_PROXY_INVALID_RESPONSE',
        'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
        'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
      ]),
    );
    // NETWORK_ERRORS and INTERNAL_ERROR arise from a cluster and from a proxy.
    for (const code of ['NETWORK_ERRORS', 'INTERNAL_ERROR']) {
      expect(new Set(connectionRows.filter((r) => r.code === code).map((r) => r.kind))).toEqual(
        new Set(['cloudhsm', 'public']),
      );
    }
  });

  it.each(connectionRows)(
    '$outcome ($kind store, $how): created in a healthy world, the world breaks, Connect → FAILED',
    async (row) => {
      const t = healthy();
      const store = await createStore(t, inputFor[row.kind]());
      expect(await describeOne(t.kms, store.id)).toMatchObject({ ConnectionState: 'DISCONNECTED' });

      await row.breakWorld(t, store);
      const entry = await connectAndWait(t.kms, store.id);
      expect(entry).toMatchObject({ ConnectionState: 'FAILED', ConnectionErrorCode: row.code });
      expect(t.fake.stores()[0]).toMatchObject({ ConnectionState: 'FAILED', ConnectionErrorCode: row.code });
    },
  );

  it.each(connectionRows.filter((r) => !r.byConnecting))(
    '$outcome ($kind store, $how): a CONNECTED store stays CONNECTED when the world breaks; the next connect fails',
    async (row) => {
      const t = healthy();
      const store = await createStore(t, inputFor[row.kind]());
      expect(await connectAndWait(t.kms, store.id)).toMatchObject({ ConnectionState: 'CONNECTED' });

      await row.breakWorld(t, store);
      for (let look = 0; look < 3; look++) {
        const entry = await describeOne(t.kms, store.id);
        expect(entry.ConnectionState).toBe('CONNECTED');
        expect(entry.ConnectionErrorCode).toBeUndefined();
      }
      // Connect on a CONNECTED store is a no-op: it does not consult the broken world.
      await t.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store.id }));
      expect(await describeOne(t.kms, store.id)).toMatchObject({ ConnectionState: 'CONNECTED' });

      expect(await disconnectAndWait(t.kms, store.id)).toMatchObject({ ConnectionState: 'DISCONNECTED' });
      expect(await connectAndWait(t.kms, store.id)).toMatchObject({
        ConnectionState: 'FAILED',
        ConnectionErrorCode: row.code,
      });
    },
  );

  it('XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND (a name in another Region): a store that names one (seeded: Create refuses it) fails to connect', async () => {
    const t = healthy();
    const input = xksVpcInput();
    const id = t.fake.addStore({
      CustomKeyStoreName: input.CustomKeyStoreName as string,
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      ConnectionState: 'DISCONNECTED',
      XksProxyConfiguration: {
        Connectivity: 'VPC_ENDPOINT_SERVICE',
        AccessKeyId: input.XksProxyAuthenticationCredential?.AccessKeyId as string,
        UriEndpoint: input.XksProxyUriEndpoint as string,
        UriPath: input.XksProxyUriPath as string,
        VpcEndpointServiceName: serviceInRegion('us-west-2'),
      },
      XksProxyRawSecretAccessKey: input.XksProxyAuthenticationCredential?.RawSecretAccessKey as string,
    });
    expect(await connectAndWait(t.kms, id)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    });
  });
});

// ---- 2. Exception rows: Create, Update, Connect refused --------------------------------------------

type SdkExceptionClass = abstract new (...args: never[]) => Error;

interface Act {
  send: () => Promise<unknown>;
  /** For Connect: the store that must stay DISCONNECTED. */
  storeId?: string;
}

interface ExceptionRow {
  /** The README row: its Outcome cell. */
  outcome: string;
  /** The operation of the row's "Where it shows" cell this test sends. */
  where: string;
  /** Which alternative of the row's World description this is. */
  how: string;
  Exception: SdkExceptionClass;
  status: 400 | 500;
  /** Build the stores the request needs (in a healthy world), then make the world say it. */
  arrange: (t: Ctx) => Promise<Act>;
}

type ClusterChange = (c: ClusterHandle) => unknown;
type ProxyChange = (p: ProxyHandle) => unknown;
type ServiceChange = (v: VpcEndpointServiceHandle) => unknown;

/** Create a CloudHSM store on a cluster the world has just broken. */
const createOnCluster =
  (change: ClusterChange) =>
  async (t: Ctx): Promise<Act> => {
    const input = cloudHsmInput();
    change(t.fake.world.cluster(input.CloudHsmClusterId as string));
    return { send: () => t.kms.send(new CreateCustomKeyStoreCommand(input)) };
  };

/** Move a healthy, DISCONNECTED CloudHSM store to a related cluster the world has just broken. */
const updateToCluster =
  (change: ClusterChange) =>
  async (t: Ctx): Promise<Act> => {
    const store = await createStore(t, cloudHsmInput());
    const next = clusterId();
    change(t.fake.world.cluster(next).relatedTo(store.input.CloudHsmClusterId as string));
    return {
      send: () => t.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.id, CloudHsmClusterId: next })),
    };
  };

/** Connect a healthy, DISCONNECTED CloudHSM store whose cluster the world has just broken. */
const connectOnCluster =
  (change: ClusterChange) =>
  async (t: Ctx): Promise<Act> => {
    const store = await createStore(t, cloudHsmInput());
    change(clusterOf(t, store));
    return {
      send: () => t.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store.id })),
      storeId: store.id,
    };
  };

/** Create a public-endpoint XKS store on a proxy the world has just broken. */
const createOnProxy =
  (change: ProxyChange) =>
  async (t: Ctx): Promise<Act> => {
    const input = xksPublicInput();
    change(t.fake.world.proxy(input.XksProxyUriEndpoint as string));
    return { send: () => t.kms.send(new CreateCustomKeyStoreCommand(input)) };
  };

const UPDATED_PATH = '/updated-prefix/kms/xks/v1';

/**
 * Change the URI path of a healthy, DISCONNECTED public XKS store to one its proxy serves too, after the
 * world has broken the proxy.
 */
const updateOnProxy =
  (change: ProxyChange) =>
  async (t: Ctx): Promise<Act> => {
    const store = await createStore(t, xksPublicInput());
    const proxy = proxyOf(t, store).update({ uriPaths: [store.input.XksProxyUriPath as string, UPDATED_PATH] });
    change(proxy);
    return {
      send: () =>
        t.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.id, XksProxyUriPath: UPDATED_PATH })),
    };
  };

/** Tell KMS something the default world never learned: the proxy keeps what the store was created with. */
const updateUntaught =
  (update: Omit<UpdateCustomKeyStoreCommandInput, 'CustomKeyStoreId'>) =>
  async (t: Ctx): Promise<Act> => {
    const store = await createStore(t, xksPublicInput());
    return {
      send: () => t.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.id, ...update })),
    };
  };

/** Create a VPC XKS store on a service the world has just broken (`serviceName` overrides the input's). */
const createOnService =
  (change: ServiceChange, serviceName?: string) =>
  async (t: Ctx): Promise<Act> => {
    const input = xksVpcInput(serviceName ? { XksProxyVpcEndpointServiceName: serviceName } : {});
    change(t.fake.world.vpcEndpointService(input.XksProxyVpcEndpointServiceName as string));
    return { send: () => t.kms.send(new CreateCustomKeyStoreCommand(input)) };
  };

/** Move a healthy, DISCONNECTED VPC XKS store to a service the world has just broken. */
const updateToService =
  (change: ServiceChange, serviceName = 'com.amazonaws.vpce.us-east-1.vpce-svc-0aaaaaaaaaaaaaaaa') =>
  async (t: Ctx): Promise<Act> => {
    const store = await createStore(t, xksVpcInput());
    change(t.fake.world.vpcEndpointService(serviceName));
    return {
      send: () =>
        t.kms.send(
          new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.id, XksProxyVpcEndpointServiceName: serviceName }),
        ),
    };
  };

const nothing = () => undefined;

const NOT_ACTIVE_STATES = CLUSTER_STATES.filter((s) => s !== 'ACTIVE' && s !== 'DELETED');

/** The alternatives of "fewer than 2 ACTIVE HSMs in 2 zones, subnets in 1 zone, or breakSecurityGroup()". */
const invalidClusterConfigurations: [string, ClusterChange][] = [
  ['one ACTIVE HSM', (c) => c.update({ hsms: hsmsIn('a') })],
  ['removeAllHsms()', (c) => c.removeAllHsms()],
  ['two ACTIVE HSMs in one zone', (c) => c.update({ hsms: hsmsIn('a', 'a') })],
  [
    'two HSMs in two zones, one not ACTIVE',
    (c) => c.update({ hsms: [...hsmsIn('a'), { availabilityZone: 'us-east-1b', state: 'CREATE_IN_PROGRESS' }] }),
  ],
  ['subnets in 1 zone', (c) => c.update({ subnets: oneZoneSubnets })],
  ['breakSecurityGroup()', (c) => c.breakSecurityGroup()],
];

/** Proxy problems shared by the Create (public) and Update rows. */
const proxyProblems: [string, string, SdkExceptionClass, ProxyChange][] = [
  ['XksProxyUriUnreachableException', 'reachable: false', XksProxyUriUnreachableException, (p) => p.takeOffline()],
  ['XksProxyUriUnreachableException', 'latencyMs: 250', XksProxyUriUnreachableException, (p) => p.respondAfter(250)],
  [
    'XksProxyUriUnreachableException',
    'keyManagersAvailable: false',
    XksProxyUriUnreachableException,
    (p) => p.update({ keyManagersAvailable: false }),
  ],
  [
    'XksProxyUriUnreachableException',
    'networkFault: true',
    XksProxyUriUnreachableException,
    (p) => p.update({ networkFault: true }),
  ],
  [
    'XksProxyInvalidConfigurationException',
    'uriPaths without the path',
    XksProxyInvalidConfigurationException,
    (p) => p.update({ uriPaths: ['/retired-proxy/kms/xks/v1'] }),
  ],
  ...TLS_PROBLEMS.map((tls): [string, string, SdkExceptionClass, ProxyChange] => [
    'XksProxyUriUnreachableException',
    `tls: '${tls}'`,
    XksProxyUriUnreachableException,
    (p) => p.update({ tls }),
  ]),
  [
    'XksProxyIncorrectAuthenticationCredentialException',
    "credentials without the store's",
    XksProxyIncorrectAuthenticationCredentialException,
    (p) => p.acceptOnly(OTHER_CREDENTIAL),
  ],
  [
    'XksProxyInvalidResponseException',
    'responsesValid: false',
    XksProxyInvalidResponseException,
    (p) => p.update({ responsesValid: false }),
  ],
];

/** VPC endpoint service problems: `[outcome, how, class, change, serviceName?]`. */
const serviceProblems: [string, string, SdkExceptionClass, ServiceChange, string?][] = [
  [
    'XksProxyVpcEndpointServiceNotFoundException',
    'service delete()',
    XksProxyVpcEndpointServiceNotFoundException,
    (v) => v.delete(),
  ],
  [
    'XksProxyVpcEndpointServiceNotFoundException',
    'allowsKmsPrincipal: false',
    XksProxyVpcEndpointServiceNotFoundException,
    (v) => v.update({ allowsKmsPrincipal: false }),
  ],
  [
    'XksProxyVpcEndpointServiceNotFoundException',
    'another owner',
    XksProxyVpcEndpointServiceNotFoundException,
    (v) => v.update({ owner: OTHER_ACCOUNT }),
  ],
  [
    'XksProxyVpcEndpointServiceNotFoundException',
    'a name in another Region',
    XksProxyVpcEndpointServiceNotFoundException,
    nothing,
    serviceInRegion('us-west-2'),
  ],
  [
    'XksProxyVpcEndpointServiceInvalidConfigurationException',
    'acceptanceRequired: true',
    XksProxyVpcEndpointServiceInvalidConfigurationException,
    (v) => v.update({ acceptanceRequired: true }),
  ],
  [
    'XksProxyVpcEndpointServiceInvalidConfigurationException',
    'availabilityZones: 1',
    XksProxyVpcEndpointServiceInvalidConfigurationException,
    (v) => v.update({ availabilityZones: 1 }),
  ],
  [
    'XksProxyVpcEndpointServiceInvalidConfigurationException',
    "privateDnsName ≠ the endpoint's host",
    XksProxyVpcEndpointServiceInvalidConfigurationException,
    (v) => v.update({ privateDnsName: 'somewhere-else.example.com' }),
  ],
  [
    'XksProxyVpcEndpointServiceInvalidConfigurationException',
    'privateDnsVerified: false',
    XksProxyVpcEndpointServiceInvalidConfigurationException,
    (v) => v.update({ privateDnsVerified: false }),
  ],
];

const row = (
  outcome: string,
  where: string,
  how: string,
  Exception: SdkExceptionClass,
  arrange: ExceptionRow['arrange'],
  status: 400 | 500 = 400,
): ExceptionRow => ({ outcome, where, how, Exception, status, arrange });

const exceptionRows: ExceptionRow[] = [
  // CloudHsmClusterNotFoundException | Create; Update (new cluster) | cluster state: 'DELETED' or another region
  ...(
    [
      ["state: 'DELETED' (delete())", (c) => c.delete()],
      ['another region', (c) => c.update({ region: 'eu-west-1' })],
      ['another account', (c) => c.update({ account: OTHER_ACCOUNT })],
    ] as [string, ClusterChange][]
  ).flatMap(([how, change]) => [
    row('CloudHsmClusterNotFoundException', 'Create', how, CloudHsmClusterNotFoundException, createOnCluster(change)),
    row(
      'CloudHsmClusterNotFoundException',
      'Update (new cluster)',
      how,
      CloudHsmClusterNotFoundException,
      updateToCluster(change),
    ),
  ]),

  // CloudHsmClusterNotActiveException | Create, Update; Connect (stays DISCONNECTED) | any state but ACTIVE/DELETED
  ...NOT_ACTIVE_STATES.flatMap((state) => {
    const change: ClusterChange = (c) => c.setState(state);
    const how = `setState('${state}')`;
    return [
      row(
        'CloudHsmClusterNotActiveException',
        'Create',
        how,
        CloudHsmClusterNotActiveException,
        createOnCluster(change),
      ),
      row(
        'CloudHsmClusterNotActiveException',
        'Update',
        how,
        CloudHsmClusterNotActiveException,
        updateToCluster(change),
      ),
      row(
        'CloudHsmClusterNotActiveException',
        'Connect',
        how,
        CloudHsmClusterNotActiveException,
        connectOnCluster(change),
      ),
    ];
  }),

  // CloudHsmClusterInvalidConfigurationException | Create, Update
  ...invalidClusterConfigurations.flatMap(([how, change]) => [
    row(
      'CloudHsmClusterInvalidConfigurationException',
      'Create',
      how,
      CloudHsmClusterInvalidConfigurationException,
      createOnCluster(change),
    ),
    row(
      'CloudHsmClusterInvalidConfigurationException',
      'Update',
      how,
      CloudHsmClusterInvalidConfigurationException,
      updateToCluster(change),
    ),
  ]),

  // CloudHsmClusterInvalidConfigurationException | Connect (stays DISCONNECTED) | subnets in 1 zone, or breakSecurityGroup()
  ...invalidClusterConfigurations
    .filter(([how]) => how === 'subnets in 1 zone' || how === 'breakSecurityGroup()')
    .map(([how, change]) =>
      row(
        'CloudHsmClusterInvalidConfigurationException',
        'Connect',
        how,
        CloudHsmClusterInvalidConfigurationException,
        connectOnCluster(change),
      ),
    ),

  // IncorrectTrustAnchorException | Create | cluster trustAnchorCertificate ≠ the request's
  row(
    'IncorrectTrustAnchorException',
    'Create',
    "cluster trustAnchorCertificate ≠ the request's",
    IncorrectTrustAnchorException,
    createOnCluster((c) => c.update({ trustAnchorCertificate: trustAnchorCertificate(1) })),
  ),
  row(
    'IncorrectTrustAnchorException',
    'Create',
    'a request value that is not an X.509 certificate',
    IncorrectTrustAnchorException,
    async (t) => {
      const input = cloudHsmInput({ TrustAnchorCertificate: 'not a certificate' });
      return { send: () => t.kms.send(new CreateCustomKeyStoreCommand(input)) };
    },
  ),

  // CloudHsmClusterNotRelatedException | Update | new cluster with a backupLineage other than the store's cluster's
  row(
    'CloudHsmClusterNotRelatedException',
    'Update',
    "new cluster with a backupLineage other than the store's cluster's",
    CloudHsmClusterNotRelatedException,
    updateToCluster((c) => c.update({ backupLineage: 'a-backup-of-some-other-cluster' })),
  ),
  row(
    'CloudHsmClusterNotRelatedException',
    'Update',
    'a new cluster nobody described (undescribed clusters are unrelated)',
    CloudHsmClusterNotRelatedException,
    async (t) => {
      const store = await createStore(t, cloudHsmInput());
      const next = clusterId();
      return {
        send: () =>
          t.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.id, CloudHsmClusterId: next })),
      };
    },
  ),

  // CloudHsmClusterInUseException | Create | a store on the same cluster, or on one with the same backupLineage
  row(
    'CloudHsmClusterInUseException',
    'Create',
    'a store on the same cluster',
    CloudHsmClusterInUseException,
    async (t) => {
      const first = await createStore(t, cloudHsmInput());
      const input = cloudHsmInput({ CloudHsmClusterId: first.input.CloudHsmClusterId });
      return { send: () => t.kms.send(new CreateCustomKeyStoreCommand(input)) };
    },
  ),
  row(
    'CloudHsmClusterInUseException',
    'Create',
    'a store on one with the same backupLineage',
    CloudHsmClusterInUseException,
    async (t) => {
      const first = await createStore(t, cloudHsmInput());
      const input = cloudHsmInput();
      t.fake.world
        .cluster(input.CloudHsmClusterId as string)
        .update({ backupLineage: first.input.CloudHsmClusterId as string });
      return { send: () => t.kms.send(new CreateCustomKeyStoreCommand(input)) };
    },
  ),

  // KMSInternalException (500) | Create, Update | cluster or proxy internalFault: true
  ...(
    [
      ['Create', 'cluster internalFault: true', createOnCluster((c) => c.update({ internalFault: true }))],
      ['Update', 'cluster internalFault: true', updateToCluster((c) => c.update({ internalFault: true }))],
      ['Create', 'proxy internalFault: true', createOnProxy((p) => p.update({ internalFault: true }))],
      ['Update', 'proxy internalFault: true', updateOnProxy((p) => p.update({ internalFault: true }))],
    ] as [string, string, ExceptionRow['arrange']][]
  ).map(([where, how, arrange]) => row('KMSInternalException (500)', where, how, KMSInternalException, arrange, 500)),

  // XksProxy*Exception | Create (public), Update
  ...proxyProblems.flatMap(([outcome, how, Exception, change]) => [
    row(outcome, 'Create (public)', how, Exception, createOnProxy(change)),
    row(outcome, 'Update', how, Exception, updateOnProxy(change)),
  ]),

  // XksProxyInvalidConfigurationException / …Credential… | Update | what the proxy was never given
  row(
    'XksProxyInvalidConfigurationException',
    'Update',
    'a path the proxy was never said to serve',
    XksProxyInvalidConfigurationException,
    updateUntaught({ XksProxyUriPath: UPDATED_PATH }),
  ),
  row(
    'XksProxyIncorrectAuthenticationCredentialException',
    'Update',
    'a credential the proxy was never given',
    XksProxyIncorrectAuthenticationCredentialException,
    updateUntaught({
      XksProxyAuthenticationCredential: {
        AccessKeyId: OTHER_CREDENTIAL.accessKeyId,
        RawSecretAccessKey: OTHER_CREDENTIAL.secretAccessKey,
      },
    }),
  ),

  // XksProxyVpcEndpointService*Exception | Create, Update (VPC)
  ...serviceProblems.flatMap(([outcome, how, Exception, change, serviceName]) => [
    row(outcome, 'Create (VPC)', how, Exception, createOnService(change, serviceName)),
    row(outcome, 'Update (VPC)', how, Exception, updateToService(change, serviceName)),
  ]),
];

describe('README "The backing world", exception rows, through a real KMSClient', () => {
  it('covers every exception row of the README table, where it shows', () => {
    const covered = new Set(exceptionRows.map((r) => `${r.outcome} | ${r.where}`));
    expect([...covered].sort()).toEqual(
      [
        'CloudHsmClusterNotFoundException | Create',
        'CloudHsmClusterNotFoundException | Update (new cluster)',
        'CloudHsmClusterNotActiveException | Create',
        'CloudHsmClusterNotActiveException | Update',
        'CloudHsmClusterNotActiveException | Connect',
        'CloudHsmClusterInvalidConfigurationException | Create',
        'CloudHsmClusterInvalidConfigurationException | Update',
        'CloudHsmClusterInvalidConfigurationException | Connect',
        'IncorrectTrustAnchorException | Create',
        'CloudHsmClusterNotRelatedException | Update',
        'CloudHsmClusterInUseException | Create',
        'KMSInternalException (500) | Create',
        'KMSInternalException (500) | Update',
        'XksProxyUriUnreachableException | Create (public)',
        'XksProxyUriUnreachableException | Update',
        'XksProxyInvalidConfigurationException | Create (public)',
        'XksProxyInvalidConfigurationException | Update',
        'XksProxyIncorrectAuthenticationCredentialException | Create (public)',
        'XksProxyIncorrectAuthenticationCredentialException | Update',
        'XksProxyInvalidResponseException | Create (public)',
        'XksProxyInvalidResponseException | Update',
        'XksProxyVpcEndpointServiceNotFoundException | Create (VPC)',
        'XksProxyVpcEndpointServiceNotFoundException | Update (VPC)',
        'XksProxyVpcEndpointServiceInvalidConfigurationException | Create (VPC)',
        'XksProxyVpcEndpointServiceInvalidConfigurationException | Update (VPC)',
      ].sort(),
    );
  });

  it.each(exceptionRows)('$outcome on $where ($how): the SDK exception class, and nothing changes', async (r) => {
    const t = healthy();
    const act = await r.arrange(t);
    const storesBefore = t.fake.stores();
    const worldBefore = t.fake.world.snapshot();

    const error = await rejectionOf(act.send());
    expect(error).toBeInstanceOf(r.Exception);
    expect(error.name).toBe(r.outcome.replace(' (500)', ''));
    expect(error.$metadata.httpStatusCode).toBe(r.status);
    expect(typeof error.message).toBe('string');
    expect(error.message.trim()).not.toBe('');

    expect(t.fake.stores()).toEqual(storesBefore);
    expect(t.fake.world.snapshot()).toEqual(worldBefore);
    if (act.storeId) {
      expect(await describeOne(t.kms, act.storeId)).toMatchObject({ ConnectionState: 'DISCONNECTED' });
    }
  });
});

// ---- 3. Injections -------------------------------------------------------------------------------------

describe('injections ("Controlling the fake"), through a real KMSClient', () => {
  it('failNextConnect(id, code): the next connect ends FAILED with that code, then the world decides again', async () => {
    const t = healthy();
    const store = await createStore(t, cloudHsmInput());
    t.fake.failNextConnect(store.id, 'USER_LOGGED_IN');
    expect(t.fake.journal).toContainEqual(
      expect.objectContaining({
        kind: 'injection',
        injection: 'failNextConnect',
        details: { storeId: store.id, code: 'USER_LOGGED_IN' },
      }),
    );

    expect(await connectAndWait(t.kms, store.id)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'USER_LOGGED_IN',
    });
    await disconnectAndWait(t.kms, store.id);
    // The healthy world decides the next attempt.
    expect(await connectAndWait(t.kms, store.id)).toMatchObject({ ConnectionState: 'CONNECTED' });

    // And a broken world decides again once the injected failure is used up.
    await disconnectAndWait(t.kms, store.id);
    clusterOf(t, store).lockOutKmsUser();
    t.fake.failNextConnect(store.id, 'NETWORK_ERRORS');
    expect(await connectAndWait(t.kms, store.id)).toMatchObject({ ConnectionErrorCode: 'NETWORK_ERRORS' });
    await disconnectAndWait(t.kms, store.id);
    expect(await connectAndWait(t.kms, store.id)).toMatchObject({ ConnectionErrorCode: 'USER_LOCKED_OUT' });
  });

  it('setState(id, state, code?): shows at once in Describe, and is journaled', async () => {
    const t = healthy();
    const store = await createStore(t, xksPublicInput());

    t.fake.setState(store.id, 'FAILED', 'XKS_PROXY_TIMED_OUT');
    expect(await describeOne(t.kms, store.id)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'XKS_PROXY_TIMED_OUT',
    });
    t.fake.setState(store.id, 'CONNECTED');
    const connected = await describeOne(t.kms, store.id);
    expect(connected.ConnectionState).toBe('CONNECTED');
    expect(connected.ConnectionErrorCode).toBeUndefined();

    const injections = t.fake.journal.filter((e) => e.kind === 'injection');
    expect(injections).toEqual([
      expect.objectContaining({
        kind: 'injection',
        injection: 'setState',
        details: { storeId: store.id, state: 'FAILED', errorCode: 'XKS_PROXY_TIMED_OUT' },
      }),
      expect.objectContaining({
        kind: 'injection',
        injection: 'setState',
        details: expect.objectContaining({ storeId: store.id, state: 'CONNECTED' }),
      }),
    ]);
  });

  it("failNext(op, 'KMSInternalException', { times: 2 }): exactly two calls fail with 500 and change nothing, the third succeeds", async () => {
    const t = healthy();
    const input = cloudHsmInput();
    t.fake.failNext('CreateCustomKeyStore', 'KMSInternalException', { times: 2 });
    expect(t.fake.journal).toContainEqual(
      expect.objectContaining({
        kind: 'injection',
        injection: 'failNext',
        details: expect.objectContaining({ operation: 'CreateCustomKeyStore', code: 'KMSInternalException', times: 2 }),
      }),
    );

    for (let call = 1; call <= 2; call++) {
      const error = await rejectionOf(t.kms.send(new CreateCustomKeyStoreCommand(input)));
      expect(error, `call ${call}`).toBeInstanceOf(KMSInternalException);
      expect(error.$metadata.httpStatusCode).toBe(500);
      expect(error.message).not.toBe('');
      expect(t.fake.stores()).toEqual([]);
    }
    const id = await create(t.kms, input);
    expect(t.fake.stores().map((s) => s.CustomKeyStoreId)).toEqual([id]);
    // One request per call: maxAttempts 1 keeps the SDK from retrying.
    expect(t.fake.calls('CreateCustomKeyStore').map((c) => c.error?.code ?? 'ok')).toEqual([
      'KMSInternalException',
      'KMSInternalException',
      'ok',
    ]);
  });

  it("failNext(op, 'DependencyTimeoutException'): 503, once, and journaled", async () => {
    const t = healthy();
    const store = await createStore(t, cloudHsmInput());
    t.fake.failNext('ConnectCustomKeyStore', 'DependencyTimeoutException', { times: 1 });
    expect(t.fake.journal).toContainEqual(
      expect.objectContaining({
        kind: 'injection',
        injection: 'failNext',
        details: expect.objectContaining({
          operation: 'ConnectCustomKeyStore',
          code: 'DependencyTimeoutException',
          times: 1,
          httpStatus: 503,
        }),
      }),
    );

    const error = await rejectionOf(t.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store.id })));
    expect(error).toBeInstanceOf(DependencyTimeoutException);
    expect(error.$metadata.httpStatusCode).toBe(503);
    expect(error.message).not.toBe('');
    expect(await describeOne(t.kms, store.id)).toMatchObject({ ConnectionState: 'DISCONNECTED' });
    expect(await connectAndWait(t.kms, store.id)).toMatchObject({ ConnectionState: 'CONNECTED' });
  });

  it('reset(): pending injections are gone, an injected failure set before it never fires', async () => {
    const seed = cloudHsmStore.seed('outcomes-through-client').build();
    const fake = createKmsFake({ stores: [seed] });
    const kms = fake.client({ maxAttempts: 1 });
    const id = seed.CustomKeyStoreId as string;

    fake.failNextConnect(id, 'USER_NOT_FOUND');
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 3 });
    fake.failNext('ConnectCustomKeyStore', 'DependencyTimeoutException', { times: 1 });
    expect(fake.journal.filter((e) => e.kind === 'injection')).toHaveLength(3);

    fake.reset();
    expect(fake.journal.filter((e) => e.kind === 'injection')).toEqual([]);
    await expect(kms.send(new DescribeCustomKeyStoresCommand({}))).resolves.toMatchObject({
      CustomKeyStores: [expect.objectContaining({ CustomKeyStoreId: id })],
    });
    expect(await connectAndWait(kms, id)).toMatchObject({ ConnectionState: 'CONNECTED' });
  });
});
