import {
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  type KMSServiceException,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { cloudHsmInput } from '../support/inputs.js';
import { clientFor, kmsRequest, raw, useServer } from './server-support.js';

const KEY = { accessKeyId: 'AKIAFAKEKMSTEST00001', secretAccessKey: 'fake/secret+key/for/tests/only/0000000001' };
const OTHER = { accessKeyId: 'AKIAFAKEKMSTEST00002', secretAccessKey: 'fake/secret+key/for/tests/only/0000000002' };

const server = useServer({
  verifySignature: [KEY, { ...OTHER, account: '444455556666' }],
});

async function failureOf(promise: Promise<unknown>): Promise<KMSServiceException> {
  return (await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  )) as KMSServiceException;
}

describe('fake-kms serve --verify-signature', { timeout: 30_000 }, () => {
  it('answers requests signed with a configured key', async () => {
    const kms = clientFor(server(), KEY);
    const result = await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(result.CustomKeyStores).toEqual([]);
  });

  it('refuses an access key it does not know with UnrecognizedClientException, and stores nothing', async () => {
    const kms = clientFor(server(), { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: KEY.secretAccessKey });
    const error = await failureOf(kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput())));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.message).toBe('The security token included in the request is invalid.');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(server().fake.stores()).toEqual([]);
    expect(server().fake.calls('CreateCustomKeyStore')).toEqual([]);
  });

  it('refuses a signature made with the wrong secret with InvalidSignatureException', async () => {
    const kms = clientFor(server(), { accessKeyId: KEY.accessKeyId, secretAccessKey: 'not-the-secret' });
    const error = await failureOf(kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput())));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    expect(server().fake.stores()).toEqual([]);
  });

  it('refuses a request whose body was changed after signing', async () => {
    const kms = clientFor(server(), KEY);
    let signed: { headers: Record<string, string>; body: string } | undefined;
    kms.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string>; body: Uint8Array };
        signed = { headers: { ...request.headers }, body: Buffer.from(request.body).toString('utf8') };
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'capture' },
    );
    await kms.send(new DescribeCustomKeyStoresCommand({ Limit: 5 }));
    const { host: _host, ...headers } = signed?.headers ?? {};
    const replayed = await raw(server().url, { headers, body: signed?.body });
    expect(replayed.status).toBe(200);
    const tampered = await raw(server().url, { headers, body: signed?.body.replace('5', '6') });
    expect(tampered.status).toBe(400);
    expect(JSON.parse(tampered.body)).toMatchObject({ __type: 'InvalidSignatureException' });
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    const res = await kmsRequest(server().url, 'DescribeCustomKeyStores');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });

  it('acts as the account a key is configured for, in the Region of its credential scope', async () => {
    const kms = clientFor(server(), { ...OTHER, region: 'ap-south-1' });
    const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    const seed = server()
      .fake.stores()
      .find((s) => s.CustomKeyStoreId === CustomKeyStoreId);
    expect(seed).toMatchObject({ Account: '444455556666', Region: 'ap-south-1' });
  });
});
