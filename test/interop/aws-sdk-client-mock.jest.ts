import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CustomKeyStoreNotFoundException,
  DeleteCustomKeyStoreCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { forwardToFake, useKmsFake } from 'fake-kms/jest';
import { cloudHsmInput } from '../support/inputs.js';

const kms = useKmsFake();
const kmsMock = mockClient(KMSClient);

describe('aws-sdk-client-mock routed to the fake under Jest', () => {
  beforeEach(() => {
    kmsMock.reset();
    forwardToFake(kmsMock, kms);
  });

  it('answers from the fake and keeps the aws-sdk-client-mock-jest matchers working', async () => {
    const client = new KMSClient({});
    const { CustomKeyStoreId } = await client.send(
      new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'jest-mocked' })),
    );
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect(kmsMock).toHaveReceivedCommandWith(ConnectCustomKeyStoreCommand, {
      CustomKeyStoreId: CustomKeyStoreId as string,
    });
    expect(kms).toHaveStoreState('jest-mocked', 'CONNECTING');
  });

  it("passes the fake's errors through as the SDK's exception classes", async () => {
    const sent = new KMSClient({}).send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-11111111111111111' }));
    await expect(sent).rejects.toBeInstanceOf(CustomKeyStoreNotFoundException);
    expect(kmsMock).toHaveReceivedCommandTimes(DeleteCustomKeyStoreCommand, 1);
  });
});
