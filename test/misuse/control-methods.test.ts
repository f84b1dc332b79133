import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { CLUSTER, cloudHsmSeed, usageError } from './support.js';

// JavaScript callers and `as never` casts get the same checks TypeScript gives at compile time.
const loose = (value: unknown) => value as never;
const withStore = () => createKmsFake({ stores: [cloudHsmSeed()] });
const ID = 'cks-1234567890abcdef0';

describe('fake.failNext refuses what would never fire or would break the SDK', () => {
  it('names a misspelt operation and suggests the right one', () => {
    const message = usageError(() => createKmsFake().failNext(loose('DescribeKeyStores'), 'KMSInternalException'));
    expect(message).toContain('fake.failNext(operation, code, options?): operation a string (17 characters)');
    expect(message).toContain('did you mean DescribeCustomKeyStores?');
  });

  it('refuses null and an operation fake-kms does not implement', () => {
    expect(usageError(() => createKmsFake().failNext(loose(null), 'KMSInternalException'))).toContain('got null');
    expect(usageError(() => createKmsFake().failNext('ListGrants', 'KMSInternalException', { times: 1 }))).toContain(
      '"ListGrants" is not an operation fake-kms implements',
    );
  });

  it('takes the SDK command class and exception class as well as their names', async () => {
    const fake = withStore();
    fake.failNext(ConnectCustomKeyStoreCommand, CustomKeyStoreInvalidStateException, { message: 'busy' });
    const error = await fake
      .client()
      .send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ID }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    expect(fake.calls(ConnectCustomKeyStoreCommand)).toHaveLength(1);
  });

  it('refuses an unknown error code, null and 42 instead of sending them over the wire', () => {
    for (const code of ['KMSInternalExceptoin', null, 42]) {
      const message = usageError(() => createKmsFake().failNext('DescribeCustomKeyStores', loose(code)));
      expect(message).toContain('code must be one of');
    }
    expect(
      usageError(() => createKmsFake().failNext('DescribeCustomKeyStores', loose('KMSInternalExceptoin'))),
    ).toContain('Did you mean KMSInternalException?');
  });

  it('refuses an HTTP status that would make the SDK read a failure as a success', () => {
    for (const httpStatus of [200, -1, 'abc']) {
      const message = usageError(() =>
        createKmsFake().failNext('DescribeCustomKeyStores', 'NotFoundException', { httpStatus: loose(httpStatus) }),
      );
      expect(message).toContain('options.httpStatus must be a whole number from 400 to 599');
    }
  });

  it('refuses options that are not an object, or a misspelt option', () => {
    expect(
      usageError(() => createKmsFake().failNext('DescribeCustomKeyStores', 'NotFoundException', loose(null))),
    ).toContain('options must be an object or left out; got null');
    expect(
      usageError(() => createKmsFake().failNext('DescribeCustomKeyStores', 'NotFoundException', loose({ time: 2 }))),
    ).toContain('has no option "time" (did you mean times?)');
  });

  it('says so when the SDK would retry the injected error away, and how to say what you mean', () => {
    const message = usageError(() => createKmsFake().failNext('CreateCustomKeyStore', 'LimitExceededException'));
    expect(message).toContain('LimitExceededException (HTTP 400)');
    expect(message).toContain('throttling error and retries it');
    expect(message).toContain("{ times: 'always' }");
  });

  it("times: 'always' fails every call until reset(), with every attempt of the SDK's retries", async () => {
    const fake = withStore();
    fake.failNext('DescribeCustomKeyStores', 'LimitExceededException', { times: 'always' });
    const kms = fake.client();
    for (let i = 0; i < 2; i++) {
      const error = (await kms.send(new DescribeCustomKeyStoresCommand({})).catch((e: unknown) => e)) as {
        name: string;
        $metadata: { attempts?: number };
      };
      expect(error.name).toBe('LimitExceededException');
      expect(error.$metadata.attempts).toBe(3);
    }
    expect(fake.journal.find((e) => e.kind === 'injection')).toMatchObject({ details: { times: 'always' } });
    fake.reset();
    await expect(kms.send(new DescribeCustomKeyStoresCommand({}))).resolves.toBeDefined();
  });
});

describe('fake.failNextConnect and fake.setState accept only states and codes a store of that type can show', () => {
  it('refuses a made-up code, a lower-case state and an object', () => {
    const fake = withStore();
    expect(usageError(() => fake.failNextConnect(ID, loose('BANANA')))).toContain('code must be one of');
    expect(usageError(() => fake.setState(ID, loose('connected')))).toContain('state must be one of');
    expect(usageError(() => fake.setState(ID, loose({ x: 1 })))).toContain('got an object');
  });

  it('refuses an XKS code on a CloudHSM store', () => {
    const fake = withStore();
    const message = usageError(() => fake.failNextConnect(ID, 'XKS_PROXY_TIMED_OUT'));
    expect(message).toContain('(the codes of AWS_CLOUDHSM stores)');
    expect(usageError(() => fake.setState(ID, 'FAILED', 'XKS_PROXY_NOT_REACHABLE'))).toContain('AWS_CLOUDHSM');
  });

  it("refuses FAILED with '' or null, and a code with any other state", () => {
    const fake = withStore();
    expect(usageError(() => fake.setState(ID, 'FAILED', loose('')))).toContain('errorCode must be one of');
    expect(usageError(() => fake.setState(ID, 'FAILED', loose(null)))).toContain('got null');
    expect(usageError(() => fake.setState(ID, 'CONNECTED', 'NETWORK_ERRORS'))).toContain('only allowed with FAILED');
    expect(fake.stores()[0]?.ConnectionState).toBe('DISCONNECTED');
  });
});

describe('createKmsFake, client, attach, settle and the world refuse misuse directly', () => {
  it('refuses unknown options, a clock that is not a function and a seed that is not a string or number', () => {
    expect(usageError(() => createKmsFake(loose({ qouta: 2 })))).toContain(
      'has no option "qouta" (did you mean quota?)',
    );
    expect(usageError(() => createKmsFake(loose({ now: 5 })))).toContain('options.now must be a function');
    expect(usageError(() => createKmsFake(loose({ seed: {} })))).toContain('options.seed must be a string or a number');
    expect(usageError(() => createKmsFake(loose(null)))).toContain('options must be an object');
  });

  it('refuses null clients and configurations, and an account that is not 12 digits', () => {
    const fake = createKmsFake();
    expect(usageError(() => fake.attach(loose(null)))).toContain('client must be a KMSClient');
    expect(usageError(() => fake.client(loose(null)))).toContain('config must be an object');
    expect(usageError(() => fake.client({ account: '44445555666' }))).toContain(
      'config.account must be an AWS account id of 12 digits',
    );
    expect(usageError(() => fake.attach(new KMSClient({}), loose({ acount: '444455556666' })))).toContain('acount');
  });

  it('settle(null) is refused rather than settling everything', () => {
    const fake = withStore();
    expect(usageError(() => fake.settle(loose(null)))).toContain('storeId must be a custom key store id');
  });

  it('world.proxy needs the full https:// endpoint, and null is refused', () => {
    const fake = createKmsFake();
    expect(usageError(() => fake.world.proxy(loose(null)))).toContain('got null');
    expect(usageError(() => fake.world.proxy('xks.example.com'))).toContain('https://xks.example.com');
    expect(usageError(() => fake.world.addCluster(loose(null)))).toContain('$: must be an object, got null');
  });
});

describe('addStore and the stores option are checked like scenario files', () => {
  it.each([
    ['a bad cluster id', { CloudHsmClusterId: 'cluster-x' }, '$.CloudHsmClusterId'],
    ['an account that is not 12 digits', { Account: 'x' }, '$.Account'],
    ['a key count that is not a number', { KeyCount: 'lots' }, '$.KeyCount: must be a whole number 0 or more'],
    ['a misspelt field', { ConectionState: 'CONNECTED' }, '$.ConectionState: is not a known field'],
    ['a date no Date can hold', { CreationDate: -1e20 }, '$.CreationDate'],
  ])('refuses %s, naming the JSON path', (_what, change, path) => {
    const seed = { ...cloudHsmSeed(), ...change };
    expect(usageError(() => createKmsFake().addStore(loose(seed)))).toContain(path);
    expect(usageError(() => createKmsFake({ stores: [loose(seed)] }))).toContain(path.replace('$', '$.stores[0]'));
  });

  it('a CloudHSM seed without a trust anchor describes a real certificate, never ""', async () => {
    const fake = createKmsFake();
    const id = fake.addStore({ CustomKeyStoreName: 'no-anchor', CloudHsmClusterId: CLUSTER });
    const { CustomKeyStores } = await fake.client().send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
    expect(CustomKeyStores?.[0]?.TrustAnchorCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('addStore refuses a name another store of the account and Region has, and adds nothing', () => {
    const fake = createKmsFake({ stores: [cloudHsmSeed()] });
    const again = { CustomKeyStoreName: 'payments', CloudHsmClusterId: 'cluster-bcdefghijkm' };
    expect(usageError(() => fake.addStore(again))).toContain(
      'Cannot seed custom key store "payments": the name is already used by another store in 111122223333/us-east-1.',
    );
    expect(fake.stores().map((s) => s.CustomKeyStoreId)).toEqual(['cks-1234567890abcdef0']);
    expect(fake.addStore({ ...again, Account: '444455556666' })).toMatch(/^cks-/);
  });

  it('addStore ignores the quota: seeding is set-up, not a KMS call', () => {
    const fake = createKmsFake({ quota: 1, stores: [cloudHsmSeed()] });
    fake.addStore({ CustomKeyStoreName: 'second', CloudHsmClusterId: 'cluster-bcdefghijkm' });
    expect(fake.stores()).toHaveLength(2);
  });
});
