import { describe, expect, it } from 'vitest';
import { TRUST_ANCHOR } from '../support/inputs.js';
import { control, kmsRequest, type RawResponse, raw, useServer } from './server-support.js';

const PASSWORD = 'Pw~canary-9q7Zk';
const NEW_PASSWORD = 'Pw~canary-2x8Yh';
const WORLD_PASSWORD = 'Pw~canary-5m3Lp';
const SECRET_KEY = 'CanarySecretKey0000000000000000000000000000A=';
const SECRETS = [PASSWORD, NEW_PASSWORD, WORLD_PASSWORD, SECRET_KEY];

const server = useServer({
  seed: 'secrets',
  timing: 'immediate',
  clusters: [{ clusterId: 'cluster-secretsclstr', kmsUser: { password: WORLD_PASSWORD } }],
  proxies: [
    {
      uriEndpoint: 'https://xks-secrets.example.com',
      credentials: [{ accessKeyId: 'ABCDE23456ABCDE23456', secretAccessKey: SECRET_KEY }],
    },
  ],
});

describe('secrets over HTTP', { timeout: 30_000 }, () => {
  it('appear in no KMS response and no control API answer', async () => {
    const responses: RawResponse[] = [];
    const kms = async (operation: string, body: unknown) => {
      const res = await kmsRequest(server().url, operation, body);
      responses.push(res);
      return JSON.parse(res.body) as Record<string, unknown>;
    };
    const { CustomKeyStoreId: hsm } = await kms('CreateCustomKeyStore', {
      CustomKeyStoreName: 'secret-hsm',
      CloudHsmClusterId: 'cluster-secretsclstr',
      TrustAnchorCertificate: TRUST_ANCHOR,
      KeyStorePassword: PASSWORD,
    });
    await kms('ConnectCustomKeyStore', { CustomKeyStoreId: hsm }); // wrong password: FAILED, INVALID_CREDENTIALS
    await kms('CreateCustomKeyStore', {
      CustomKeyStoreName: 'secret-xks',
      CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
      XksProxyConnectivity: 'PUBLIC_ENDPOINT',
      XksProxyUriEndpoint: 'https://xks-secrets.example.com',
      XksProxyUriPath: '/kms/xks/v1',
      XksProxyAuthenticationCredential: { AccessKeyId: 'ABCDE23456ABCDE23456', RawSecretAccessKey: SECRET_KEY },
    });
    await kms('DisconnectCustomKeyStore', { CustomKeyStoreId: hsm });
    await kms('UpdateCustomKeyStore', { CustomKeyStoreId: hsm, KeyStorePassword: NEW_PASSWORD });
    await kms('UpdateCustomKeyStore', { CustomKeyStoreId: hsm, KeyStorePassword: 'short' });
    await kms('DescribeCustomKeyStores', {});
    const answers = await Promise.all(
      [
        'stores',
        'snapshot',
        'journal',
        'world',
        'world/clusters/cluster-secretsclstr',
        'world/proxies/xks-secrets.example.com',
      ].map((path) => raw(server().url, { method: 'GET', path: `/_fake-kms/${path}` })),
    );
    const changed = await control(
      server(),
      'POST',
      'world/clusters/cluster-secretsclstr/changeKmsUserPassword',
      NEW_PASSWORD,
    );
    const everything = [...responses, ...answers]
      .map((r) => `${JSON.stringify(r.headers)}\n${r.body}`)
      .concat(JSON.stringify(changed.body));
    expect(
      responses.map((r) => r.status),
      responses.map((r) => r.body).join('\n'),
    ).toEqual([200, 200, 200, 200, 200, 400, 200]);
    for (const secret of SECRETS) {
      expect(
        everything.filter((text) => text.includes(secret)),
        secret,
      ).toEqual([]);
    }
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });
});
