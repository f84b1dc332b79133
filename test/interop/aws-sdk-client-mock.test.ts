import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreNotFoundException,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { forwardToFake, useKmsFake } from 'fake-kms/vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { cloudHsmInput } from '../support/inputs.js';

const kms = useKmsFake();
// Created at module level, as most aws-sdk-client-mock users do; the fake installs later, in beforeAll.
const kmsMock = mockClient(KMSClient);

describe('aws-sdk-client-mock routed to the fake with forwardToFake', () => {
  beforeEach(() => {
    kmsMock.reset();
    forwardToFake(kmsMock, kms);
  });

  it('stamps every forwarded call, the first of a client included: one in flight across reset() is refused', async () => {
    for (const calls of [1, 2]) {
      const client = new KMSClient({});
      if (calls === 2) await client.send(new DescribeCustomKeyStoresCommand({}));
      const inFlight = client.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
      kms.reset();
      await expect(inFlight).rejects.toThrow(/started before fake.reset\(\)/);
      expect(kms.stores()).toEqual([]);
      expect(kmsMock.commandCalls(CreateCustomKeyStoreCommand)).toHaveLength(calls);
    }
  });

  it('answers from the fake through the real SDK and keeps the mock call history and its matchers', async () => {
    const client = new KMSClient({});
    const { CustomKeyStoreId } = await client.send(
      new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'mocked' })),
    );
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    const { CustomKeyStores } = await client.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
    expect(CustomKeyStores?.[0]?.ConnectionState).toBe('CONNECTING');
    expect(CustomKeyStores?.[0]?.CreationDate).toBeInstanceOf(Date);

    expect(kmsMock).toHaveReceivedCommandTimes(CreateCustomKeyStoreCommand, 1);
    expect(kmsMock).toHaveReceivedCommandWith(ConnectCustomKeyStoreCommand, {
      CustomKeyStoreId: CustomKeyStoreId as string,
    });
    expect(kmsMock.calls()).toHaveLength(3);
    expect(kms).toHaveReceivedKmsCallTimes(ConnectCustomKeyStoreCommand, 1);
    expect(kms).toHaveStoreState('mocked', 'CONNECTED');
  });

  it("hands the fake's errors to the code under test as the SDK's own exception classes", async () => {
    const sent = new KMSClient({}).send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-11111111111111111' }));
    await expect(sent).rejects.toBeInstanceOf(CustomKeyStoreNotFoundException);
    expect(kmsMock).toHaveReceivedCommand(DeleteCustomKeyStoreCommand);
  });

  it('lets a command the test stubs keep its stubbed answer while every other command reaches the fake', async () => {
    kmsMock.on(ConnectCustomKeyStoreCommand).rejects(new Error('stubbed outage'));
    const client = new KMSClient({});
    const { CustomKeyStoreId } = await client.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    await expect(client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }))).rejects.toThrow('stubbed outage');
    expect(kms).toHaveStoreState(CustomKeyStoreId as string, 'DISCONNECTED');
    expect(kms).not.toHaveReceivedKmsCall('ConnectCustomKeyStore');
  });

  it('stops forwarding after mock.reset() until forwardToFake is called again', async () => {
    kmsMock.reset();
    expect(await new KMSClient({}).send(new DescribeCustomKeyStoresCommand({}))).toBeUndefined();
    expect(kms).not.toHaveReceivedKmsCall('DescribeCustomKeyStores');
    forwardToFake(kmsMock, kms);
    expect(await new KMSClient({}).send(new DescribeCustomKeyStoresCommand({}))).toMatchObject({ CustomKeyStores: [] });
  });
});
