import {
  CreateCustomKeyStoreCommand,
  type KMSClient,
  UpdateCustomKeyStoreCommand,
  XksProxyIncorrectAuthenticationCredentialException,
  XksProxyInvalidConfigurationException,
  XksProxyUriEndpointInUseException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, isFakeKmsUsageError, type KmsFake } from '../../src/index.js';
import type { ProxyChanges } from '../../src/world/handles/proxy-handle.js';
import { cloudHsmInput, XKS_CREDENTIAL, xksPublicInput, xksVpcInput } from '../support/inputs.js';
import { connectAndWait, create, describeOne, rejectionOf } from '../support/kms.js';

const ENDPOINT = 'https://xks-learning.example.com';
const PATH = '/example-prefix/kms/xks/v1';
const NEW_PATH = '/moved-prefix/kms/xks/v1';
const NEW_CREDENTIAL = { AccessKeyId: 'ZYXWV76543ZYXWV76543', RawSecretAccessKey: 'c'.repeat(43) };

interface World {
  fake: KmsFake;
  kms: KMSClient;
}

const worlds: Array<[string, () => World]> = [
  [
    'the default world (nothing described)',
    () => {
      const fake = createKmsFake();
      return { fake, kms: fake.client() };
    },
  ],
  [
    'a described world',
    () => {
      const fake = createKmsFake({
        proxies: [
          {
            uriEndpoint: ENDPOINT,
            uriPaths: [PATH],
            credentials: [
              { accessKeyId: XKS_CREDENTIAL.AccessKeyId, secretAccessKey: XKS_CREDENTIAL.RawSecretAccessKey },
            ],
          },
        ],
      });
      return { fake, kms: fake.client() };
    },
  ],
];

const createStore = (w: World) =>
  create(w.kms, xksPublicInput({ XksProxyUriEndpoint: ENDPOINT, XksProxyUriPath: PATH }));
const update = (w: World, input: Omit<ConstructorParameters<typeof UpdateCustomKeyStoreCommand>[0], never>) =>
  w.kms.send(new UpdateCustomKeyStoreCommand(input));

describe.each(worlds)('external key stores in %s', (_name, makeWorld) => {
  it('refuses a credential the proxy was never given, with AWS text, and changes nothing', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    const error = await rejectionOf(
      update(w, { CustomKeyStoreId: id, XksProxyAuthenticationCredential: NEW_CREDENTIAL }),
    );
    expect(error).toBeInstanceOf(XksProxyIncorrectAuthenticationCredentialException);
    expect(error.message).toBe(
      'The external key store proxy rejected the request because it could not authenticate AWS KMS. Verify the XKS proxy authentication credentials for your external key store and update if necessary.',
    );
    expect((await describeOne(w.kms, id)).XksProxyConfiguration?.AccessKeyId).toBe(XKS_CREDENTIAL.AccessKeyId);
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });

  it('accepts the new credential once someone rotated it on the proxy', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    w.fake.world.proxy(ENDPOINT).acceptOnly({
      accessKeyId: NEW_CREDENTIAL.AccessKeyId,
      secretAccessKey: NEW_CREDENTIAL.RawSecretAccessKey,
    });
    await update(w, { CustomKeyStoreId: id, XksProxyAuthenticationCredential: NEW_CREDENTIAL });
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });

  it('refuses a URI path the proxy does not serve, with AWS text, and changes nothing', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    const error = await rejectionOf(update(w, { CustomKeyStoreId: id, XksProxyUriPath: NEW_PATH }));
    expect(error).toBeInstanceOf(XksProxyInvalidConfigurationException);
    expect(error.message).toBe(
      'The external key store proxy rejected the request because of an invalid URI path. Verify the URI path for your external key store and update if necessary.',
    );
    expect((await describeOne(w.kms, id)).XksProxyConfiguration?.UriPath).toBe(PATH);
  });

  it('accepts a path once the world says the proxy serves it', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    w.fake.world.proxy(ENDPOINT).update({ uriPaths: [PATH, NEW_PATH] });
    await update(w, { CustomKeyStoreId: id, XksProxyUriPath: NEW_PATH });
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });

  it('on a CONNECTED store an unchanged endpoint and path are no change', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    await connectAndWait(w.kms, id);
    await update(w, { CustomKeyStoreId: id, XksProxyUriEndpoint: ENDPOINT, XksProxyUriPath: PATH });
    expect((await describeOne(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });
});

describe("AWS's published XKS messages, word for word, on CreateCustomKeyStore", () => {
  const cases: Array<[string, ProxyChanges, string, string]> = [
    [
      'the proxy cannot be reached',
      { reachable: false },
      'XksProxyUriUnreachableException',
      'AWS KMS cannot communicate with the external key store proxy. This might be a transient network issue. If you see this error repeatedly, verify that your external key store proxy is active and is connected to the network, and that its endpoint URI is correct in your external keystore.',
    ],
    [
      'the proxy answers too late',
      { latencyMs: 300 },
      'XksProxyUriUnreachableException',
      'AWS KMS rejected the request because the external key store proxy did not respond in time. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.',
    ],
    [
      "the proxy's TLS certificate expired (XKS proxy API spec v1.0.3: UriUnreachable)",
      { tls: 'expired-certificate' },
      'XksProxyUriUnreachableException',
      'AWS KMS cannot establish a TLS connection to the external key store proxy. Verify the TLS configuration, including its certificate.',
    ],
    [
      'the proxy answers malformed responses',
      { responsesValid: false },
      'XksProxyInvalidResponseException',
      'AWS KMS cannot interpret the response from the external key store proxy. If you see this error repeatedly, report it to your external key store proxy administrator.',
    ],
  ];
  const fakes: Array<[string, (changes: ProxyChanges) => KmsFake]> = [
    [
      'changed through fake.world',
      (changes) => {
        const fake = createKmsFake();
        fake.world.proxy(ENDPOINT).update(changes);
        return fake;
      },
    ],
    ['described in the options', (changes) => createKmsFake({ proxies: [{ uriEndpoint: ENDPOINT, ...changes }] })],
  ];

  describe.each(fakes)('a proxy %s', (_how, makeFake) => {
    it.each(cases)('when %s', async (_when, changes, name, message) => {
      const fake = makeFake(changes);
      const error = await rejectionOf(
        fake.client().send(new CreateCustomKeyStoreCommand(xksPublicInput({ XksProxyUriEndpoint: ENDPOINT }))),
      );
      expect(error.name).toBe(name);
      expect(error.message).toBe(message);
      expect(fake.stores()).toEqual([]);
    });
  });
});

describe('XksProxyUriEndpointInUseException says which store needs the endpoint to itself', () => {
  it('a VPC store on the endpoint of a PUBLIC store: the message names public connectivity', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    await create(kms, xksPublicInput({ XksProxyUriEndpoint: ENDPOINT }));
    const error = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(xksVpcInput({ XksProxyUriEndpoint: ENDPOINT }))),
    );
    expect(error).toBeInstanceOf(XksProxyUriEndpointInUseException);
    expect(error.message).toContain('public endpoint connectivity');
    expect(error.message).not.toContain('uses VPC endpoint service connectivity');
  });

  it('a PUBLIC store on the endpoint of a VPC store: the message names VPC connectivity', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    await create(kms, xksVpcInput({ XksProxyUriEndpoint: ENDPOINT }));
    const error = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(xksPublicInput({ XksProxyUriEndpoint: ENDPOINT }))),
    );
    expect(error).toBeInstanceOf(XksProxyUriEndpointInUseException);
    expect(error.message).toContain('uses VPC endpoint service connectivity');
  });
});

describe('connection error codes of the other store type are refused by the control methods', () => {
  const misuse = (action: () => unknown): string => {
    try {
      action();
    } catch (error) {
      if (isFakeKmsUsageError(error)) return error.message;
      throw error;
    }
    throw new Error('expected a FakeKmsUsageError');
  };

  it('failNextConnect and setState refuse an XKS code for a CloudHSM store and a CloudHSM code for an XKS one', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const hsm = await create(kms, cloudHsmInput());
    const xks = await create(kms, xksPublicInput());
    expect(misuse(() => fake.failNextConnect(hsm, 'XKS_PROXY_TIMED_OUT'))).toContain('AWS_CLOUDHSM');
    expect(misuse(() => fake.setState(xks, 'FAILED', 'USER_LOCKED_OUT'))).toContain('EXTERNAL_KEY_STORE');
    expect(fake.journal.filter((e) => e.kind === 'injection')).toEqual([]);
    expect((await describeOne(kms, xks)).ConnectionState).toBe('DISCONNECTED');
  });

  it('codes both types share are accepted for either', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const hsm = await create(kms, cloudHsmInput());
    const xks = await create(kms, xksPublicInput());
    fake.failNextConnect(hsm, 'INVALID_CREDENTIALS').setState(xks, 'FAILED', 'INVALID_CREDENTIALS');
    expect((await connectAndWait(kms, hsm)).ConnectionErrorCode).toBe('INVALID_CREDENTIALS');
    expect((await describeOne(kms, xks)).ConnectionErrorCode).toBe('INVALID_CREDENTIALS');
  });
});
