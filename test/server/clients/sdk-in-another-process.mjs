// A Node process that knows nothing of fake-kms: a plain KMSClient, configured only by the environment
// (AWS_ENDPOINT_URL_KMS, AWS_REGION, credentials), as a service under test would be. Prints what it saw as JSON.
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const seen = {};
// A real CA certificate, from the test that runs this script.
const trustAnchor = process.env.FAKE_KMS_TRUST_ANCHOR;
const { CustomKeyStoreId } = await kms.send(
  new CreateCustomKeyStoreCommand({
    CustomKeyStoreName: 'from-another-process',
    CloudHsmClusterId: 'cluster-abcdefghijk',
    TrustAnchorCertificate: trustAnchor,
    KeyStorePassword: 'kmsPswd-123',
  }),
);
seen.id = CustomKeyStoreId;
await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
const connected = (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).CustomKeyStores[0];
seen.connected = { state: connected.ConnectionState, creationDateIsDate: connected.CreationDate instanceof Date };
await kms.send(
  new UpdateCustomKeyStoreCommand({ CustomKeyStoreId, NewCustomKeyStoreName: 'renamed-in-another-process' }),
);
await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
const renamed = (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).CustomKeyStores[0];
seen.renamed = { name: renamed.CustomKeyStoreName, state: renamed.ConnectionState };
await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId }));
try {
  await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
} catch (error) {
  seen.afterDelete = { name: error.name, status: error.$metadata.httpStatusCode };
}
seen.region = await kms.config.region();
console.log(JSON.stringify(seen));
