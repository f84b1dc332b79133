import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { useKmsFake } from '../../src/testing/vitest.js';
import { cloudHsmInput } from '../support/inputs.js';

const kms = useKmsFake();

/** The message of a failed assertion. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the assertion to fail, but it passed');
}

function failedStore(): string {
  return kms.addStore({
    CustomKeyStoreName: 'payments-hsm',
    CloudHsmClusterId: 'cluster-1a23b4cdefg',
    ConnectionState: 'FAILED',
    ConnectionErrorCode: 'USER_LOCKED_OUT',
  });
}

describe('store matchers', () => {
  it('find a store by id or by name, and pass on its state, name and error code', () => {
    const id = failedStore();
    expect(kms).toHaveStoreState(id, 'FAILED');
    expect(kms).toHaveStoreState('payments-hsm', 'FAILED');
    expect(kms).toHaveStoreName(id, 'payments-hsm');
    expect(kms).toHaveStoreErrorCode('payments-hsm', 'USER_LOCKED_OUT');
    expect(kms).not.toHaveStoreState(id, 'CONNECTED');
    expect(kms).not.toHaveStoreErrorCode(id, undefined);
  });

  it('say what was expected and what the fake holds when they fail', () => {
    const id = failedStore();
    const message = failure(() => expect(kms).toHaveStoreState('payments-hsm', 'CONNECTED'));
    expect(message).toContain('Expected store "payments-hsm" to have ConnectionState CONNECTED.');
    expect(message).toContain(
      `The fake holds ${id} "payments-hsm" AWS_CLOUDHSM FAILED (USER_LOCKED_OUT) in 111122223333/us-east-1.`,
    );
    expect(failure(() => expect(kms).toHaveStoreErrorCode(id, 'INVALID_CREDENTIALS'))).toContain(
      'to have ConnectionErrorCode INVALID_CREDENTIALS',
    );
    expect(failure(() => expect(kms).not.toHaveStoreName('payments-hsm', 'payments-hsm'))).toContain(
      'Expected store "payments-hsm" not to have CustomKeyStoreName "payments-hsm", but it does.',
    );
  });

  it('treat "no error code" as an expectation of its own', () => {
    const id = kms.addStore({ CustomKeyStoreName: 'healthy', CloudHsmClusterId: 'cluster-1a23b4cdefg' });
    expect(kms).toHaveStoreErrorCode(id, undefined);
    expect(failure(() => expect(kms).toHaveStoreErrorCode(id, 'NETWORK_ERRORS'))).toContain(
      'DISCONNECTED in 111122223333/us-east-1',
    );
  });

  it('fail with and without .not when the store does not exist, listing the stores there are', () => {
    failedStore();
    const message = failure(() => expect(kms).toHaveStoreState('cks-00000000000000000', 'CONNECTED'));
    expect(message).toContain('the fake holds no store with the id or name "cks-00000000000000000"');
    expect(message).toContain('"payments-hsm" AWS_CLOUDHSM FAILED (USER_LOCKED_OUT)');
    expect(failure(() => expect(kms).not.toHaveStoreState('typo', 'CONNECTED'))).toContain('no store');
  });

  it('refuse a name that two stores share in different Regions and ask for the id', () => {
    kms.addStore({ CustomKeyStoreName: 'twin', CloudHsmClusterId: 'cluster-1a23b4cdefg', Region: 'us-east-1' });
    kms.addStore({ CustomKeyStoreName: 'twin', CloudHsmClusterId: 'cluster-1a23b4cdefg', Region: 'eu-west-1' });
    expect(failure(() => expect(kms).toHaveStoreState('twin', 'DISCONNECTED'))).toContain(
      'the fake holds 2 stores named "twin"',
    );
  });

  it('do not count as a Describe: CONNECTING stays visible to the code under test', async () => {
    const id = kms.addStore({ CustomKeyStoreName: 'watched', CloudHsmClusterId: 'cluster-1a23b4cdefg' });
    await new KMSClient({}).send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(kms).toHaveStoreState(id, 'CONNECTING');
    expect(kms).toHaveStoreState(id, 'CONNECTING');
    expect(kms).toHaveReceivedKmsCallTimes('DescribeCustomKeyStores', 0);
  });

  it('explain a received value that is not a fake', () => {
    expect(failure(() => expect({}).toHaveStoreState('x', 'CONNECTED'))).toContain(
      'take the fake as the received value',
    );
  });
});

describe('call matchers', () => {
  it('match an operation by name or command class, with an input subset and asymmetric matchers', async () => {
    const id = kms.addStore({ CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-1a23b4cdefg' });
    const client = new KMSClient({});
    await client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await client.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(kms).toHaveReceivedKmsCall('ConnectCustomKeyStore');
    expect(kms).toHaveReceivedKmsCall(ConnectCustomKeyStoreCommand, { CustomKeyStoreId: id });
    expect(kms).toHaveReceivedKmsCall(DisconnectCustomKeyStoreCommand, {
      CustomKeyStoreId: expect.stringMatching(/^cks-/),
    });
    expect(kms).toHaveReceivedKmsCallTimes(ConnectCustomKeyStoreCommand, 1);
    expect(kms).not.toHaveReceivedKmsCall('ConnectCustomKeyStore', { CustomKeyStoreId: 'cks-11111111111111111' });
    expect(kms).not.toHaveReceivedKmsCall('DeleteCustomKeyStore');
  });

  it('count failed calls too, since the fake received them', async () => {
    const client = new KMSClient({});
    await expect(
      client.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: 'cks-11111111111111111' })),
    ).rejects.toThrow();
    expect(kms).toHaveReceivedKmsCallTimes('ConnectCustomKeyStore', 1, { CustomKeyStoreId: 'cks-11111111111111111' });
  });

  it('show the calls the fake did receive when they fail', async () => {
    const id = kms.addStore({ CustomKeyStoreName: 'hsm', CloudHsmClusterId: 'cluster-1a23b4cdefg' });
    await new KMSClient({}).send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    const message = failure(() =>
      expect(kms).toHaveReceivedKmsCall('ConnectCustomKeyStore', { CustomKeyStoreId: 'cks-other' }),
    );
    expect(message).toContain(
      'Expected the fake to have received ConnectCustomKeyStore with an input containing {"CustomKeyStoreId":"cks-other"}.',
    );
    expect(message).toContain(`1. ConnectCustomKeyStore {"CustomKeyStoreId":"${id}"} (succeeded)`);
    expect(failure(() => expect(kms).toHaveReceivedKmsCall('DeleteCustomKeyStore'))).toContain(
      'It received no DeleteCustomKeyStore call; it received ConnectCustomKeyStore ×1.',
    );
    expect(failure(() => expect(kms).toHaveReceivedKmsCallTimes('ConnectCustomKeyStore', 2))).toContain(
      '2 time(s), and it received it 1 time(s)',
    );
  });

  it('never print a secret, not even one the test itself wrote in the expected input', async () => {
    const input = cloudHsmInput({ KeyStorePassword: 'very-secret-pw1' });
    await new KMSClient({}).send(new CreateCustomKeyStoreCommand(input));
    const message = failure(() =>
      expect(kms).toHaveReceivedKmsCall('CreateCustomKeyStore', {
        KeyStorePassword: 'very-secret-pw1',
        CustomKeyStoreName: 'x',
      }),
    );
    expect(message).not.toContain('very-secret-pw1');
    expect(message).toContain('"KeyStorePassword":"**redacted**"');
  });

  it('say so when the fake received nothing at all', () => {
    expect(failure(() => expect(kms).toHaveReceivedKmsCall('ConnectCustomKeyStore'))).toContain(
      'It received no calls at all.',
    );
  });
});
