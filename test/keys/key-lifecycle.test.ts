import {
  CancelKeyDeletionCommand,
  CustomKeyStoreHasCMKsException,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  KMSInvalidStateException,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { connectAndWait, disconnectAndWait, rejectionOf } from '../support/kms.js';
import {
  CLOUDHSM_STORE_ID,
  connectedStores,
  createCloudHsmKey,
  createExternalKey,
  keyStateOf,
  XKS_STORE_ID,
} from './key-support.js';

const DAY = 24 * 60 * 60 * 1000;
const secret = new TextEncoder().encode('the payroll for November');

describe.each([
  { type: 'CloudHSM', storeId: CLOUDHSM_STORE_ID, create: createCloudHsmKey },
  {
    type: 'external',
    storeId: XKS_STORE_ID,
    create: (kms: Parameters<typeof createCloudHsmKey>[0]) => createExternalKey(kms),
  },
])("a KMS key's whole life in a $type key store", ({ storeId, create }) => {
  it('is created, used, made unavailable by a disconnect, restored by a reconnect, and deleted on the clock', async () => {
    let now = Date.parse('2026-11-01T00:00:00Z');
    const fake = createKmsFake({ stores: connectedStores, now: () => now, timing: 'immediate' });
    const kms = fake.client();

    const key = await create(kms);
    expect(key).toMatchObject({ KeyState: 'Enabled', Enabled: true, CustomKeyStoreId: storeId, MultiRegion: false });

    // Encrypt and decrypt, without and with an encryption context.
    const plain = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: secret }));
    const context = { purpose: 'payroll' };
    const bound = await kms.send(new EncryptCommand({ KeyId: key.Arn, Plaintext: secret, EncryptionContext: context }));
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: plain.CiphertextBlob }))).Plaintext).toEqual(secret);
    const opened = await kms.send(
      new DecryptCommand({ CiphertextBlob: bound.CiphertextBlob, EncryptionContext: context }),
    );
    expect(opened).toMatchObject({ Plaintext: secret, KeyId: key.Arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });

    // A second key, disabled while its store is disconnected.
    const other =
      storeId === CLOUDHSM_STORE_ID
        ? await createCloudHsmKey(kms, 'second')
        : await createExternalKey(kms, 'ext-key-2');
    await disconnectAndWait(kms, storeId);
    expect(await keyStateOf(kms, key.KeyId as string)).toBe('Unavailable');
    const refused = await rejectionOf(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: secret })));
    expect(refused).toBeInstanceOf(KMSInvalidStateException);
    expect(refused.message).toBe(`${key.Arn} is unavailable.`);
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    expect(await keyStateOf(kms, key.KeyId as string)).toBe('Unavailable');

    // Reconnect: the disable made while unavailable applies now.
    await connectAndWait(kms, storeId);
    expect(await keyStateOf(kms, key.KeyId as string)).toBe('Disabled');
    await kms.send(new EnableKeyCommand({ KeyId: key.KeyId }));
    expect(await keyStateOf(kms, key.KeyId as string)).toBe('Enabled');

    // Schedule deletion: the store cannot be deleted while the key waits.
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyId: key.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate).toEqual(new Date(now + 7 * DAY));
    if (other) await kms.send(new ScheduleKeyDeletionCommand({ KeyId: other.KeyId, PendingWindowInDays: 7 }));
    await disconnectAndWait(kms, storeId);
    expect(await keyStateOf(kms, key.KeyId as string)).toBe('PendingDeletion');
    const hasKeys = await rejectionOf(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: storeId })));
    expect(hasKeys).toBeInstanceOf(CustomKeyStoreHasCMKsException);

    // The waiting period ends on the fake's clock: the key is gone and the store can be deleted.
    now += 7 * DAY;
    const gone = await rejectionOf(kms.send(new DescribeKeyCommand({ KeyId: key.KeyId })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.message).toBe(`Key '${key.Arn}' does not exist`);
    expect((await kms.send(new ListKeysCommand({}))).Keys).toEqual([]);
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  });
});

describe('deleting keys', () => {
  it('cancelling a deletion leaves the key Disabled; cancelling again is refused', async () => {
    const fake = createKmsFake({ stores: connectedStores });
    const kms = fake.client();
    const key = await createCloudHsmKey(kms);
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    expect(scheduled.PendingWindowInDays).toBe(30);
    expect(await kms.send(new CancelKeyDeletionCommand({ KeyId: key.Arn }))).toMatchObject({ KeyId: key.Arn });
    expect(await keyStateOf(kms, key.KeyId as string)).toBe('Disabled');
    const again = await rejectionOf(kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })));
    expect(again).toBeInstanceOf(KMSInvalidStateException);
    expect(again.message).toBe(`${key.Arn} is not pending deletion.`);
  });

  it('refuses a waiting period outside 7 to 30 days with Coral’s message, changing nothing', async () => {
    const kms = createKmsFake({ stores: connectedStores }).client();
    const key = await createCloudHsmKey(kms);
    const error = await rejectionOf(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 31 })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      "1 validation error detected: Value '31' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30",
    );
    expect(await keyStateOf(kms, key.KeyId as string)).toBe('Enabled');
  });

  it('refuses to schedule a key that is already pending deletion, and to enable or disable it', async () => {
    const kms = createKmsFake({ stores: connectedStores }).client();
    const key = await createCloudHsmKey(kms);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    for (const command of [
      new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }),
      new EnableKeyCommand({ KeyId: key.KeyId }),
      new DisableKeyCommand({ KeyId: key.KeyId }),
    ]) {
      const error = await rejectionOf(kms.send(command as never));
      expect(error).toBeInstanceOf(KMSInvalidStateException);
      expect(error.message).toBe(`${key.Arn} is pending deletion.`);
    }
  });
});
