import {
  CloudHsmClusterInUseException,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreNameInUseException,
  KMSServiceException,
  LimitExceededException,
  XksProxyUriEndpointInUseException,
  XksProxyUriInUseException,
  XksProxyVpcEndpointServiceInUseException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { cloudHsmInput, xksPublicInput, xksVpcInput } from '../support/inputs.js';
import { create, describeOne, rejectionOf } from '../support/kms.js';

describe('CreateCustomKeyStore', () => {
  it('creates a DISCONNECTED CloudHSM store with a cks- id and a real CreationDate', async () => {
    const fake = createKmsFake({ now: () => Date.parse('2026-03-01T10:00:00.250Z') });
    const kms = fake.client();
    const input = cloudHsmInput({ CustomKeyStoreName: 'hsm-a' });
    const id = await create(kms, input);
    const entry = await describeOne(kms, id);
    expect(entry).toEqual({
      CustomKeyStoreId: id,
      CustomKeyStoreName: 'hsm-a',
      CloudHsmClusterId: input.CloudHsmClusterId,
      TrustAnchorCertificate: input.TrustAnchorCertificate,
      ConnectionState: 'DISCONNECTED',
      CreationDate: new Date('2026-03-01T10:00:00.250Z'),
      CustomKeyStoreType: 'AWS_CLOUDHSM',
    });
    expect(entry.CreationDate).toBeInstanceOf(Date);
  });

  it('creates public and VPC external key stores and never returns the secret', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const pub = xksPublicInput();
    const vpc = xksVpcInput();
    const pubEntry = await describeOne(kms, await create(kms, pub));
    const vpcEntry = await describeOne(kms, await create(kms, vpc));
    expect(pubEntry.XksProxyConfiguration).toEqual({
      Connectivity: 'PUBLIC_ENDPOINT',
      AccessKeyId: pub.XksProxyAuthenticationCredential?.AccessKeyId,
      UriEndpoint: pub.XksProxyUriEndpoint,
      UriPath: pub.XksProxyUriPath,
    });
    expect(vpcEntry.XksProxyConfiguration).toEqual({
      Connectivity: 'VPC_ENDPOINT_SERVICE',
      AccessKeyId: vpc.XksProxyAuthenticationCredential?.AccessKeyId,
      UriEndpoint: vpc.XksProxyUriEndpoint,
      UriPath: vpc.XksProxyUriPath,
      VpcEndpointServiceName: vpc.XksProxyVpcEndpointServiceName,
      VpcEndpointServiceOwner: '111122223333',
    });
    for (const entry of [pubEntry, vpcEntry]) {
      expect(entry.CloudHsmClusterId).toBeUndefined();
      expect(entry.TrustAnchorCertificate).toBeUndefined();
      expect(JSON.stringify(entry)).not.toContain(pub.XksProxyAuthenticationCredential?.RawSecretAccessKey);
    }
  });

  it('refuses a name already used by a store of either type in the account and Region', async () => {
    const kms = createKmsFake().client();
    await create(kms, xksPublicInput({ CustomKeyStoreName: 'shared' }));
    const error = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'shared' }))),
    );
    expect(error).toBeInstanceOf(CustomKeyStoreNameInUseException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("'shared'");
  });

  it('compares names exactly and case-sensitively (§8.8)', async () => {
    const kms = createKmsFake().client();
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'Store' }));
    await expect(create(kms, cloudHsmInput({ CustomKeyStoreName: 'store' }))).resolves.toMatch(/^cks-/);
  });

  it('refuses a second store on the same cluster', async () => {
    const kms = createKmsFake().client();
    const first = cloudHsmInput();
    await create(kms, first);
    const error = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CloudHsmClusterId: first.CloudHsmClusterId }))),
    );
    expect(error).toBeInstanceOf(CloudHsmClusterInUseException);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('enforces the XKS uniqueness rules', async () => {
    const kms = createKmsFake().client();
    const pub = xksPublicInput();
    await create(kms, pub);
    const sameUri = xksPublicInput({
      XksProxyUriEndpoint: pub.XksProxyUriEndpoint,
      XksProxyUriPath: pub.XksProxyUriPath,
    });
    expect(await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(sameUri)))).toBeInstanceOf(
      XksProxyUriInUseException,
    );

    // Public stores may share an endpoint when their paths differ.
    await create(
      kms,
      xksPublicInput({ XksProxyUriEndpoint: pub.XksProxyUriEndpoint, XksProxyUriPath: '/other/kms/xks/v1' }),
    );

    const vpc = xksVpcInput();
    await create(kms, vpc);
    const publicOnVpcEndpoint = xksPublicInput({ XksProxyUriEndpoint: vpc.XksProxyUriEndpoint });
    expect(await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(publicOnVpcEndpoint)))).toBeInstanceOf(
      XksProxyUriEndpointInUseException,
    );
    const vpcOnSameEndpoint = xksVpcInput({
      XksProxyUriEndpoint: vpc.XksProxyUriEndpoint,
      XksProxyUriPath: '/x/kms/xks/v2',
    });
    expect(await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(vpcOnSameEndpoint)))).toBeInstanceOf(
      XksProxyUriEndpointInUseException,
    );
    const sameService = xksVpcInput({ XksProxyVpcEndpointServiceName: vpc.XksProxyVpcEndpointServiceName });
    expect(await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(sameService)))).toBeInstanceOf(
      XksProxyVpcEndpointServiceInUseException,
    );
  });

  it('a public store may not take the endpoint of a VPC store in another account of the Region', async () => {
    const fake = createKmsFake();
    const vpc = xksVpcInput();
    await create(fake.client({ account: '444455556666' }), vpc);
    const error = await rejectionOf(
      fake
        .client()
        .send(new CreateCustomKeyStoreCommand(xksPublicInput({ XksProxyUriEndpoint: vpc.XksProxyUriEndpoint }))),
    );
    expect(error).toBeInstanceOf(XksProxyUriEndpointInUseException);
  });

  it('stops at the quota of 10 stores per account and Region, both types, any state (§8.10)', async () => {
    const fake = createKmsFake();
    // The SDK classifies LimitExceededException as throttling and retries it, as it does against AWS.
    const kms = fake.client({ maxAttempts: 1 });
    for (let i = 0; i < 5; i++) await create(kms, cloudHsmInput());
    for (let i = 0; i < 5; i++) await create(kms, xksPublicInput());
    const error = await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput())));
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(fake.stores()).toHaveLength(10);
    // With retries on (the default), the SDK tries 3 times, as it would against AWS.
    const retried = await rejectionOf(
      fake.client({ retryMode: 'standard' }).send(new CreateCustomKeyStoreCommand(cloudHsmInput())),
    );
    expect(retried.$metadata).toMatchObject({ attempts: 3 });
    // Another Region has its own quota.
    await expect(create(fake.client({ region: 'eu-west-1' }), cloudHsmInput())).resolves.toMatch(/^cks-/);
  });

  it('takes the quota as an option', async () => {
    const kms = createKmsFake({ quota: 1 }).client({ maxAttempts: 1 });
    await create(kms, cloudHsmInput());
    expect(await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput())))).toBeInstanceOf(
      LimitExceededException,
    );
  });

  it('checks uniqueness before the quota (§8.7)', async () => {
    const kms = createKmsFake({ quota: 1 }).client();
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'only' }));
    const error = await rejectionOf(
      kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'only' }))),
    );
    expect(error).toBeInstanceOf(CustomKeyStoreNameInUseException);
  });

  describe('type-specific parameters (§8.2)', () => {
    const cases: Array<[string, Parameters<typeof cloudHsmInput>[0] | ReturnType<typeof xksPublicInput>, RegExp]> = [
      [
        'a CloudHSM store without a cluster',
        cloudHsmInput({ CloudHsmClusterId: undefined }),
        /^CloudHsmClusterId is required for a custom key store of type AWS_CLOUDHSM\.$/,
      ],
      [
        'a CloudHSM store without a password',
        cloudHsmInput({ KeyStorePassword: undefined }),
        /^KeyStorePassword is required .* AWS_CLOUDHSM/,
      ],
      [
        'a CloudHSM store without a trust anchor',
        cloudHsmInput({ TrustAnchorCertificate: undefined }),
        /^TrustAnchorCertificate is required/,
      ],
      [
        'a CloudHSM store with an XKS path',
        cloudHsmInput({ XksProxyUriPath: '/kms/xks/v1' }),
        /^XksProxyUriPath is not valid for a custom key store of type AWS_CLOUDHSM\.$/,
      ],
      [
        'an external store with a password',
        xksPublicInput({ KeyStorePassword: 'kmsPswd-123' }),
        /^KeyStorePassword is not valid .* EXTERNAL_KEY_STORE/,
      ],
      [
        'an external store without a path',
        xksPublicInput({ XksProxyUriPath: undefined }),
        /^XksProxyUriPath is required .* EXTERNAL_KEY_STORE/,
      ],
      [
        'an external store without connectivity',
        xksPublicInput({ XksProxyConnectivity: undefined }),
        /^XksProxyConnectivity is required/,
      ],
      [
        'an external store without a credential',
        xksPublicInput({ XksProxyAuthenticationCredential: undefined }),
        /^XksProxyAuthenticationCredential is required/,
      ],
      [
        'a VPC store without an endpoint service',
        xksVpcInput({ XksProxyVpcEndpointServiceName: undefined }),
        /^XksProxyVpcEndpointServiceName is required .* VPC_ENDPOINT_SERVICE/,
      ],
      [
        'a public store with an endpoint service',
        xksPublicInput({ XksProxyVpcEndpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' }),
        /^XksProxyVpcEndpointServiceName is not valid .* PUBLIC_ENDPOINT/,
      ],
      [
        'a public store with an endpoint service owner',
        xksPublicInput({ XksProxyVpcEndpointServiceOwner: '111122223333' }),
        /^XksProxyVpcEndpointServiceOwner is not valid .* PUBLIC_ENDPOINT/,
      ],
    ];
    it.each(cases)('refuses %s with a ValidationException and creates nothing', async (_name, input, message) => {
      const fake = createKmsFake();
      const error = await rejectionOf(fake.client().send(new CreateCustomKeyStoreCommand(input as never)));
      expect(error).toBeInstanceOf(KMSServiceException);
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(message);
      expect(fake.stores()).toEqual([]);
    });
  });
});
