/**
 * One request per custom key store operation that passes model validation and sets every member the model has,
 * so that each constraint has a value to break. Syntax only: a CloudHSM and an XKS field side by side is fine here.
 */
export const SECRET_ACCESS_KEY = 'K3lcPi4ZR1eNjGd/wjp7R4G8tX+zwKZxaVHOlyNiYTI=';
export const ACCESS_KEY_ID = 'XKSPROXYACCESSKEYID234567';
export const PASSWORD = 'kmsPswd1';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const GRANT_TOKEN = 'AQpAM2RhZTk1MGMyNTk2ZmZmMzEyYWVhOWViN2I1MWM0ZmNlMDI';
/** Base64 of 'fake-kms test bytes' (blobs travel as base64 in awsJson1_1). */
export const BLOB = Buffer.from('fake-kms test bytes').toString('base64');
const RECIPIENT = { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: BLOB };

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
  CreateKey: {
    Policy: '{"Version":"2012-10-17","Statement":[]}',
    Description: 'payroll key',
    KeyUsage: 'ENCRYPT_DECRYPT',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    Origin: 'EXTERNAL_KEY_STORE',
    CustomKeyStoreId: 'cks-1234567890abcdef0',
    BypassPolicyLockoutSafetyCheck: false,
    Tags: [{ TagKey: 'team', TagValue: 'payroll' }],
    MultiRegion: false,
    XksKeyId: 'ext-key-1',
  },
  DescribeKey: { KeyId: KEY_ID, GrantTokens: [GRANT_TOKEN] },
  ListKeys: { Limit: 10, Marker: 'opaque-marker-value' },
  EnableKey: { KeyId: KEY_ID },
  DisableKey: { KeyId: KEY_ID },
  ScheduleKeyDeletion: { KeyId: KEY_ID, PendingWindowInDays: 7 },
  CancelKeyDeletion: { KeyId: KEY_ID },
  Encrypt: {
    KeyId: KEY_ID,
    Plaintext: BLOB,
    EncryptionContext: { purpose: 'test' },
    GrantTokens: [GRANT_TOKEN],
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DryRun: false,
  },
  Decrypt: {
    CiphertextBlob: BLOB,
    EncryptionContext: { purpose: 'test' },
    GrantTokens: [GRANT_TOKEN],
    KeyId: KEY_ID,
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    Recipient: RECIPIENT,
    DryRun: false,
    DryRunModifiers: ['IGNORE_CIPHERTEXT'],
  },
  ReEncrypt: {
    CiphertextBlob: BLOB,
    SourceEncryptionContext: { purpose: 'test' },
    SourceKeyId: KEY_ID,
    DestinationKeyId: KEY_ID,
    DestinationEncryptionContext: { purpose: 'test' },
    SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    GrantTokens: [GRANT_TOKEN],
    DryRun: false,
    DryRunModifiers: ['IGNORE_CIPHERTEXT'],
  },
  GenerateDataKey: {
    KeyId: KEY_ID,
    EncryptionContext: { purpose: 'test' },
    NumberOfBytes: 32,
    KeySpec: 'AES_256',
    GrantTokens: [GRANT_TOKEN],
    Recipient: RECIPIENT,
    DryRun: false,
  },
  GenerateDataKeyWithoutPlaintext: {
    KeyId: KEY_ID,
    EncryptionContext: { purpose: 'test' },
    KeySpec: 'AES_256',
    NumberOfBytes: 32,
    GrantTokens: [GRANT_TOKEN],
    DryRun: false,
  },
  GenerateRandom: { NumberOfBytes: 32, CustomKeyStoreId: 'cks-1234567890abcdef0', Recipient: RECIPIENT },
};

export const CUSTOM_KEY_STORE_OPERATIONS = Object.keys(VALID_INPUTS).filter(
  (op) => op.endsWith('CustomKeyStore') || op === 'DescribeCustomKeyStores',
);
