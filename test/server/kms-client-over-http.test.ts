import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreInvalidStateException,
  CustomKeyStoreNotFoundException,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  type KMSServiceException,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { KMS_OPERATIONS } from '../../src/model/kms-model.generated.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { cloudHsmInput, xksPublicInput } from '../support/inputs.js';
import { clientFor, useServer } from './server-support.js';

const server = useServer({ seed: 'http', timing: 'immediate' });

describe('a real KMSClient pointed at fake-kms serve', { timeout: 30_000 }, () => {
  it('creates, describes, connects, updates, disconnects and deletes a CloudHSM store', async () => {
    const kms = clientFor(server());
    const input = cloudHsmInput();
    const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(input));
    expect(CustomKeyStoreId).toMatch(/^cks-[0-9a-f]{17}$/);
    const described = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
    expect(described.CustomKeyStores?.[0]).toMatchObject({
      CustomKeyStoreName: input.CustomKeyStoreName,
      ConnectionState: 'DISCONNECTED',
      CustomKeyStoreType: 'AWS_CLOUDHSM',
    });
    expect(described.CustomKeyStores?.[0]?.CreationDate).toBeInstanceOf(Date);
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    const connected = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
    expect(connected.CustomKeyStores?.[0]?.ConnectionState).toBe('CONNECTED');
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId, NewCustomKeyStoreName: 'renamed-over-http' }));
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId }));
    await expect(kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).rejects.toBeInstanceOf(
      CustomKeyStoreNotFoundException,
    );
  });

  it('gets the SDK exception classes with their HTTP status and request id', async () => {
    const kms = clientFor(server());
    const id = (await kms.send(new CreateCustomKeyStoreCommand(xksPublicInput()))).CustomKeyStoreId;
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    const error = await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CustomKeyStoreInvalidStateException);
    expect((error as KMSServiceException).$metadata.httpStatusCode).toBe(400);
    expect((error as KMSServiceException).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts each store in the Region of the credential scope that signed the request', async () => {
    const west = clientFor(server(), { region: 'eu-west-1' });
    const east = clientFor(server(), { region: 'us-east-1' });
    const input = cloudHsmInput();
    const { CustomKeyStoreId } = await west.send(new CreateCustomKeyStoreCommand(input));
    const inWest = await west.send(
      new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: input.CustomKeyStoreName }),
    );
    expect(inWest.CustomKeyStores?.map((s) => s.CustomKeyStoreId)).toEqual([CustomKeyStoreId]);
    await expect(east.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).rejects.toBeInstanceOf(
      CustomKeyStoreNotFoundException,
    );
    const stored = server()
      .fake.stores()
      .find((s) => s.CustomKeyStoreId === CustomKeyStoreId);
    expect(stored?.Region).toBe('eu-west-1');
  });

  it('answers a KMS operation it does not implement with NotImplementedException (501), not a crash', async () => {
    const kms = clientFor(server());
    // Whichever KMS operation fake-kms does not implement (yet), sent by its real SDK command.
    const sdk = (await import('@aws-sdk/client-kms')) as unknown as Record<string, new (input: object) => never>;
    const operation = KMS_OPERATIONS.find((name) => !(name in OPERATIONS) && sdk[`${name}Command`]);
    const Command = sdk[`${operation}Command`] as new (input: object) => never;
    const error = await kms.send(new Command({})).catch((e: unknown) => e);
    expect((error as KMSServiceException).name).toBe('NotImplementedException');
    expect((error as KMSServiceException).$metadata.httpStatusCode).toBe(501);
  });
});
