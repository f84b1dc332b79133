import {
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNameInUseException,
  CustomKeyStoreNotFoundException,
  type KMSClient,
  UpdateCustomKeyStoreCommand,
  type UpdateCustomKeyStoreCommandInput,
  XksProxyUriInUseException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { type ConnectionState, createKmsFake, type KmsFake } from '../../src/index.js';
import { cloudHsmInput, clusterId, xksPublicInput, xksVpcInput } from '../support/inputs.js';
import { create, describeOne, rejectionOf } from '../support/kms.js';

const update = (kms: KMSClient, input: UpdateCustomKeyStoreCommandInput) =>
  kms.send(new UpdateCustomKeyStoreCommand(input));

async function setup(
  kind: 'hsm' | 'xks',
  state: ConnectionState,
): Promise<{ fake: KmsFake; kms: KMSClient; id: string }> {
  const fake = createKmsFake();
  const kms = fake.client();
  const id = await create(kms, kind === 'hsm' ? cloudHsmInput() : xksPublicInput());
  if (state !== 'DISCONNECTED') fake.setState(id, state, state === 'FAILED' ? 'NETWORK_ERRORS' : undefined);
  if (state === 'CONNECTING' || state === 'DISCONNECTING') fake.setTiming('manual', id);
  return { fake, kms, id };
}

describe('UpdateCustomKeyStore', () => {
  it('renames a store and returns an empty output', async () => {
    const { kms, id } = await setup('hsm', 'DISCONNECTED');
    const out = await update(kms, { CustomKeyStoreId: id, NewCustomKeyStoreName: 'renamed' });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(Object.keys(out)).toEqual(['$metadata']);
    expect((await describeOne(kms, id)).CustomKeyStoreName).toBe('renamed');
  });

  it('refuses an unknown store', async () => {
    const kms = createKmsFake().client();
    const error = await rejectionOf(
      update(kms, { CustomKeyStoreId: 'cks-1234567890abcdef0', NewCustomKeyStoreName: 'x' }),
    );
    expect(error).toBeInstanceOf(CustomKeyStoreNotFoundException);
  });

  it('refuses a name used by another store, but renaming to its own name is a no-op (§8.6)', async () => {
    const { kms, id } = await setup('hsm', 'DISCONNECTED');
    await create(kms, xksPublicInput({ CustomKeyStoreName: 'taken' }));
    expect(await rejectionOf(update(kms, { CustomKeyStoreId: id, NewCustomKeyStoreName: 'taken' }))).toBeInstanceOf(
      CustomKeyStoreNameInUseException,
    );
    const { CustomKeyStoreName } = await describeOne(kms, id);
    await update(kms, { CustomKeyStoreId: id, NewCustomKeyStoreName: CustomKeyStoreName });
    expect((await describeOne(kms, id)).CustomKeyStoreName).toBe(CustomKeyStoreName);
  });

  it('accepts an update with no changeable field in any state as a no-op', async () => {
    for (const state of ['FAILED', 'CONNECTING', 'DISCONNECTING'] as const) {
      const { kms, id } = await setup('hsm', state);
      const before = await describeOne(kms, id);
      await update(kms, { CustomKeyStoreId: id });
      expect((await describeOne(kms, id)).CustomKeyStoreName).toBe(before.CustomKeyStoreName);
    }
  });

  /** A cluster made from a backup of the store's, so that the default world accepts the switch. */
  const relatedCluster = (fake: KmsFake, id: string): string => {
    const next = clusterId();
    const current = fake.stores().find((s) => s.CustomKeyStoreId === id)?.CloudHsmClusterId as string;
    fake.world.cluster(next).relatedTo(current);
    return next;
  };
  /** The store's proxy is told to serve one more path and to take one more credential. */
  const CHANGED_PATH = '/changed/kms/xks/v2';
  const NEW_CREDENTIAL = { AccessKeyId: 'ZYXWV76543ZYXWV76543', RawSecretAccessKey: 'a'.repeat(43) };
  const proxyAlsoTakes = (fake: KmsFake, id: string): void => {
    const config = fake.stores().find((s) => s.CustomKeyStoreId === id)?.XksProxyConfiguration;
    if (!config) return;
    fake.world.proxy(config.UriEndpoint).update({
      uriPaths: [config.UriPath, CHANGED_PATH],
      credentials: [
        { accessKeyId: config.AccessKeyId },
        { accessKeyId: NEW_CREDENTIAL.AccessKeyId, secretAccessKey: NEW_CREDENTIAL.RawSecretAccessKey },
      ],
    });
  };

  const stateRules: Array<
    [string, 'hsm' | 'xks', (id: string, fake: KmsFake) => UpdateCustomKeyStoreCommandInput, ConnectionState[]]
  > = [
    [
      'NewCustomKeyStoreName (CloudHSM)',
      'hsm',
      (id) => ({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'n1' }),
      ['CONNECTED', 'DISCONNECTED'],
    ],
    ['KeyStorePassword', 'hsm', (id) => ({ CustomKeyStoreId: id, KeyStorePassword: 'newPassword1' }), ['DISCONNECTED']],
    [
      'CloudHsmClusterId',
      'hsm',
      (id, fake) => ({ CustomKeyStoreId: id, CloudHsmClusterId: relatedCluster(fake, id) }),
      ['DISCONNECTED'],
    ],
    [
      'NewCustomKeyStoreName (XKS)',
      'xks',
      (id) => ({ CustomKeyStoreId: id, NewCustomKeyStoreName: 'n2' }),
      ['CONNECTED', 'DISCONNECTED'],
    ],
    [
      'XksProxyUriPath',
      'xks',
      (id, fake) => {
        proxyAlsoTakes(fake, id);
        return { CustomKeyStoreId: id, XksProxyUriPath: CHANGED_PATH };
      },
      ['CONNECTED', 'DISCONNECTED'],
    ],
    [
      'XksProxyAuthenticationCredential',
      'xks',
      (id, fake) => {
        proxyAlsoTakes(fake, id);
        return { CustomKeyStoreId: id, XksProxyAuthenticationCredential: NEW_CREDENTIAL };
      },
      ['CONNECTED', 'DISCONNECTED'],
    ],
    [
      'XksProxyUriEndpoint',
      'xks',
      (id) => ({ CustomKeyStoreId: id, XksProxyUriEndpoint: 'https://moved.example.com' }),
      ['DISCONNECTED'],
    ],
  ];
  const allStates: ConnectionState[] = ['CONNECTED', 'CONNECTING', 'DISCONNECTED', 'DISCONNECTING', 'FAILED'];
  for (const [field, kind, input, allowed] of stateRules) {
    it.each(allStates)(`${field} in %s follows the state rules (§3.5, §8.6)`, async (state) => {
      const { fake, kms, id } = await setup(kind, state);
      const result = update(kms, input(id, fake));
      if (allowed.includes(state)) {
        await expect(result).resolves.toBeDefined();
      } else {
        const error = await rejectionOf(result);
        expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
        expect(error.$metadata.httpStatusCode).toBe(400);
      }
    });
  }

  it('switches a public store to VPC connectivity only with a new endpoint and a service name', async () => {
    const { kms, id } = await setup('xks', 'DISCONNECTED');
    const vpc = xksVpcInput();
    const noService = await rejectionOf(
      update(kms, {
        CustomKeyStoreId: id,
        XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE',
        XksProxyUriEndpoint: vpc.XksProxyUriEndpoint,
      }),
    );
    expect(noService.name).toBe('ValidationException');
    expect(noService.message).toMatch(/XksProxyVpcEndpointServiceName is required/);
    const sameEndpoint = await rejectionOf(
      update(kms, {
        CustomKeyStoreId: id,
        XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE',
        XksProxyVpcEndpointServiceName: vpc.XksProxyVpcEndpointServiceName,
      }),
    );
    expect(sameEndpoint.name).toBe('ValidationException');
    await update(kms, {
      CustomKeyStoreId: id,
      XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE',
      XksProxyUriEndpoint: vpc.XksProxyUriEndpoint,
      XksProxyVpcEndpointServiceName: vpc.XksProxyVpcEndpointServiceName,
    });
    expect((await describeOne(kms, id)).XksProxyConfiguration).toMatchObject({
      Connectivity: 'VPC_ENDPOINT_SERVICE',
      UriEndpoint: vpc.XksProxyUriEndpoint,
      VpcEndpointServiceName: vpc.XksProxyVpcEndpointServiceName,
      VpcEndpointServiceOwner: '111122223333',
    });
  });

  it('switches a VPC store back to public with an empty service name, as real KMS allows', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const id = await create(kms, xksVpcInput());
    await update(kms, {
      CustomKeyStoreId: id,
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyUriEndpoint: 'https://public-again.example.com',
      XksProxyVpcEndpointServiceName: '',
    });
    const config = (await describeOne(kms, id)).XksProxyConfiguration;
    expect(config).toEqual(
      expect.objectContaining({ Connectivity: 'PUBLIC_ENDPOINT', UriEndpoint: 'https://public-again.example.com' }),
    );
    expect(config).not.toHaveProperty('VpcEndpointServiceName');
  });

  it('refuses fields of the other store type (§8.2)', async () => {
    const { kms, id } = await setup('hsm', 'DISCONNECTED');
    const error = await rejectionOf(update(kms, { CustomKeyStoreId: id, XksProxyUriPath: '/kms/xks/v1' }));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('XksProxyUriPath is not valid for a custom key store of type AWS_CLOUDHSM.');
    const xks = await setup('xks', 'DISCONNECTED');
    const error2 = await rejectionOf(update(xks.kms, { CustomKeyStoreId: xks.id, KeyStorePassword: 'abcdefgh' }));
    expect(error2.message).toBe('KeyStorePassword is not valid for a custom key store of type EXTERNAL_KEY_STORE.');
  });

  it('enforces XKS URI uniqueness on update', async () => {
    const { kms, id } = await setup('xks', 'DISCONNECTED');
    const other = xksPublicInput();
    await create(kms, other);
    const error = await rejectionOf(
      update(kms, {
        CustomKeyStoreId: id,
        XksProxyUriEndpoint: other.XksProxyUriEndpoint,
        XksProxyUriPath: other.XksProxyUriPath,
      }),
    );
    expect(error).toBeInstanceOf(XksProxyUriInUseException);
  });

  it('changes no state when refused', async () => {
    const { fake, kms, id } = await setup('hsm', 'CONNECTED');
    const before = JSON.stringify(fake.stores());
    await rejectionOf(
      update(kms, { CustomKeyStoreId: id, NewCustomKeyStoreName: 'new', KeyStorePassword: 'abcdefgh' }),
    );
    expect(JSON.stringify(fake.stores())).toBe(before);
  });
});
