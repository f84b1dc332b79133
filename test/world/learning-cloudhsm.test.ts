import {
  CloudHsmClusterNotFoundException,
  CloudHsmClusterNotRelatedException,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  IncorrectTrustAnchorException,
  type KMSClient,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { cluster } from '../../src/fixtures/index.js';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { cloudHsmInput, clusterId, TRUST_ANCHOR } from '../support/inputs.js';
import { connectAndWait, create, describeOne, disconnectAndWait, rejectionOf } from '../support/kms.js';

const PASSWORD = 'kmsPswd-created';
const OTHER_ACCOUNT = '444455556666';

interface World {
  fake: KmsFake;
  kms: KMSClient;
  clusterId: string;
}

/**
 * The same story must hold whether nobody described the cluster (the world learns from the Create) or a
 * test described it with exactly what the Create shows.
 */
const worlds: Array<[string, () => World]> = [
  [
    'the default world (nothing described)',
    () => {
      const fake = createKmsFake();
      return { fake, kms: fake.client(), clusterId: clusterId() };
    },
  ],
  [
    'a described world',
    () => {
      const id = clusterId();
      const fake = createKmsFake({
        clusters: [{ clusterId: id, trustAnchorCertificate: TRUST_ANCHOR, kmsUser: { password: PASSWORD } }],
      });
      return { fake, kms: fake.client(), clusterId: id };
    },
  ],
];

const createStore = (w: World) =>
  create(w.kms, cloudHsmInput({ CloudHsmClusterId: w.clusterId, KeyStorePassword: PASSWORD }));
const tellPassword = (w: World, id: string, KeyStorePassword: string) =>
  w.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword }));

describe.each(worlds)('CloudHSM key stores in %s', (_name, makeWorld) => {
  it('UpdateCustomKeyStore KeyStorePassword only tells KMS: a password the cluster never had fails the connect', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    await tellPassword(w, id, 'a-new-Pswd-42');
    expect(await connectAndWait(w.kms, id)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'INVALID_CREDENTIALS',
    });
  });

  it('five connects with a wrong password lock kmsuser out; the sixth reports USER_LOCKED_OUT', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    await tellPassword(w, id, 'a-new-Pswd-42');
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await connectAndWait(w.kms, id)).ConnectionErrorCode).toBe('INVALID_CREDENTIALS');
      await disconnectAndWait(w.kms, id);
    }
    expect((await connectAndWait(w.kms, id)).ConnectionErrorCode).toBe('USER_LOCKED_OUT');
  });

  it('telling KMS the password the store was created with again connects (before any connect rotated it)', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    await tellPassword(w, id, 'a-new-Pswd-42');
    await tellPassword(w, id, PASSWORD);
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });

  it('a connect rotates kmsuser to a password only KMS knows: reconnecting works, the old password no longer does', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
    await disconnectAndWait(w.kms, id);
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
    await disconnectAndWait(w.kms, id);

    await tellPassword(w, id, PASSWORD);
    expect((await connectAndWait(w.kms, id)).ConnectionErrorCode).toBe('INVALID_CREDENTIALS');
  });

  it('only someone changing the password in the cluster changes it; telling KMS that one connects', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    w.fake.world.cluster(w.clusterId).changeKmsUserPassword('changed-in-Hsm-7');
    expect((await connectAndWait(w.kms, id)).ConnectionErrorCode).toBe('INVALID_CREDENTIALS');
    await disconnectAndWait(w.kms, id);
    await tellPassword(w, id, 'changed-in-Hsm-7');
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });

  it('refuses to move a store to a cluster that is not related, and changes nothing', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    const other = clusterId();
    const error = await rejectionOf(
      w.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: other })),
    );
    expect(error).toBeInstanceOf(CloudHsmClusterNotRelatedException);
    expect((await describeOne(w.kms, id)).CloudHsmClusterId).toBe(w.clusterId);
  });

  it('moves a store to a cluster made related with one world call, and it connects there', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    const restored = clusterId();
    w.fake.world.cluster(restored).relatedTo(w.clusterId);
    await w.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: restored }));
    expect((await describeOne(w.kms, id)).CloudHsmClusterId).toBe(restored);
    expect((await connectAndWait(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });

  it('refuses a trust anchor that is not an X.509 certificate, says where to get one, and creates nothing', async () => {
    const w = makeWorld();
    const input = cloudHsmInput({ CloudHsmClusterId: w.clusterId, TrustAnchorCertificate: 'not a certificate' });
    const error = await rejectionOf(w.kms.send(new CreateCustomKeyStoreCommand(input)));
    expect(error).toBeInstanceOf(IncorrectTrustAnchorException);
    expect(error.message).toContain('fake-kms/fixtures');
    expect(w.fake.stores()).toEqual([]);
  });

  it('a cluster belongs to one account: another account cannot find it', async () => {
    const w = makeWorld();
    await createStore(w);
    const other = w.fake.client({ account: OTHER_ACCOUNT });
    const input = cloudHsmInput({ CloudHsmClusterId: w.clusterId, KeyStorePassword: PASSWORD });
    const error = await rejectionOf(other.send(new CreateCustomKeyStoreCommand(input)));
    expect(error).toBeInstanceOf(CloudHsmClusterNotFoundException);
    expect(w.fake.stores()).toHaveLength(1);
  });

  it('on a CONNECTED store an unchanged cluster id is no change, and any password is one (KMS rotated it)', async () => {
    const w = makeWorld();
    const id = await createStore(w);
    await connectAndWait(w.kms, id);
    await w.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: w.clusterId }));
    const error = await rejectionOf(tellPassword(w, id, PASSWORD));
    expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    expect((await describeOne(w.kms, id)).ConnectionState).toBe('CONNECTED');
  });
});

describe('the fixtures make the related case one line', () => {
  it('a cluster built relatedTo() another takes a store moved from it', async () => {
    const original = cluster.seed('original').build();
    const restored = cluster.seed('restored').relatedTo(original).build();
    const fake = createKmsFake({ clusters: [original, restored] });
    const kms = fake.client();
    const id = await create(
      kms,
      cloudHsmInput({
        CloudHsmClusterId: original.clusterId,
        TrustAnchorCertificate: original.trustAnchorCertificate as string,
      }),
    );
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, CloudHsmClusterId: restored.clusterId }));
    expect((await connectAndWait(kms, id)).ConnectionState).toBe('CONNECTED');
  });
});
