import {
  CreateCustomKeyStoreCommand,
  CustomKeyStoreNotFoundException,
  DescribeCustomKeyStoresCommand,
  KMSClient,
  KMSInternalException,
  KMSServiceException,
  SignCommand,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { createKmsFake, FakeKmsUsageError } from '../../src/index.js';
import { cloudHsmInput } from '../support/inputs.js';
import { create, rejectionOf } from '../support/kms.js';

describe('fake.client()', () => {
  it("answers through the SDK's own deserializer: $metadata, request id and exception classes", async () => {
    const kms = createKmsFake().client();
    const out = await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const error = await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-0000' })));
    expect(error).toBeInstanceOf(CustomKeyStoreNotFoundException);
    expect(error).toBeInstanceOf(KMSServiceException);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses an operation fake-kms does not implement, loudly and by name (§8.12)', async () => {
    const kms = createKmsFake().client();
    const error = await rejectionOf(
      kms.send(new SignCommand({ KeyId: 'alias/x', Message: new Uint8Array([1]), SigningAlgorithm: 'ECDSA_SHA_256' })),
    );
    expect(error).toBeInstanceOf(KMSServiceException);
    expect(error.name).toBe('NotImplementedException');
    expect(error.message).toContain('fake-kms does not implement the KMS operation Sign');
    expect(error.$metadata.httpStatusCode).toBe(501);
    expect((error.$metadata as { attempts?: number }).attempts).toBe(1);
  });

  it('lets the SDK retry an injected KMSInternalException, then succeeds', async () => {
    const fake = createKmsFake();
    fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 2 });
    const kms = fake.client({ retryStrategy: undefined, maxAttempts: 3, retryMode: 'standard' });
    const out = await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(fake.calls('DescribeCustomKeyStores').map((c) => c.error?.code)).toEqual([
      'KMSInternalException',
      'KMSInternalException',
      undefined,
    ]);
  });

  it('an injected failure surfaces as the SDK class with its HTTP status and changes nothing', async () => {
    const fake = createKmsFake();
    fake.failNext('CreateCustomKeyStore', 'KMSInternalException', { times: 1, message: 'try later' });
    const kms = fake.client({ maxAttempts: 1 });
    const error = await rejectionOf(kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput())));
    expect(error).toBeInstanceOf(KMSInternalException);
    expect(error.message).toBe('try later');
    expect(error.$metadata.httpStatusCode).toBe(500);
    expect(fake.stores()).toEqual([]);
    expect(fake.journal.some((e) => e.kind === 'injection' && e.injection === 'failNext')).toBe(true);
  });
});

describe('fake.attach()', () => {
  it('wires a client the user built, with their own configuration, and detach undoes it', async () => {
    const fake = createKmsFake();
    const kms = new KMSClient({ region: 'eu-central-1', maxAttempts: 1 });
    fake.attach(kms);
    const id = await create(kms, cloudHsmInput());
    expect(fake.stores()[0]).toMatchObject({ CustomKeyStoreId: id, Region: 'eu-central-1' });
    const error = await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: 'cks-none' })));
    expect(error).toBeInstanceOf(CustomKeyStoreNotFoundException);
    fake.detach(kms);
    expect(kms.middlewareStack.identify().join()).not.toContain('fakeKms');
  });

  it("refuses a call whose abort signal has already fired, as the SDK's own handler does, attached or built", async () => {
    const fake = createKmsFake();
    const attached = new KMSClient({ region: 'us-east-1', maxAttempts: 1 });
    fake.attach(attached);
    for (const kms of [attached, fake.client()]) {
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(
        kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()), { abortSignal: controller.signal }),
      );
      expect(error.name).toBe('AbortError');
    }
    expect(fake.stores()).toEqual([]);
    expect(fake.calls()).toEqual([]);
  });

  it("answers in the fake's Region when the client's own Region provider has none", async () => {
    const fake = createKmsFake({ region: 'ap-southeast-2' });
    const kms = new KMSClient({ region: async () => undefined as unknown as string, maxAttempts: 1 });
    fake.attach(kms);
    await create(kms, cloudHsmInput());
    await create(kms, cloudHsmInput({ CustomKeyStoreName: 'second' }));
    expect(fake.stores().map((s) => s.Region)).toEqual(['ap-southeast-2', 'ap-southeast-2']);
  });
});

describe('fake.install()', () => {
  const fake = createKmsFake();
  afterEach(() => {
    fake.uninstall();
  });

  it('makes clients built inside the code under test answer from the fake', async () => {
    fake.install();
    const codeUnderTest = async () => {
      const kms = new KMSClient({ region: 'ap-southeast-2', maxAttempts: 1 });
      return kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'from-inside' })));
    };
    const { CustomKeyStoreId } = await codeUnderTest();
    expect(fake.stores().map((s) => [s.CustomKeyStoreId, s.CustomKeyStoreName, s.Region])).toContainEqual([
      CustomKeyStoreId,
      'from-inside',
      'ap-southeast-2',
    ]);
  });

  it('stops answering after uninstall', async () => {
    fake.install();
    fake.uninstall();
    expect(Object.hasOwn(KMSClient.prototype, 'send')).toBe(false);
    expect(fake.installed).toBe(false);
  });

  it('refuses a second fake while one is installed', () => {
    fake.install();
    expect(() => createKmsFake().install()).toThrow(FakeKmsUsageError);
  });

  it('self-test: the SDK internals install() relies on are still there', () => {
    // If an SDK upgrade moves `send` off the prototype chain or drops the deserializer step,
    // this fails loudly instead of letting clients reach the network.
    expect(typeof KMSClient.prototype.send).toBe('function');
    const client = new KMSClient({ region: 'us-east-1' });
    expect(client.middlewareStack.identify()).toContain('deserializerMiddleware - deserialize');
    fake.install();
    expect(Object.hasOwn(KMSClient.prototype, 'send')).toBe(true);
  });
});

describe('operations newer than the pinned model', () => {
  it('are refused as not implemented, not as unknown', async () => {
    const fake = createKmsFake();
    const { response } = await fake.requestHandler.handle({
      headers: { 'x-amz-target': 'TrentService.Encapsulate' },
      body: '{}',
    });
    const body = JSON.parse(new TextDecoder().decode(response.body));
    expect([response.statusCode, body.__type]).toEqual([501, 'NotImplementedException']);
  });
});
