import { describe, expect, it } from 'vitest';
import { validateInput } from '../../src/validation/validate-input.js';
import { rejection } from './reject.js';
import { SECRET_ACCESS_KEY } from './valid-inputs.js';

const ID = 'cks-1234567890abcdef0';
const serialization = (message: string) => ({ code: 'SerializationException', httpStatus: 400, message });

describe('a body that is not a JSON object', () => {
  it('is a SerializationException, whatever it is instead', () => {
    expect(rejection('ConnectCustomKeyStore', [])).toEqual(
      serialization('Unrecognized collection type class com.amazonaws.kms.ConnectCustomKeyStoreRequest'),
    );
    for (const body of ['cks-1', 42, true, null]) {
      expect(rejection('ConnectCustomKeyStore', body)).toEqual(serialization('Unexpected field type'));
    }
  });
});

describe('a string member', () => {
  it.each([
    [42, 'NUMBER_VALUE cannot be converted to String'],
    [4.2, 'DECIMAL_VALUE cannot be converted to String'],
    [true, 'TRUE_VALUE cannot be converted to String'],
    [false, 'FALSE_VALUE cannot be converted to String'],
    [['a'], 'Unrecognized collection type class java.lang.String'],
    [{ Name: 'a' }, 'Start of structure or map found where not expected'],
  ])('given %j is rejected with "%s"', (value, message) => {
    expect(rejection('CreateCustomKeyStore', { CustomKeyStoreName: value })).toEqual(serialization(message));
  });

  it('an enum member is a string too', () => {
    expect(rejection('CreateCustomKeyStore', { CustomKeyStoreName: 's', CustomKeyStoreType: 1 })).toEqual(
      serialization('NUMBER_VALUE cannot be converted to String'),
    );
  });
});

describe('an integer member (Limit)', () => {
  it.each([
    ['5', 'STRING_VALUE cannot be converted to Integer'],
    [5.5, 'DECIMAL_VALUE cannot be converted to Integer'],
    [true, 'TRUE_VALUE cannot be converted to Integer'],
    [false, 'FALSE_VALUE cannot be converted to Integer'],
    [[5], 'Unrecognized collection type class java.lang.Integer'],
    [{}, 'Start of structure or map found where not expected'],
  ])('given %j is rejected with "%s"', (value, message) => {
    expect(rejection('DescribeCustomKeyStores', { Limit: value })).toEqual(serialization(message));
  });

  it('accepts a whole number written with a fraction, as JSON has no separate integer type', () => {
    expect(() => validateInput('DescribeCustomKeyStores', JSON.parse('{"Limit": 5.0}'))).not.toThrow();
  });
});

describe('a structure member (the proxy credential)', () => {
  it.each([
    ['key', 'Unexpected field type'],
    [7, 'Unexpected field type'],
    [[], 'Unrecognized collection type class com.amazonaws.kms.XksProxyAuthenticationCredentialType'],
  ])('given %j is rejected with "%s"', (value, message) => {
    expect(
      rejection('UpdateCustomKeyStore', { CustomKeyStoreId: ID, XksProxyAuthenticationCredential: value }),
    ).toEqual(serialization(message));
  });

  it('has its own members type-checked, without printing the secret', () => {
    const credential = { AccessKeyId: 12345, RawSecretAccessKey: SECRET_ACCESS_KEY };
    const { message } = rejection('UpdateCustomKeyStore', {
      CustomKeyStoreId: ID,
      XksProxyAuthenticationCredential: credential,
    });
    expect(message).toBe('NUMBER_VALUE cannot be converted to String');
  });
});

describe('boolean, blob and list members (other operations)', () => {
  it('rejects a string or a number for a boolean', () => {
    expect(rejection('CreateKey', { BypassPolicyLockoutSafetyCheck: 'true' })).toEqual(
      serialization('Unexpected token received from parser'),
    );
    expect(rejection('CreateKey', { MultiRegion: 1 })).toEqual(
      serialization('NUMBER_VALUE cannot be converted to Boolean'),
    );
  });

  it('rejects a blob that is not base64 text', () => {
    expect(rejection('Decrypt', { CiphertextBlob: 12 })).toEqual(
      serialization('only base-64-encoded strings are convertible to bytes'),
    );
    expect(rejection('Decrypt', { CiphertextBlob: 'abcde' })).toEqual(
      serialization('Base64 encoded length is expected a multiple of 4 bytes but found: 5'),
    );
    expect(rejection('Decrypt', { CiphertextBlob: '=+/=' })).toEqual(
      serialization('Invalid last non-pad Base64 character dectected'),
    );
  });

  it('rejects a scalar or an object for a list, and a wrong item inside one', () => {
    expect(rejection('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: 'token' })).toEqual(
      serialization('Unexpected field type'),
    );
    expect(rejection('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: {} })).toEqual(
      serialization('Start of structure or map found where not expected'),
    );
    expect(rejection('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', GrantTokens: ['ok', 7] })).toEqual(
      serialization('NUMBER_VALUE cannot be converted to String'),
    );
  });

  it('rejects an array for a map and a non-string map value', () => {
    expect(rejection('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', EncryptionContext: [] })).toEqual(
      serialization('Unrecognized collection type java.util.Map<java.lang.String, java.lang.String>'),
    );
    expect(rejection('Encrypt', { KeyId: 'k', Plaintext: 'AAAA', EncryptionContext: { purpose: true } })).toEqual(
      serialization('TRUE_VALUE cannot be converted to String'),
    );
  });
});

describe('order of checks', () => {
  it('reports the first wrong type in document order', () => {
    expect(rejection('DescribeCustomKeyStores', { Marker: 1, Limit: 'x' }).message).toBe(
      'NUMBER_VALUE cannot be converted to String',
    );
    expect(rejection('DescribeCustomKeyStores', { Limit: 'x', Marker: 1 }).message).toBe(
      'STRING_VALUE cannot be converted to Integer',
    );
  });

  it('a wrong type wins over constraint violations elsewhere in the request', () => {
    expect(rejection('DescribeCustomKeyStores', { CustomKeyStoreId: '', Limit: '0' }).code).toBe(
      'SerializationException',
    );
  });

  it('ignores unknown members, and a null in place of a known one', () => {
    expect(() =>
      validateInput('DescribeCustomKeyStores', { limit: 'lowercase is unknown', Limit: null }),
    ).not.toThrow();
  });
});
