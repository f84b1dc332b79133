import {
  AlreadyExistsException,
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  InvalidAliasNameException,
  type KMSClient,
  ListAliasesCommand,
  ListResourceTagsCommand,
  NotFoundException,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { rejectionOf } from '../support/kms.js';
import { connectedStores, createCloudHsmKey } from './key-support.js';

const ALIAS = 'alias/payroll';
const ALIAS_ARN = `arn:aws:kms:us-east-1:111122223333:${ALIAS}`;
const plaintext = new Uint8Array([1, 2, 3]);

async function withAliasedKey() {
  const fake = createKmsFake({ stores: connectedStores });
  const kms = fake.client({ maxAttempts: 1 });
  const key = await createCloudHsmKey(kms);
  await kms.send(new CreateAliasCommand({ AliasName: ALIAS, TargetKeyId: key.KeyId }));
  const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
  const references = {
    'key id': key.KeyId as string,
    'key ARN': key.Arn as string,
    'alias name': ALIAS,
    'alias ARN': ALIAS_ARN,
  };
  return { fake, kms, key, blob: CiphertextBlob as Uint8Array, references };
}

type Send = (kms: KMSClient, keyId: string, blob: Uint8Array) => Promise<unknown>;

/** Every KeyId position of the operations that use a key: each takes all four forms. */
const USING: [string, Send][] = [
  ['DescribeKey KeyId', (kms, id) => kms.send(new DescribeKeyCommand({ KeyId: id }))],
  ['Encrypt KeyId', (kms, id) => kms.send(new EncryptCommand({ KeyId: id, Plaintext: plaintext }))],
  ['Decrypt KeyId', (kms, id, blob) => kms.send(new DecryptCommand({ KeyId: id, CiphertextBlob: blob }))],
  [
    'ReEncrypt SourceKeyId',
    (kms, id, blob) =>
      kms.send(new ReEncryptCommand({ SourceKeyId: id, CiphertextBlob: blob, DestinationKeyId: ALIAS })),
  ],
  [
    'ReEncrypt DestinationKeyId',
    (kms, id, blob) => kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: id })),
  ],
  ['GenerateDataKey KeyId', (kms, id) => kms.send(new GenerateDataKeyCommand({ KeyId: id, KeySpec: 'AES_256' }))],
  [
    'GenerateDataKeyWithoutPlaintext KeyId',
    (kms, id) => kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: id, KeySpec: 'AES_256' })),
  ],
];

/** Every KeyId position of the operations that manage a key: a key id or key ARN only, as on AWS. */
const MANAGING: [string, Send][] = [
  ['EnableKey KeyId', (kms, id) => kms.send(new EnableKeyCommand({ KeyId: id }))],
  ['DisableKey KeyId', (kms, id) => kms.send(new DisableKeyCommand({ KeyId: id }))],
  [
    'UpdateKeyDescription KeyId',
    (kms, id) => kms.send(new UpdateKeyDescriptionCommand({ KeyId: id, Description: 'd' })),
  ],
  [
    'TagResource KeyId',
    (kms, id) => kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
  ],
  ['UntagResource KeyId', (kms, id) => kms.send(new UntagResourceCommand({ KeyId: id, TagKeys: ['a'] }))],
  ['ListResourceTags KeyId', (kms, id) => kms.send(new ListResourceTagsCommand({ KeyId: id }))],
  ['ListAliases KeyId', (kms, id) => kms.send(new ListAliasesCommand({ KeyId: id }))],
  [
    'CreateAlias TargetKeyId',
    (kms, id) => kms.send(new CreateAliasCommand({ AliasName: 'alias/second', TargetKeyId: id })),
  ],
  ['UpdateAlias TargetKeyId', (kms, id) => kms.send(new UpdateAliasCommand({ AliasName: ALIAS, TargetKeyId: id }))],
  ['ScheduleKeyDeletion KeyId', (kms, id) => kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }))],
];

const FORMS = ['key id', 'key ARN', 'alias name', 'alias ARN'] as const;

describe('key references in every key-id position', () => {
  it.each(USING.flatMap(([position, send]) => FORMS.map((form) => [position, form, send] as const)))(
    '%s takes a %s',
    async (_position, form, send) => {
      const { kms, blob, references } = await withAliasedKey();
      await expect(send(kms, references[form], blob)).resolves.toBeDefined();
    },
  );

  it.each(MANAGING.flatMap(([position, send]) => FORMS.map((form) => [position, form, send] as const)))(
    '%s with a %s',
    async (_position, form, send) => {
      const { kms, blob, references } = await withAliasedKey();
      if (form === 'key id' || form === 'key ARN') {
        await expect(send(kms, references[form], blob)).resolves.toBeDefined();
      } else {
        const error = await rejectionOf(send(kms, references[form], blob));
        expect(error).toBeInstanceOf(NotFoundException);
        expect(error.message).toBe(`Invalid keyId ${references[form]}`);
      }
    },
  );

  it('CancelKeyDeletion takes a key id or key ARN', async () => {
    const { kms, key } = await withAliasedKey();
    for (const id of [key.KeyId, key.Arn]) {
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
      await expect(kms.send(new CancelKeyDeletionCommand({ KeyId: id }))).resolves.toMatchObject({ KeyId: key.Arn });
    }
  });
});

describe('NotFoundException with AWS’s wording', () => {
  it.each([
    [
      'an unknown key id',
      '0b2ad402-1111-46ac-8888-123456789012',
      "Key 'arn:aws:kms:us-east-1:111122223333:key/0b2ad402-1111-46ac-8888-123456789012' does not exist",
    ],
    [
      'a key ARN of another Region',
      'arn:aws:kms:eu-west-1:111122223333:key/0b2ad402-1111-46ac-8888-123456789012',
      "Key 'arn:aws:kms:eu-west-1:111122223333:key/0b2ad402-1111-46ac-8888-123456789012' does not exist",
    ],
    ['an unknown alias', 'alias/nothing', 'Alias arn:aws:kms:us-east-1:111122223333:alias/nothing is not found.'],
    [
      'an alias ARN of another account',
      'arn:aws:kms:us-east-1:444455556666:alias/payroll',
      'Alias arn:aws:kms:us-east-1:444455556666:alias/payroll is not found.',
    ],
    ['something that is no key reference', 'payroll-key', 'Invalid keyId payroll-key'],
  ])('for %s', async (_what, keyId, message) => {
    const { kms } = await withAliasedKey();
    const error = await rejectionOf(kms.send(new DescribeKeyCommand({ KeyId: keyId })));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.message).toBe(message);
  });
});

describe('aliases', () => {
  it('are listed, moved to another key, and deleted', async () => {
    const { kms, key } = await withAliasedKey();
    const other = await createCloudHsmKey(kms, 'other');
    const listed = await kms.send(new ListAliasesCommand({}));
    expect(listed.Aliases).toEqual([
      {
        AliasName: ALIAS,
        AliasArn: ALIAS_ARN,
        TargetKeyId: key.KeyId,
        CreationDate: expect.any(Date),
        LastUpdatedDate: expect.any(Date),
      },
    ]);
    await kms.send(new UpdateAliasCommand({ AliasName: ALIAS, TargetKeyId: other.Arn }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: ALIAS }))).KeyMetadata?.KeyId).toBe(other.KeyId);
    expect((await kms.send(new ListAliasesCommand({ KeyId: key.KeyId }))).Aliases).toEqual([]);
    await kms.send(new DeleteAliasCommand({ AliasName: ALIAS }));
    const gone = await rejectionOf(kms.send(new DeleteAliasCommand({ AliasName: ALIAS })));
    expect(gone.message).toBe(`Alias ${ALIAS_ARN} is not found.`);
  });

  it('refuses a name that exists, lacks the alias/ prefix, or uses the AWS prefix', async () => {
    const { kms, key } = await withAliasedKey();
    const exists = await rejectionOf(kms.send(new CreateAliasCommand({ AliasName: ALIAS, TargetKeyId: key.KeyId })));
    expect(exists).toBeInstanceOf(AlreadyExistsException);
    expect(exists.message).toBe(`An alias with the name ${ALIAS_ARN} already exists`);
    for (const name of ['payroll', 'alias/aws/payroll']) {
      const error = await rejectionOf(kms.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: key.KeyId })));
      expect(error).toBeInstanceOf(InvalidAliasNameException);
    }
  });

  it('disappear with their key when its waiting period ends', async () => {
    let now = Date.parse('2026-11-01T00:00:00Z');
    const fake = createKmsFake({ stores: connectedStores, now: () => now });
    const kms = fake.client();
    const key = await createCloudHsmKey(kms);
    await kms.send(new CreateAliasCommand({ AliasName: ALIAS, TargetKeyId: key.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    now += 7 * 24 * 60 * 60 * 1000;
    expect((await kms.send(new ListAliasesCommand({}))).Aliases).toEqual([]);
  });
});
