import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeCustomKeyStoresCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, FakeKmsUsageError } from '../../src/index.js';
import { kmsMatchers } from '../../src/testing/vitest.js';
import { cloudHsmInput } from '../support/inputs.js';
import { create } from '../support/kms.js';

expect.extend(kmsMatchers);

/** A fake with three stores, then `n` Describe calls by id, round robin. */
async function describedFake(journalLimit: number, n: number) {
  const fake = createKmsFake({ journalLimit });
  const kms = fake.client();
  const ids = [
    await create(kms, cloudHsmInput()),
    await create(kms, cloudHsmInput()),
    await create(kms, cloudHsmInput()),
  ];
  for (let i = 0; i < n; i++) {
    await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: ids[i % ids.length] }));
  }
  return { fake, kms, ids };
}

describe('the call journal keeps its newest entries and exact counts', () => {
  it('keeps at most journalLimit entries, the newest, while every count stays exact', async () => {
    const { fake, ids } = await describedFake(4, 9);
    expect(fake.journal).toHaveLength(4);
    expect(fake.calls().map((c) => c.input.CustomKeyStoreId)).toEqual([ids[2], ids[0], ids[1], ids[2]]);
    expect(fake.callCount('DescribeCustomKeyStores')).toBe(9);
    expect(fake.callCount(DescribeCustomKeyStoresCommand)).toBe(9);
    expect(fake.callCount('CreateCustomKeyStore')).toBe(3);
    expect(fake.callCount()).toBe(12);
    expect(fake).toHaveReceivedKmsCallTimes(DescribeCustomKeyStoresCommand, 9);
    expect(fake).toHaveReceivedKmsCallTimes('CreateCustomKeyStore', 3);
    expect(fake).toHaveReceivedKmsCall('CreateCustomKeyStore');
  });

  it('holds a default of 10,000 entries, and reset() empties it and its counts', async () => {
    const { fake } = await describedFake(10_000, 2);
    expect(fake.journal).toHaveLength(5);
    fake.reset();
    expect(fake.journal).toEqual([]);
    expect(fake.callCount()).toBe(0);
    expect(createKmsFake().journal).toEqual([]);
  });

  it('answers a matcher from a kept entry even after older ones were dropped', async () => {
    const { fake, ids } = await describedFake(4, 9);
    expect(fake).toHaveReceivedKmsCall(DescribeCustomKeyStoresCommand, { CustomKeyStoreId: ids[2] });
    // Two kept entries match already, so "exactly once" is certainly false whatever was dropped.
    expect(fake).not.toHaveReceivedKmsCallTimes(DescribeCustomKeyStoresCommand, 1, { CustomKeyStoreId: ids[2] });
  });

  it('says so, rather than answering, when the entry a matcher needs may have been dropped', async () => {
    const { fake } = await describedFake(4, 9);
    const firstName = (c: { input: Record<string, unknown> }) => c.input.CustomKeyStoreName;
    expect(fake.calls('CreateCustomKeyStore').map(firstName)).toEqual([]);
    const wanted = { CustomKeyStoreName: 'hsm-store-never-made' };
    expect(() => expect(fake).toHaveReceivedKmsCall('CreateCustomKeyStore', wanted)).toThrow(
      /3 CreateCustomKeyStore call\(s\) were dropped from the journal.*journalLimit/,
    );
    expect(() => expect(fake).not.toHaveReceivedKmsCall('CreateCustomKeyStore', wanted)).toThrow(FakeKmsUsageError);
    expect(() => expect(fake).toHaveReceivedKmsCallTimes('CreateCustomKeyStore', 1, wanted)).toThrow(/dropped/);
    expect(() => expect(fake).not.toHaveReceivedKmsCallTimes('CreateCustomKeyStore', 1, wanted)).toThrow(/dropped/);
  });

  it('refuses a journalLimit that is not a whole number of at least 1', () => {
    for (const journalLimit of [0, -1, 1.5, Number.NaN]) {
      expect(() => createKmsFake({ journalLimit })).toThrow(/journalLimit.*must be a whole number of at least 1/);
    }
    expect(() => createKmsFake({ journalLimit: '5' as unknown as number })).toThrow(FakeKmsUsageError);
    expect(createKmsFake({ journalLimit: Number.POSITIVE_INFINITY }).journal).toEqual([]);
  });
});

describe('the journal cannot be changed from outside', () => {
  it('gives copies: emptying or editing what journal and calls() return changes nothing', async () => {
    const { fake, ids } = await describedFake(100, 2);
    const journal = fake.journal as unknown as unknown[];
    journal.length = 0;
    const calls = fake.calls('DescribeCustomKeyStores');
    (calls[0] as { input: Record<string, unknown> }).input.CustomKeyStoreId = 'cks-forged';
    calls.pop();
    expect(fake.journal).toHaveLength(5);
    expect(fake.calls('DescribeCustomKeyStores').map((c) => c.input.CustomKeyStoreId)).toEqual([ids[0], ids[1]]);
    expect(fake).not.toHaveReceivedKmsCall('DescribeCustomKeyStores', { CustomKeyStoreId: 'cks-forged' });
  });

  it('keeps the CreationDate of a Describe output as a Date in the journal', async () => {
    const { fake } = await describedFake(100, 1);
    const [call] = fake.calls('DescribeCustomKeyStores');
    const [entry] = (call?.output?.CustomKeyStores ?? []) as { CreationDate: unknown }[];
    expect(entry?.CreationDate).toBeInstanceOf(Date);
  });

  it('shows every output timestamp as the Date the SDK returned, nested and in lists alike', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const created = await kms.send(new CreateKeyCommand({}));
    const keyId = created.KeyMetadata?.KeyId as string;
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/journal-dates', TargetKeyId: keyId }));
    const aliases = await kms.send(new ListAliasesCommand({}));
    const deletion = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));

    const [createCall] = fake.calls('CreateKey');
    const [listCall] = fake.calls('ListAliases');
    const [scheduleCall] = fake.calls('ScheduleKeyDeletion');
    const journaledKey = createCall?.output?.KeyMetadata as { CreationDate: unknown };
    expect(journaledKey.CreationDate).toEqual(created.KeyMetadata?.CreationDate);
    expect(journaledKey.CreationDate).toBeInstanceOf(Date);
    const journaledAliases = (listCall?.output?.Aliases ?? []) as { CreationDate: unknown; LastUpdatedDate: unknown }[];
    const journaledAlias = journaledAliases[0];
    expect(journaledAlias?.CreationDate).toEqual(aliases.Aliases?.[0]?.CreationDate);
    expect(journaledAlias?.LastUpdatedDate).toEqual(aliases.Aliases?.[0]?.LastUpdatedDate);
    expect(scheduleCall?.output?.DeletionDate).toEqual(deletion.DeletionDate);
    // Reading twice gives the same thing (the journal decodes each entry once).
    expect(fake.calls('CreateKey')[0]?.output).toEqual(createCall?.output);
  });
});

describe('a __proto__ member in a request body', () => {
  async function send(fake: ReturnType<typeof createKmsFake>, target: string, body: string) {
    const { response } = await fake.requestHandler.handle({
      headers: { 'x-amz-target': `TrentService.${target}` },
      body,
    });
    return response.statusCode;
  }

  it('stays a member of the journaled input and never becomes its prototype', async () => {
    const fake = createKmsFake();
    await send(fake, 'DescribeCustomKeyStores', '{"__proto__":{"polluted":true},"Limit":5}');
    const [call] = fake.calls();
    expect(Object.getPrototypeOf(call?.input)).toBe(Object.prototype);
    expect(Object.hasOwn(call?.input ?? {}, 'polluted') || 'polluted' in (call?.input ?? {})).toBe(false);
    expect(Object.keys(call?.input ?? {})).toEqual(['__proto__', 'Limit']);
  });

  it('stays a member when a secret beside it is redacted', async () => {
    const fake = createKmsFake();
    const id = await create(fake.client(), cloudHsmInput());
    const body = JSON.stringify({ CustomKeyStoreId: id, KeyStorePassword: 'hunter2-secret' }).replace(
      '{',
      '{"__proto__":{"polluted":true},',
    );
    await send(fake, 'UpdateCustomKeyStore', body);
    const [call] = fake.calls('UpdateCustomKeyStore');
    expect(Object.getPrototypeOf(call?.input)).toBe(Object.prototype);
    expect(Object.hasOwn(call?.input ?? {}, 'polluted') || 'polluted' in (call?.input ?? {})).toBe(false);
    expect(call?.input.KeyStorePassword).toBe('**redacted**');
    expect(JSON.stringify(fake.journal)).not.toContain('hunter2-secret');
  });
});

describe('redaction shares what holds no secret', () => {
  it('journals a password update redacted while the fake keeps the real password', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const id = await create(kms, cloudHsmInput());
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: 'new-secret-pw' }));
    expect(fake.calls('UpdateCustomKeyStore')[0]?.input).toEqual({
      CustomKeyStoreId: id,
      KeyStorePassword: '**redacted**',
    });
    expect(JSON.stringify(fake.journal)).not.toContain('new-secret-pw');
  });
});
