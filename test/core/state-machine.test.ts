import {
  ConnectCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { type ConnectionState, createKmsFake, type KmsFake } from '../../src/index.js';
import { cloudHsmInput, xksPublicInput } from '../support/inputs.js';
import { connectAndWait, create, describeOne, rejectionOf, stateOf } from '../support/kms.js';

/** A fake with one store put in `state` (by driving it there through the API where possible). */
async function storeIn(state: ConnectionState): Promise<{ fake: KmsFake; kms: KMSClient; id: string }> {
  const fake = createKmsFake({ timing: 'manual' });
  const kms = fake.client();
  const id = await create(kms, cloudHsmInput());
  if (state === 'DISCONNECTED') return { fake, kms, id };
  if (state === 'FAILED') fake.failNextConnect(id, 'USER_LOCKED_OUT');
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  if (state === 'CONNECTING') return { fake, kms, id };
  fake.settle(id);
  if (state === 'CONNECTED' || state === 'FAILED') return { fake, kms, id };
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return { fake, kms, id };
}

const connect = (kms: KMSClient, id: string) => kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
const disconnect = (kms: KMSClient, id: string) =>
  kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));

describe('the connection state table (spec §4)', () => {
  const table: Array<[ConnectionState, ConnectionState | 'InvalidState', ConnectionState | 'InvalidState']> = [
    ['DISCONNECTED', 'CONNECTING', 'InvalidState'],
    ['CONNECTING', 'CONNECTING', 'DISCONNECTING'],
    ['CONNECTED', 'CONNECTED', 'DISCONNECTING'],
    ['FAILED', 'InvalidState', 'DISCONNECTING'],
    ['DISCONNECTING', 'InvalidState', 'InvalidState'],
  ];

  it.each(table)('from %s, Connect gives %s', async (from, expected) => {
    const { kms, id } = await storeIn(from);
    if (expected === 'InvalidState') {
      const error = await rejectionOf(connect(kms, id));
      expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain(from);
      expect(await stateOf(kms, id)).toBe(from);
    } else {
      const output = await connect(kms, id);
      expect(output.$metadata.httpStatusCode).toBe(200);
      expect(await stateOf(kms, id)).toBe(expected);
    }
  });

  it.each(table)('from %s, Disconnect gives %s', async (from, _connect, expected) => {
    const { kms, id } = await storeIn(from);
    if (expected === 'InvalidState') {
      expect(await rejectionOf(disconnect(kms, id))).toBeInstanceOf(CustomKeyStoreInvalidStateException);
      expect(await stateOf(kms, id)).toBe(from);
    } else {
      await disconnect(kms, id);
      expect(await stateOf(kms, id)).toBe(expected);
    }
  });

  it('CONNECTING completes to CONNECTED in the healthy world', async () => {
    const { fake, kms, id } = await storeIn('CONNECTING');
    fake.settle(id);
    const entry = await describeOne(kms, id);
    expect(entry.ConnectionState).toBe('CONNECTED');
    expect(entry).not.toHaveProperty('ConnectionErrorCode');
  });

  it('CONNECTING completes to FAILED with the injected code, shown only while FAILED', async () => {
    const { fake, kms, id } = await storeIn('DISCONNECTED');
    fake.failNextConnect(id, 'INVALID_CREDENTIALS');
    await connect(kms, id);
    expect(await describeOne(kms, id)).not.toHaveProperty('ConnectionErrorCode');
    fake.settle(id);
    expect(await describeOne(kms, id)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'INVALID_CREDENTIALS',
    });
    await disconnect(kms, id);
    expect(await describeOne(kms, id)).not.toHaveProperty('ConnectionErrorCode');
    fake.settle(id);
    expect(await describeOne(kms, id)).toEqual(expect.objectContaining({ ConnectionState: 'DISCONNECTED' }));
    expect(await describeOne(kms, id)).not.toHaveProperty('ConnectionErrorCode');
  });

  it('a failed connect is retried by disconnecting first, and the next connect succeeds', async () => {
    const { fake, kms, id } = await storeIn('FAILED');
    await disconnect(kms, id);
    fake.settle(id);
    await connect(kms, id);
    fake.settle(id);
    expect(await describeOne(kms, id)).toMatchObject({ ConnectionState: 'CONNECTED' });
    expect(await describeOne(kms, id)).not.toHaveProperty('ConnectionErrorCode');
  });

  it('DISCONNECTING completes to DISCONNECTED', async () => {
    const { fake, kms, id } = await storeIn('DISCONNECTING');
    fake.settle(id);
    expect(await stateOf(kms, id)).toBe('DISCONNECTED');
  });

  it('a disconnect while CONNECTING cancels the pending connect outcome', async () => {
    const { fake, kms, id } = await storeIn('CONNECTING');
    await disconnect(kms, id);
    fake.settle(id);
    expect(await stateOf(kms, id)).toBe('DISCONNECTED');
  });

  it('injection overrides only the next connect, then the world decides again', async () => {
    const fake = createKmsFake({ timing: 'immediate' });
    const kms = fake.client();
    const id = await create(kms, xksPublicInput());
    fake.failNextConnect(id, 'XKS_PROXY_TIMED_OUT');
    expect(await connectAndWait(kms, id)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'XKS_PROXY_TIMED_OUT',
    });
    await disconnect(kms, id);
    expect(await connectAndWait(kms, id)).toMatchObject({ ConnectionState: 'CONNECTED' });
  });
});

describe('DeleteCustomKeyStore', () => {
  it.each(['CONNECTING', 'CONNECTED', 'FAILED', 'DISCONNECTING'] as const)(
    'refuses a %s store and keeps it',
    async (state) => {
      const { kms, id } = await storeIn(state);
      const error = await rejectionOf(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })));
      expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
      expect(await stateOf(kms, id)).toBe(state);
    },
  );

  it('deletes a DISCONNECTED store; afterwards Describe by id or name finds nothing', async () => {
    const { kms, id } = await storeIn('DISCONNECTED');
    const { CustomKeyStoreName } = await describeOne(kms, id);
    const out = await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    for (const filter of [{ CustomKeyStoreId: id }, { CustomKeyStoreName }]) {
      const error = await rejectionOf(kms.send(new DescribeCustomKeyStoresCommand(filter)));
      expect(error.name).toBe('CustomKeyStoreNotFoundException');
    }
  });

  it('refuses a store that still holds KMS keys, after the state check (§8.7)', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const id = fake.addStore({
      CustomKeyStoreName: 'with-keys',
      CloudHsmClusterId: 'cluster-abcdefghijk',
      KeyCount: 2,
      ConnectionState: 'CONNECTED',
    });
    expect((await rejectionOf(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })))).name).toBe(
      'CustomKeyStoreInvalidStateException',
    );
    fake.setState(id, 'DISCONNECTED');
    const error = await rejectionOf(kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })));
    expect(error.name).toBe('CustomKeyStoreHasCMKsException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(fake.stores()).toHaveLength(1);
  });
});
