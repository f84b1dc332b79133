/**
 * fake-kms demo (`npm start`): a CloudHSM key store and an external key store go through their whole
 * lifecycle against a real KMSClient answered by the fake, and a KMS key lives through a disconnect.
 * Nothing leaves this process.
 */

import net from 'node:net';
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  type CustomKeyStoresListEntry,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  type KMSClient,
  paginateDescribeCustomKeyStores,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { trustAnchorCertificate } from '../src/fixtures/index.js';
import { createKmsFake } from '../src/index.js';
import { keyChapter } from './demo-keys.js';

// Count every socket the process tries to open, to show the fake needs none.
let socketsOpened = 0;
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: Parameters<typeof realConnect>) {
  socketsOpened += 1;
  return realConnect.apply(this, args);
} as typeof realConnect;

const TRUST_ANCHOR = trustAnchorCertificate(0);

function table(title: string, stores: CustomKeyStoresListEntry[]): void {
  console.log(`\n== ${title}`);
  const rows = stores.map((s) => ({
    id: s.CustomKeyStoreId,
    name: s.CustomKeyStoreName,
    type: s.CustomKeyStoreType,
    state: s.ConnectionState,
    error: s.ConnectionErrorCode ?? '',
    backing: s.CloudHsmClusterId ?? `${s.XksProxyConfiguration?.UriEndpoint}${s.XksProxyConfiguration?.UriPath}`,
    created: s.CreationDate?.toISOString(),
  }));
  const keys = Object.keys(rows[0] ?? { id: '' }) as Array<keyof (typeof rows)[number]>;
  const width = (k: (typeof keys)[number]) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length));
  console.log(keys.map((k) => k.padEnd(width(k))).join('  '));
  for (const r of rows) console.log(keys.map((k) => String(r[k] ?? '').padEnd(width(k))).join('  '));
}

async function show(kms: KMSClient, title: string): Promise<void> {
  const { CustomKeyStores = [] } = await kms.send(new DescribeCustomKeyStoresCommand({}));
  table(title, CustomKeyStores);
}

async function main(): Promise<void> {
  const fake = createKmsFake({ seed: 'demo', now: () => Date.parse('2026-11-29T09:00:00Z') });
  const kms = fake.client({ region: 'eu-west-1' });

  const { CustomKeyStoreId: hsm } = await kms.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'payments-hsm',
      CloudHsmClusterId: 'cluster-abcdefghijk',
      TrustAnchorCertificate: TRUST_ANCHOR,
      KeyStorePassword: 'kmsPswd-2026',
    }),
  );
  const { CustomKeyStoreId: xks } = await kms.send(
    new CreateCustomKeyStoreCommand({
      CustomKeyStoreName: 'partner-xks',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyUriEndpoint: 'https://xks.partner.example.com',
      XksProxyUriPath: '/tenant-a/kms/xks/v1',
      XksProxyAuthenticationCredential: {
        AccessKeyId: 'ABCDEFGHIJKLMNOPQRST',
        RawSecretAccessKey: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==',
      },
    }),
  );
  const hsmId = hsm as string;
  const xksId = xks as string;
  await show(kms, 'Created: both stores start DISCONNECTED');

  // The partner's XKS proxy serves an expired TLS certificate: its connect attempt will end FAILED,
  // the way it would on AWS. (fake.failNextConnect(id, code) injects a code directly instead.)
  const partnerProxy = fake.world.proxy('https://xks.partner.example.com');
  partnerProxy.update({ tls: 'expired-certificate' });
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: hsmId }));
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: xksId }));
  await show(kms, 'Connect accepted: both are CONNECTING (visible to one Describe)');
  await show(kms, 'Settled: the CloudHSM store is CONNECTED, the XKS store FAILED with a reason');

  try {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: xksId }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    console.log(`\n== Connect on the FAILED store is refused, as on AWS:`);
    console.log(`${(error as Error).constructor.name} (HTTP ${status}): ${(error as Error).message}`);
  }

  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: xksId }));
  await show(kms, 'Disconnect the FAILED store: DISCONNECTING');
  await show(kms, 'Then DISCONNECTED, and the error code is gone');

  // The partner renews the certificate and moves the proxy to a v2 path.
  partnerProxy.update({ tls: 'valid', uriPaths: ['/tenant-a/kms/xks/v2'] });
  await kms.send(
    new UpdateCustomKeyStoreCommand({
      CustomKeyStoreId: xksId,
      NewCustomKeyStoreName: 'partner-xks-v2',
      XksProxyUriPath: '/tenant-a/kms/xks/v2',
    }),
  );
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: xksId }));
  await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: xksId }));
  await show(kms, 'Updated (renamed, new path) and reconnected: CONNECTED');

  await keyChapter(kms, hsmId);

  for (let i = 0; i < 6; i++) {
    await kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: `team-${i}-hsm`,
        CloudHsmClusterId: `cluster-teamstore${'abcdef'[i]}xyz`,
        TrustAnchorCertificate: TRUST_ANCHOR,
        KeyStorePassword: 'kmsPswd-2026',
      }),
    );
  }
  console.log('\n== Paginating with the SDK paginator, 3 per page');
  let page = 0;
  for await (const out of paginateDescribeCustomKeyStores({ client: kms, pageSize: 3 }, {})) {
    page += 1;
    const names = (out.CustomKeyStores ?? []).map((s) => `${s.CustomKeyStoreName} (${s.ConnectionState})`);
    console.log(`page ${page}: ${names.join(', ')}${out.Truncated ? '  → more' : ''}`);
  }

  const errors = fake.calls().filter((c) => c.error);
  console.log(
    `\n${fake.calls().length} calls answered in-process, ${errors.length} KMS errors, ${socketsOpened} sockets opened.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
