import { CreateCustomKeyStoreCommand, KMSClient } from '@aws-sdk/client-kms';
import { type AwsStub, mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { useKmsFake } from 'fake-kms/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cloudHsmInput } from '../support/inputs.js';

const kms = useKmsFake();

describe('the plain sinon recipe: callThrough() on a mock created after the fake is installed', () => {
  // biome-ignore lint/suspicious/noExplicitAny: AwsStub's type parameters are the client's own command unions.
  let kmsMock: AwsStub<any, any, any>;
  beforeEach(() => {
    kmsMock = mockClient(KMSClient);
    kmsMock.send.callThrough();
  });
  afterEach(() => {
    kmsMock.restore();
  });

  it('reaches the fake, because install() is already on KMSClient.prototype under the mock', async () => {
    const { CustomKeyStoreId } = await new KMSClient({}).send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    expect(kms).toHaveStoreState(CustomKeyStoreId as string, 'DISCONNECTED');
    expect(kmsMock).toHaveReceivedCommandTimes(CreateCustomKeyStoreCommand, 1);
  });

  it('works again in the next test, with a fresh mock over a reset fake', async () => {
    await new KMSClient({}).send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    expect(kms.stores()).toHaveLength(1);
    expect(kmsMock).toHaveReceivedCommandTimes(CreateCustomKeyStoreCommand, 1);
  });
});
