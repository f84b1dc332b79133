import {
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GenerateDataKeyPairCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  InvalidMarkerException,
  KMSInvalidStateException,
  ListKeysCommand,
  ListResourceTagsCommand,
  paginateListKeys,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagException,
  TagResourceCommand,
  UnsupportedOperationException,
  UntagResourceCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { rejectionOf } from '../support/kms.js';
import { CLOUDHSM_STORE_ID, cloudHsmStore, connectedStores, createCloudHsmKey } from './key-support.js';

describe('ListKeys', () => {
  it('pages past 1,000 keys with the SDK paginator, in creation order, each key once', async () => {
    const fake = createKmsFake({ stores: [{ ...cloudHsmStore, KeyCount: 1_200 }] });
    const kms = fake.client();
    const created = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId;
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of paginateListKeys({ client: kms, pageSize: 1000 }, {})) {
      pages.push(page.Keys?.length ?? 0);
      ids.push(...(page.Keys ?? []).map((k) => k.KeyId as string));
    }
    expect(pages).toEqual([1000, 201]);
    expect(new Set(ids).size).toBe(1201);
    expect(ids.at(-1)).toBe(created);
  });

  it('keeps its place when keys are deleted between pages, and refuses a forged marker', async () => {
    let now = 0;
    const fake = createKmsFake({ stores: [{ ...cloudHsmStore, KeyCount: 5 }], now: () => now });
    const kms = fake.client({ maxAttempts: 1 });
    const first = await kms.send(new ListKeysCommand({ Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true, NextMarker: expect.any(String) });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: first.Keys?.[0]?.KeyId, PendingWindowInDays: 7 }));
    now += 7 * 24 * 60 * 60 * 1000;
    const rest = await kms.send(new ListKeysCommand({ Marker: first.NextMarker }));
    expect(rest.Keys).toHaveLength(3);
    expect(rest.Truncated).toBe(false);
    const forged = await rejectionOf(kms.send(new ListKeysCommand({ Marker: `${first.NextMarker}x` })));
    expect(forged).toBeInstanceOf(InvalidMarkerException);
  });
});

describe('tags and descriptions', () => {
  it('are set, replaced, listed in pages and removed', async () => {
    const kms = createKmsFake({ stores: connectedStores }).client();
    const key = await createCloudHsmKey(kms);
    await kms.send(
      new TagResourceCommand({
        KeyId: key.KeyId,
        Tags: [
          { TagKey: 'team', TagValue: 'payroll' },
          { TagKey: 'env', TagValue: 'test' },
          { TagKey: 'cost', TagValue: '42' },
        ],
      }),
    );
    await kms.send(new TagResourceCommand({ KeyId: key.Arn, Tags: [{ TagKey: 'env', TagValue: 'prod' }] }));
    const page = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 2 }));
    expect(page).toMatchObject({
      Tags: [
        { TagKey: 'team', TagValue: 'payroll' },
        { TagKey: 'env', TagValue: 'prod' },
      ],
      Truncated: true,
    });
    const next = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Marker: page.NextMarker }));
    expect(next.Tags).toEqual([{ TagKey: 'cost', TagValue: '42' }]);
    await kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['team', 'not-there'] }));
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toHaveLength(2);

    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'November payroll' }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.Description).toBe(
      'November payroll',
    );
  });

  it('refuses reserved tag keys, and changes to a key pending deletion', async () => {
    const kms = createKmsFake({ stores: connectedStores }).client({ maxAttempts: 1 });
    const key = await createCloudHsmKey(kms);
    const reserved = await rejectionOf(
      kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'aws:owner', TagValue: 'x' }] })),
    );
    expect(reserved).toBeInstanceOf(TagException);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    const pending = await rejectionOf(
      kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'x' })),
    );
    expect(pending).toBeInstanceOf(KMSInvalidStateException);
    expect(pending.message).toBe(`${key.Arn} is pending deletion.`);
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }))).Tags).toEqual([]);
  });
});

describe('operations keys in custom key stores never support', () => {
  it.each([
    ['EnableKeyRotation', (KeyId: string) => new EnableKeyRotationCommand({ KeyId })],
    ['GetKeyRotationStatus', (KeyId: string) => new GetKeyRotationStatusCommand({ KeyId })],
    ['RotateKeyOnDemand', (KeyId: string) => new RotateKeyOnDemandCommand({ KeyId })],
    [
      'GetParametersForImport',
      (KeyId: string) =>
        new GetParametersForImportCommand({
          KeyId,
          WrappingAlgorithm: 'RSAES_OAEP_SHA_256',
          WrappingKeySpec: 'RSA_4096',
        }),
    ],
    ['GenerateDataKeyPair', (KeyId: string) => new GenerateDataKeyPairCommand({ KeyId, KeyPairSpec: 'ECC_NIST_P256' })],
  ])('%s is UnsupportedOperationException, in any key state', async (operation, command) => {
    const fake = createKmsFake({ stores: connectedStores });
    const kms = fake.client({ maxAttempts: 1 });
    const key = await createCloudHsmKey(kms);
    for (const prepare of [() => undefined, () => fake.setState(CLOUDHSM_STORE_ID, 'DISCONNECTED')]) {
      prepare();
      const error = await rejectionOf(kms.send(command(key.KeyId as string) as never));
      expect(error).toBeInstanceOf(UnsupportedOperationException);
      expect(error.message).toBe(
        `${key.Arn} is in a custom key store. ${operation} is not supported for KMS keys in custom key stores.`,
      );
    }
  });
});
