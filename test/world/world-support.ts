import type { CallContext, StoreRecord, XksProxyConfig } from '../../src/engine/types.js';
import { isKmsError } from '../../src/errors/kms-error.js';
import { trustAnchorCertificate } from '../../src/fixtures/trust-anchor/trust-anchor-pool.js';

export const ctx: CallContext = { account: '111122223333', region: 'us-east-1' };

export const CLUSTER = 'cluster-abcdefghijk';
export const OTHER_CLUSTER = 'cluster-bcdefghijkl';
/** Real certificates: the world refuses a trust anchor that is not an X.509 certificate. */
export const ANCHOR = trustAnchorCertificate(0);
export const OTHER_ANCHOR = trustAnchorCertificate(1);
export const PASSWORD = 'kmsPswd-123';

export const ENDPOINT = 'https://xks.example.com';
export const PATH = '/example-prefix/kms/xks/v1';
export const ACCESS_KEY_ID = 'ABCDEFGHIJKLMNOPQRST';
export const SECRET = 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=';
export const SERVICE = 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0';
export const PRIVATE_ENDPOINT = 'https://xks-private.example.com';

export function cloudHsmStore(overrides: Partial<NonNullable<StoreRecord['cloudHsm']>> = {}): StoreRecord {
  return {
    id: 'cks-0123456789abcdef0',
    name: 'hsm-store',
    type: 'AWS_CLOUDHSM',
    account: ctx.account,
    region: ctx.region,
    creationDate: 0,
    seq: 1,
    state: 'DISCONNECTED',
    cloudHsm: { clusterId: CLUSTER, trustAnchorCertificate: ANCHOR, keyStorePassword: PASSWORD, ...overrides },
  };
}

export function publicProxy(overrides: Partial<XksProxyConfig> = {}): XksProxyConfig {
  return {
    connectivity: 'PUBLIC_ENDPOINT',
    uriEndpoint: ENDPOINT,
    uriPath: PATH,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    ...overrides,
  };
}

export function vpcProxy(overrides: Partial<XksProxyConfig> = {}): XksProxyConfig {
  return publicProxy({
    connectivity: 'VPC_ENDPOINT_SERVICE',
    uriEndpoint: PRIVATE_ENDPOINT,
    vpcEndpointServiceName: SERVICE,
    vpcEndpointServiceOwner: ctx.account,
    ...overrides,
  });
}

export function xksStore(proxy: XksProxyConfig = publicProxy()): StoreRecord {
  return {
    id: 'cks-0123456789abcdef1',
    name: 'xks-store',
    type: 'EXTERNAL_KEY_STORE',
    account: ctx.account,
    region: ctx.region,
    creationDate: 0,
    seq: 2,
    state: 'DISCONNECTED',
    xks: proxy,
  };
}

/** The KMS error code `action` throws, or `'none'`. Fails the test on anything that is not a KMS error. */
export function thrownCode(action: () => void): string {
  try {
    action();
    return 'none';
  } catch (error) {
    if (!isKmsError(error)) throw error;
    return error.code;
  }
}

/** The KMS error `action` throws; fails the test when it throws none. */
export function thrown(action: () => void): { code: string; message: string; httpStatus: number } {
  try {
    action();
  } catch (error) {
    if (isKmsError(error)) return error;
    throw error;
  }
  throw new Error('expected a KMS error, but the call succeeded');
}
