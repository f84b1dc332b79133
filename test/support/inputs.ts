import type { CreateCustomKeyStoreCommandInput } from '@aws-sdk/client-kms';
import { trustAnchorCertificate } from '../../src/fixtures/trust-anchor/trust-anchor-pool.js';

/** A real CA certificate: the default world learns the first one a cluster is shown, and refuses non-certificates. */
export const TRUST_ANCHOR = trustAnchorCertificate(0);

let counter = 0;
function next(): number {
  counter += 1;
  return counter;
}

/** A cluster id that matches the model's pattern, unique per call. */
export function clusterId(): string {
  const letters = 'abcdefghijkmnopqrstuvwxyz';
  let n = next();
  let suffix = '';
  while (suffix.length < 11) {
    suffix += letters[n % letters.length];
    n = Math.floor(n / letters.length) + suffix.length * 7;
  }
  return `cluster-${suffix}`;
}

export function cloudHsmInput(
  overrides: Partial<CreateCustomKeyStoreCommandInput> = {},
): CreateCustomKeyStoreCommandInput {
  return {
    CustomKeyStoreName: `hsm-store-${next()}`,
    CloudHsmClusterId: clusterId(),
    TrustAnchorCertificate: TRUST_ANCHOR,
    KeyStorePassword: 'kmsPswd-123',
    ...overrides,
  };
}

export const XKS_CREDENTIAL = {
  AccessKeyId: 'ABCDE23456ABCDE23456',
  RawSecretAccessKey: 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=',
};

export function xksPublicInput(
  overrides: Partial<CreateCustomKeyStoreCommandInput> = {},
): CreateCustomKeyStoreCommandInput {
  const n = next();
  return {
    CustomKeyStoreName: `xks-public-${n}`,
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyConnectivity: 'PUBLIC_ENDPOINT',
    XksProxyUriEndpoint: `https://xks-${n}.example.com`,
    XksProxyUriPath: '/example-prefix/kms/xks/v1',
    XksProxyAuthenticationCredential: XKS_CREDENTIAL,
    ...overrides,
  };
}

export function xksVpcInput(
  overrides: Partial<CreateCustomKeyStoreCommandInput> = {},
): CreateCustomKeyStoreCommandInput {
  const n = next();
  return {
    CustomKeyStoreName: `xks-vpc-${n}`,
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE',
    XksProxyUriEndpoint: `https://xks-private-${n}.example.com`,
    XksProxyUriPath: '/kms/xks/v1',
    XksProxyVpcEndpointServiceName: `com.amazonaws.vpce.us-east-1.vpce-svc-${n.toString(16).padStart(17, '0')}`,
    XksProxyAuthenticationCredential: XKS_CREDENTIAL,
    ...overrides,
  };
}
