/**
 * One request per custom key store operation that passes model validation and sets every member the model has,
 * so that each constraint has a value to break. Syntax only: a CloudHSM and an XKS field side by side is fine here.
 */
export const SECRET_ACCESS_KEY = 'K3lcPi4ZR1eNjGd/wjp7R4G8tX+zwKZxaVHOlyNiYTI=';
export const ACCESS_KEY_ID = 'XKSPROXYACCESSKEYID234567';
export const PASSWORD = 'kmsPswd1';

export const VALID_INPUTS: Readonly<Record<string, Record<string, unknown>>> = {
  CreateCustomKeyStore: {
    CustomKeyStoreName: 'ExampleKeyStore',
    CloudHsmClusterId: 'cluster-234567abcdef',
    TrustAnchorCertificate: '-----BEGIN CERTIFICATE-----\nMIIBexample\n-----END CERTIFICATE-----',
    KeyStorePassword: PASSWORD,
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyUriEndpoint: 'https://myproxy.xks.example.com',
    XksProxyUriPath: '/example-prefix/kms/xks/v1',
    XksProxyVpcEndpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-example1',
    XksProxyVpcEndpointServiceOwner: '111122223333',
    XksProxyAuthenticationCredential: { AccessKeyId: ACCESS_KEY_ID, RawSecretAccessKey: SECRET_ACCESS_KEY },
    XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE',
  },
  DescribeCustomKeyStores: {
    CustomKeyStoreId: 'cks-1234567890abcdef0',
    CustomKeyStoreName: 'ExampleKeyStore',
    Limit: 10,
    Marker: 'opaque-marker-value',
  },
  ConnectCustomKeyStore: { CustomKeyStoreId: 'cks-1234567890abcdef0' },
  DisconnectCustomKeyStore: { CustomKeyStoreId: 'cks-1234567890abcdef0' },
  UpdateCustomKeyStore: {
    CustomKeyStoreId: 'cks-1234567890abcdef0',
    NewCustomKeyStoreName: 'RenamedKeyStore',
    KeyStorePassword: PASSWORD,
    CloudHsmClusterId: 'cluster-234567abcdef',
    XksProxyUriEndpoint: 'https://myproxy.xks.example.com',
    XksProxyUriPath: '/kms/xks/v1',
    XksProxyVpcEndpointServiceName: 'eu.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0',
    XksProxyVpcEndpointServiceOwner: '111122223333',
    XksProxyAuthenticationCredential: { AccessKeyId: ACCESS_KEY_ID, RawSecretAccessKey: SECRET_ACCESS_KEY },
    XksProxyConnectivity: 'PUBLIC_ENDPOINT',
  },
  DeleteCustomKeyStore: { CustomKeyStoreId: 'cks-1234567890abcdef0' },
};

export const CUSTOM_KEY_STORE_OPERATIONS = Object.keys(VALID_INPUTS);
