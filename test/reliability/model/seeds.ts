import type { StoreSeed } from '../../../src/index.js';
import { CREDENTIALS, ENDPOINTS, PATHS, SCOPES, type Scope, TRUST_ANCHOR, vpcServices } from './pools.js';
import type { ReferenceModel } from './reference-model.js';

export interface SeedTemplate {
  scope: Scope;
  seed: StoreSeed;
}

const credential = CREDENTIALS[1] as (typeof CREDENTIALS)[number];

/**
 * Stores a run may start with (the fake's `stores` option), in stable states only. They take part in
 * the uniqueness rules like any other store; one holds a KMS key, so Delete meets CustomKeyStoreHasCMKs.
 */
export const SEED_TEMPLATES: SeedTemplate[] = [
  {
    scope: 'A',
    seed: {
      CustomKeyStoreName: 'seed-hsm',
      CloudHsmClusterId: 'cluster-seedabcdefgh',
      TrustAnchorCertificate: TRUST_ANCHOR,
      KeyStorePassword: 'kmsPswd-123',
      ConnectionState: 'CONNECTED',
    },
  },
  {
    scope: 'A',
    seed: {
      CustomKeyStoreName: 'seed-xks',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      KeyCount: 1,
      XksProxyConfiguration: {
        Connectivity: 'PUBLIC_ENDPOINT',
        AccessKeyId: credential.AccessKeyId,
        UriEndpoint: ENDPOINTS[0] as string,
        UriPath: PATHS[0] as string,
      },
      XksProxyRawSecretAccessKey: credential.RawSecretAccessKey,
    },
  },
  {
    scope: 'B',
    seed: {
      CustomKeyStoreName: 'seed-vpc',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'XKS_PROXY_TIMED_OUT',
      Account: '444455556666',
      XksProxyConfiguration: {
        Connectivity: 'VPC_ENDPOINT_SERVICE',
        AccessKeyId: credential.AccessKeyId,
        UriEndpoint: ENDPOINTS[2] as string,
        UriPath: PATHS[1] as string,
        VpcEndpointServiceName: vpcServices('us-east-1')[0] as string,
      },
      XksProxyRawSecretAccessKey: credential.RawSecretAccessKey,
    },
  },
  {
    scope: 'C',
    seed: {
      CustomKeyStoreId: 'cks-1234567890abcdef0',
      CustomKeyStoreName: 'alpha',
      CloudHsmClusterId: 'cluster-zyxwvutsrqp',
      TrustAnchorCertificate: TRUST_ANCHOR,
      KeyStorePassword: 'kmsPswd-123',
      Region: 'eu-west-1',
    },
  },
];

/** Put a seed template into the model, as the fake's `stores` option puts it into the fake. */
export function seedStore(model: ReferenceModel, t: SeedTemplate): void {
  const store = model.add(t.scope, t.seed.CustomKeyStoreName, t.seed.CustomKeyStoreType ?? 'AWS_CLOUDHSM', 0);
  store.keyCount = t.seed.KeyCount ?? 0;
  store.state = t.seed.ConnectionState ?? 'DISCONNECTED';
  if (t.seed.ConnectionErrorCode) store.errorCode = t.seed.ConnectionErrorCode;
  if (t.seed.CloudHsmClusterId) {
    store.hsm = {
      clusterId: t.seed.CloudHsmClusterId,
      trustAnchor: t.seed.TrustAnchorCertificate ?? '',
      password: t.seed.KeyStorePassword ?? '',
    };
  }
  const x = t.seed.XksProxyConfiguration;
  if (x) {
    store.xks = {
      Connectivity: x.Connectivity,
      UriEndpoint: x.UriEndpoint,
      UriPath: x.UriPath,
      AccessKeyId: x.AccessKeyId,
      secret: t.seed.XksProxyRawSecretAccessKey ?? '',
    };
    if (x.VpcEndpointServiceName) store.xks.VpcEndpointServiceName = x.VpcEndpointServiceName;
    if (x.VpcEndpointServiceName)
      store.xks.VpcEndpointServiceOwner = x.VpcEndpointServiceOwner ?? SCOPES[t.scope].account;
  }
}
