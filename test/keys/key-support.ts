import { CreateKeyCommand, DescribeKeyCommand, type KeyMetadata, type KMSClient } from '@aws-sdk/client-kms';
import type { KmsFake, StoreSeed } from '../../src/index.js';

export const CLOUDHSM_STORE_ID = 'cks-1234567890abcdef0';
export const XKS_STORE_ID = 'cks-abcdef01234567890';
export const XKS_ENDPOINT = 'https://xks.example.com';
export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';

/** A CONNECTED CloudHSM store, ready for keys. */
export const cloudHsmStore: StoreSeed = {
  CustomKeyStoreId: CLOUDHSM_STORE_ID,
  CustomKeyStoreName: 'payments-hsm',
  CloudHsmClusterId: 'cluster-abcdefghijk',
  TrustAnchorCertificate: 'anchor',
  KeyStorePassword: 'kmsPswd-2026',
  ConnectionState: 'CONNECTED',
};

/** A CONNECTED external key store (public endpoint), ready for keys. */
export const xksStore: StoreSeed = {
  CustomKeyStoreId: XKS_STORE_ID,
  CustomKeyStoreName: 'payments-xks',
  CustomKeyStoreType: 'EXTERNAL_KEY_STORE' as const,
  XksProxyConfiguration: {
    Connectivity: 'PUBLIC_ENDPOINT' as const,
    AccessKeyId: 'XKSPROXYACCESSKEYID234567',
    UriEndpoint: XKS_ENDPOINT,
    UriPath: '/kms/xks/v1',
  },
  XksProxyRawSecretAccessKey: 'K3lcPi4ZR1eNjGd/wjp7R4G8tX+zwKZxaVHOlyNiYTI=',
  ConnectionState: 'CONNECTED',
};

export const connectedStores: StoreSeed[] = [cloudHsmStore, xksStore];

export async function createCloudHsmKey(kms: KMSClient, description = 'a CloudHSM key'): Promise<KeyMetadata> {
  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({ CustomKeyStoreId: CLOUDHSM_STORE_ID, Origin: 'AWS_CLOUDHSM', Description: description }),
  );
  return KeyMetadata as KeyMetadata;
}

export async function createExternalKey(kms: KMSClient, xksKeyId = 'ext-key-1'): Promise<KeyMetadata> {
  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({ CustomKeyStoreId: XKS_STORE_ID, Origin: 'EXTERNAL_KEY_STORE', XksKeyId: xksKeyId }),
  );
  return KeyMetadata as KeyMetadata;
}

export async function keyStateOf(kms: KMSClient, keyId: string): Promise<string | undefined> {
  const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  return KeyMetadata?.KeyState;
}

/** Settle the fake's transitions at once so a test reads as the states it cares about. */
export function immediate(fake: KmsFake): KmsFake {
  return fake.setTiming('immediate');
}
