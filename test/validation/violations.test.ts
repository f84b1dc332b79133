import { describe, expect, it } from 'vitest';
import { isFakeKmsUsageError } from '../../src/errors/kms-error.js';
import { validateInput } from '../../src/validation/validate-input.js';
import { oneError, rejection } from './reject.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from './valid-inputs.js';

const ID = 'cks-1234567890abcdef0';

describe('required members', () => {
  it('reports a missing CustomKeyStoreName on Create', () => {
    expect(rejection('CreateCustomKeyStore', {}).message).toBe(
      oneError("Value null at 'customKeyStoreName' failed to satisfy constraint: Member must not be null"),
    );
  });

  it('reports a missing or null CustomKeyStoreId on Connect, Disconnect, Update and Delete', () => {
    const entry = oneError("Value null at 'customKeyStoreId' failed to satisfy constraint: Member must not be null");
    for (const operation of [
      'ConnectCustomKeyStore',
      'DisconnectCustomKeyStore',
      'UpdateCustomKeyStore',
      'DeleteCustomKeyStore',
    ]) {
      expect(rejection(operation, {}).message).toBe(entry);
      expect(rejection(operation, { CustomKeyStoreId: null }).message).toBe(entry);
    }
  });

  it('needs both halves of the proxy credential, with dotted lowerCamel paths', () => {
    expect(
      rejection('UpdateCustomKeyStore', { CustomKeyStoreId: ID, XksProxyAuthenticationCredential: {} }).message,
    ).toBe(
      '2 validation errors detected: ' +
        "Value null at 'xksProxyAuthenticationCredential.accessKeyId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'xksProxyAuthenticationCredential.rawSecretAccessKey' failed to satisfy constraint: Member must not be null",
    );
    expect(
      rejection('CreateCustomKeyStore', {
        CustomKeyStoreName: 's',
        XksProxyAuthenticationCredential: { AccessKeyId: ACCESS_KEY_ID },
      }).message,
    ).toBe(
      oneError(
        "Value null at 'xksProxyAuthenticationCredential.rawSecretAccessKey' failed to satisfy constraint: Member must not be null",
      ),
    );
  });
});

describe('sensitive members', () => {
  it('omits the password from the message', () => {
    expect(rejection('CreateCustomKeyStore', { CustomKeyStoreName: 's', KeyStorePassword: 'hunter' }).message).toBe(
      oneError(
        "Value at 'keyStorePassword' failed to satisfy constraint: Member must have length greater than or equal to 7",
      ),
    );
    expect(rejection('UpdateCustomKeyStore', { CustomKeyStoreId: ID, KeyStorePassword: 'p'.repeat(33) }).message).toBe(
      oneError(
        "Value at 'keyStorePassword' failed to satisfy constraint: Member must have length less than or equal to 32",
      ),
    );
  });

  it('omits the access key id and the secret, for length and for pattern', () => {
    const accessKeyId = 'lowercase-is-not-base32';
    const secret = 'not a secret? yes it is, and it is long enough to pass length';
    expect(
      rejection('UpdateCustomKeyStore', {
        CustomKeyStoreId: ID,
        XksProxyAuthenticationCredential: { AccessKeyId: accessKeyId, RawSecretAccessKey: secret },
      }).message,
    ).toBe(
      '2 validation errors detected: ' +
        "Value at 'xksProxyAuthenticationCredential.accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Z2-7]+$; " +
        "Value at 'xksProxyAuthenticationCredential.rawSecretAccessKey' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9\\/+=]+$",
    );
  });

  it('never prints any of the three secrets, whatever is wrong with them', () => {
    const badValues = ['', '#', 'Z'.repeat(65), `${SECRET_ACCESS_KEY}${SECRET_ACCESS_KEY}`, 'ÄÖÜ äöü '.repeat(9)];
    for (const bad of badValues) {
      const inputs = [
        { CustomKeyStoreId: ID, KeyStorePassword: bad },
        {
          CustomKeyStoreId: ID,
          XksProxyAuthenticationCredential: { AccessKeyId: bad, RawSecretAccessKey: SECRET_ACCESS_KEY },
        },
        {
          CustomKeyStoreId: ID,
          XksProxyAuthenticationCredential: { AccessKeyId: ACCESS_KEY_ID, RawSecretAccessKey: bad },
        },
      ];
      for (const input of inputs) {
        const { message } = rejection('UpdateCustomKeyStore', input);
        const entries = message.replace(/^\d+ validation errors? detected: /, '').split('; ');
        expect(entries.every((entry) => entry.startsWith("Value at '"))).toBe(true);
        if (bad !== '') expect(message).not.toContain(bad);
      }
    }
  });
});

describe('several violations', () => {
  it('lists them in model member order, not in the order of the request body', () => {
    const input = { Marker: '', Limit: 0, CustomKeyStoreName: '', CustomKeyStoreId: '' };
    expect(rejection('DescribeCustomKeyStores', input).message).toBe(
      '4 validation errors detected: ' +
        "Value '' at 'customKeyStoreId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'customKeyStoreName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '' at 'marker' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('walks into the credential where the model puts it, between the VPC owner and the connectivity', () => {
    const message = rejection('CreateCustomKeyStore', {
      XksProxyConnectivity: 'NONE',
      XksProxyAuthenticationCredential: { RawSecretAccessKey: SECRET_ACCESS_KEY },
      XksProxyVpcEndpointServiceOwner: '1',
    }).message;
    expect(message).toBe(
      '5 validation errors detected: ' +
        "Value null at 'customKeyStoreName' failed to satisfy constraint: Member must not be null; " +
        "Value '1' at 'xksProxyVpcEndpointServiceOwner' failed to satisfy constraint: Member must have length greater than or equal to 12; " +
        "Value '1' at 'xksProxyVpcEndpointServiceOwner' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]{12}; " +
        "Value null at 'xksProxyAuthenticationCredential.accessKeyId' failed to satisfy constraint: Member must not be null; " +
        "Value 'NONE' at 'xksProxyConnectivity' failed to satisfy constraint: Member must satisfy enum value set: [PUBLIC_ENDPOINT, VPC_ENDPOINT_SERVICE]",
    );
  });
});

describe('lists', () => {
  it('names list items by 1-based index and .member, down to the nested member', () => {
    expect(
      rejection('TagResource', {
        KeyId: 'k',
        Tags: [{ TagKey: 'fine', TagValue: 'v' }, { TagKey: '', TagValue: 'v' }, { TagKey: 'no-value' }],
      }).message,
    ).toBe(
      '2 validation errors detected: ' +
        "Value '' at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'tags.3.member.tagValue' failed to satisfy constraint: Member must not be null",
    );
  });

  it('counts list entries for a list length and prints the list as Java does', () => {
    const tokens = Array.from({ length: 11 }, (_, i) => `t${i}`);
    expect(rejection('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: tokens }).message).toBe(
      oneError(
        `Value '[${tokens.join(', ')}]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10`,
      ),
    );
  });
});

describe('blobs', () => {
  it('counts decoded bytes and prints a non-sensitive blob as a Java ByteBuffer', () => {
    expect(rejection('Decrypt', { CiphertextBlob: '' }).message).toBe(
      oneError(
        "Value 'java.nio.HeapByteBuffer[pos=0 lim=0 cap=0]' at 'ciphertextBlob' failed to satisfy constraint: Member must have length greater than or equal to 1",
      ),
    );
  });

  it('hides a sensitive blob', () => {
    const plaintext = Buffer.alloc(4097).toString('base64');
    expect(rejection('Encrypt', { KeyId: 'k', Plaintext: plaintext }).message).toBe(
      oneError("Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096"),
    );
    expect(() =>
      validateInput('Encrypt', { KeyId: 'k', Plaintext: Buffer.alloc(4096).toString('base64') }),
    ).not.toThrow();
  });
});

describe('misuse', () => {
  it('refuses an operation that is not in the KMS model, as a fake-usage error', () => {
    let caught: unknown;
    try {
      validateInput('CreateKeyStore', {});
    } catch (error) {
      caught = error;
    }
    expect(isFakeKmsUsageError(caught)).toBe(true);
    expect((caught as Error).message).toContain('"CreateKeyStore" is not an operation of the KMS API model');
  });
});
