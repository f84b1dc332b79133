import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { createKmsFake, FakeKmsUsageError, type KmsFake } from '../../src/index.js';
import { cloudHsmInput } from '../support/inputs.js';
import { create } from '../support/kms.js';
import { networkAttempts, withProductionLikeCredentials } from './production-like.js';

withProductionLikeCredentials();

const describeStores = (kms: KMSClient) => kms.send(new DescribeCustomKeyStoresCommand({}));

/** Which fakes answered the calls so far: one letter per fake, as many times as it answered. */
function answeredBy(fakes: Record<string, KmsFake>): string {
  return Object.entries(fakes)
    .map(([name, fake]) => name.repeat(fake.calls().length))
    .join('');
}

const installed: KmsFake[] = [];
function install(fake: KmsFake): KmsFake {
  installed.push(fake.install());
  return fake;
}

afterEach(() => {
  for (const fake of installed.splice(0)) fake.uninstall();
  expect(networkAttempts()).toEqual([]);
});

/** Issue 8, observation 2: a client belongs to one fake; another fake's attach or detach never unwires it. */
describe('two fakes and one client', () => {
  it("refuses a second fake's attach, naming the fake that owns the client", () => {
    const a = createKmsFake();
    const b = createKmsFake();
    const kms = new KMSClient({});
    a.attach(kms);
    let error: unknown;
    try {
      b.attach(kms);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FakeKmsUsageError);
    expect(String(error)).toMatch(/attached to another fake, fake-kms fake #\d+ \(account 111122223333, us-east-1\)/);
  });

  it("keeps answering from the owner after the other fake's detach", async () => {
    const a = createKmsFake();
    const b = createKmsFake();
    const kms = new KMSClient({});
    a.attach(kms);
    expect(() => b.attach(kms)).toThrow(FakeKmsUsageError);
    b.detach(kms);
    await describeStores(kms);
    expect(answeredBy({ a, b })).toBe('a');
  });

  it("lets a second fake attach once the owner detached, and the first one's detach then changes nothing", async () => {
    const a = createKmsFake();
    const b = createKmsFake();
    const kms = new KMSClient({});
    a.attach(kms);
    a.detach(kms);
    b.attach(kms);
    a.detach(kms);
    await describeStores(kms);
    expect(answeredBy({ a, b })).toBe('b');
  });

  it('install() then attach() by another fake then uninstall(): the client stays with the fake that attached it', async () => {
    const a = install(createKmsFake());
    const b = createKmsFake();
    const kms = new KMSClient({});
    await describeStores(kms); // claimed by the installed fake a
    b.attach(kms); // an explicit attach takes the client over from a's install
    await describeStores(kms);
    a.uninstall();
    await describeStores(kms);
    expect(answeredBy({ a, b })).toBe('abb');
  });

  it("attach() before another fake's install(): install leaves the attached client alone, before and after uninstall", async () => {
    const b = createKmsFake();
    const kms = new KMSClient({});
    b.attach(kms);
    const a = install(createKmsFake());
    await describeStores(kms);
    a.uninstall();
    await describeStores(kms);
    expect(answeredBy({ a, b })).toBe('bb');
  });
});

/** Issue 8, observation 3: install() answers only clients that no fake owns, and never changes their account. */
describe('install() beside clients wired explicitly', () => {
  it("never takes over another fake's client() or attach()", async () => {
    const a = install(createKmsFake());
    const b = createKmsFake();
    const attachedToB = new KMSClient({});
    b.attach(attachedToB);
    await describeStores(b.client());
    await describeStores(attachedToB);
    await describeStores(new KMSClient({}));
    expect(answeredBy({ a, b })).toBe('abb');
  });

  it('keeps the account of its own client({ account }) and attach(client, { account })', async () => {
    const a = install(createKmsFake());
    const attached = new KMSClient({});
    a.attach(attached, { account: '777788889999' });
    await create(a.client({ account: '444455556666' }), cloudHsmInput({ CustomKeyStoreName: 'from-client' }));
    await create(
      attached,
      cloudHsmInput({ CustomKeyStoreName: 'from-attach', CloudHsmClusterId: 'cluster-2a23b4cdefg' }),
    );
    await create(
      new KMSClient({}),
      cloudHsmInput({ CustomKeyStoreName: 'from-install', CloudHsmClusterId: 'cluster-3a23b4cdefg' }),
    );
    expect(a.stores().map((s) => [s.CustomKeyStoreName, s.Account])).toEqual([
      ['from-client', '444455556666'],
      ['from-attach', '777788889999'],
      ['from-install', '111122223333'],
    ]);
  });

  it('attach(client, { account }) of a client install() already claimed changes its account from then on', async () => {
    const a = install(createKmsFake());
    const kms = new KMSClient({});
    await describeStores(kms);
    a.attach(kms, { account: '444455556666' });
    await describeStores(kms);
    expect(a.calls().map((c) => c.account)).toEqual(['111122223333', '444455556666']);
  });

  it('hardens the environment when install() runs, before any client is constructed, and puts it back after', () => {
    const before = process.env.AWS_EC2_METADATA_DISABLED;
    const fake = createKmsFake();
    fake.install();
    try {
      expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
      expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    } finally {
      fake.uninstall();
    }
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe(before);
  });
});

/** Issue 8, observation 4: uninstall() undoes what install() did, and only that. */
describe('uninstall()', () => {
  it('leaves clients wired with attach() attached to the fake', async () => {
    const a = createKmsFake();
    const kms = new KMSClient({});
    a.attach(kms);
    a.install();
    a.uninstall();
    await describeStores(kms);
    expect(answeredBy({ a })).toBe('a');
  });

  it('leaves a client that install() claimed and attach() then took over attached', async () => {
    const a = createKmsFake().install();
    const kms = new KMSClient({});
    await describeStores(kms);
    a.attach(kms);
    a.uninstall();
    await describeStores(kms);
    expect(answeredBy({ a })).toBe('aa');
  });

  it('detaches what install() claimed: a later install() of another fake claims it afresh', async () => {
    const a = createKmsFake().install();
    const kms = new KMSClient({});
    await describeStores(kms);
    a.uninstall();
    const b = install(createKmsFake());
    await describeStores(kms);
    expect(answeredBy({ a, b })).toBe('ab');
  });
});
