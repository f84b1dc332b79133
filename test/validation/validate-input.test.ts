import { describe, expect, it } from 'vitest';
import { validateInput } from '../../src/validation/validate-input.js';
import { oneError, rejection, validWith } from './reject.js';
import { CUSTOM_KEY_STORE_OPERATIONS, VALID_INPUTS } from './valid-inputs.js';

const ID = 'cks-1234567890abcdef0';

describe('valid requests', () => {
  it.each(CUSTOM_KEY_STORE_OPERATIONS)('%s with every member set passes', (operation) => {
    expect(() => validateInput(operation, VALID_INPUTS[operation])).not.toThrow();
  });

  it('an empty DescribeCustomKeyStores passes, as does no body at all (undefined)', () => {
    expect(() => validateInput('DescribeCustomKeyStores', {})).not.toThrow();
    expect(() => validateInput('DescribeCustomKeyStores', undefined)).not.toThrow();
  });

  it('the boundaries themselves pass: Limit 1 and 1000, a 7- and a 32-character password', () => {
    for (const Limit of [1, 1000]) expect(() => validateInput('DescribeCustomKeyStores', { Limit })).not.toThrow();
    for (const KeyStorePassword of ['x'.repeat(7), 'x'.repeat(32)]) {
      expect(() => validateInput('UpdateCustomKeyStore', { CustomKeyStoreId: ID, KeyStorePassword })).not.toThrow();
    }
  });

  it('unknown members are ignored, whatever their type', () => {
    expect(() => validateInput('ConnectCustomKeyStore', { CustomKeyStoreId: ID, Bogus: { Limit: 'x' } })).not.toThrow();
  });

  it('a null member counts as absent', () => {
    expect(() => validateInput('DescribeCustomKeyStores', { Limit: null, Marker: null })).not.toThrow();
  });
});

describe('ranges', () => {
  it('reports a Limit below 1', () => {
    expect(rejection('DescribeCustomKeyStores', { Limit: 0 })).toEqual({
      code: 'ValidationException',
      httpStatus: 400,
      message: oneError(
        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    });
  });

  it('reports a Limit above 1000, and a negative one in plain decimal', () => {
    expect(rejection('DescribeCustomKeyStores', { Limit: 1001 }).message).toBe(
      oneError(
        "Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000",
      ),
    );
    expect(rejection('DescribeCustomKeyStores', { Limit: -5 }).message).toBe(
      oneError("Value '-5' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    );
    expect(rejection('DescribeCustomKeyStores', { Limit: 1e21 }).message).toBe(
      oneError(
        "Value '1000000000000000000000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000",
      ),
    );
  });
});

describe('lengths', () => {
  it('reports an empty CustomKeyStoreId on every operation that takes one', () => {
    const entry =
      "Value '' at 'customKeyStoreId' failed to satisfy constraint: Member must have length greater than or equal to 1";
    for (const operation of CUSTOM_KEY_STORE_OPERATIONS.filter((op) => op !== 'CreateCustomKeyStore')) {
      expect(rejection(operation, validWith(operation, { CustomKeyStoreId: '' })).message).toBe(oneError(entry));
    }
  });

  it('prints an over-long value in full', () => {
    const name = `store-${'n'.repeat(251)}`;
    expect(rejection('CreateCustomKeyStore', { CustomKeyStoreName: name }).message).toBe(
      oneError(
        `Value '${name}' at 'customKeyStoreName' failed to satisfy constraint: Member must have length less than or equal to 256`,
      ),
    );
  });

  it('counts UTF-16 units, as Java does: 128 emoji are 256 units, 129 are too many', () => {
    expect(() => validateInput('CreateCustomKeyStore', { CustomKeyStoreName: '🔑'.repeat(128) })).not.toThrow();
    expect(rejection('CreateCustomKeyStore', { CustomKeyStoreName: '🔑'.repeat(129) }).message).toContain(
      'Member must have length less than or equal to 256',
    );
  });

  it('reports an empty and an over-long Marker', () => {
    expect(rejection('DescribeCustomKeyStores', { Marker: '' }).message).toBe(
      oneError("Value '' at 'marker' failed to satisfy constraint: Member must have length greater than or equal to 1"),
    );
    const marker = 'm'.repeat(1025);
    expect(rejection('DescribeCustomKeyStores', { Marker: marker }).message).toBe(
      oneError(
        `Value '${marker}' at 'marker' failed to satisfy constraint: Member must have length less than or equal to 1024`,
      ),
    );
  });

  it('reports an empty new name on Update', () => {
    expect(rejection('UpdateCustomKeyStore', { CustomKeyStoreId: ID, NewCustomKeyStoreName: '' }).message).toBe(
      oneError(
        "Value '' at 'newCustomKeyStoreName' failed to satisfy constraint: Member must have length greater than or equal to 1",
      ),
    );
  });
});

describe('patterns', () => {
  it('quotes the model pattern verbatim, unanchored as botocore has it', () => {
    expect(
      rejection(
        'CreateCustomKeyStore',
        validWith('CreateCustomKeyStore', { CloudHsmClusterId: 'cluster-0123456789ab' }),
      ).message,
    ).toBe(
      oneError(
        "Value 'cluster-0123456789ab' at 'cloudHsmClusterId' failed to satisfy constraint: Member must satisfy regular expression pattern: cluster-[2-7a-zA-Z]{11,16}",
      ),
    );
  });

  it('matches the whole value even when the model pattern is unanchored', () => {
    const entry = (v: string) =>
      `Value '${v}' at 'cloudHsmClusterId' failed to satisfy constraint: Member must satisfy regular expression pattern: cluster-[2-7a-zA-Z]{11,16}`;
    expect(
      rejection('UpdateCustomKeyStore', { CustomKeyStoreId: ID, CloudHsmClusterId: 'xcluster-abcdefghijk' }).message,
    ).toBe(oneError(entry('xcluster-abcdefghijk')));
  });

  it('reports a too-short cluster id twice: length first, then pattern', () => {
    expect(rejection('CreateCustomKeyStore', { CustomKeyStoreName: 's', CloudHsmClusterId: 'cluster-1' }).message).toBe(
      '2 validation errors detected: ' +
        "Value 'cluster-1' at 'cloudHsmClusterId' failed to satisfy constraint: Member must have length greater than or equal to 19; " +
        "Value 'cluster-1' at 'cloudHsmClusterId' failed to satisfy constraint: Member must satisfy regular expression pattern: cluster-[2-7a-zA-Z]{11,16}",
    );
  });

  it('reports an http endpoint, a path without /kms/xks/v1, and a foreign VPC endpoint service', () => {
    const message = rejection('UpdateCustomKeyStore', {
      CustomKeyStoreId: ID,
      XksProxyUriEndpoint: 'http://proxy.example.com',
      XksProxyUriPath: '/prefix/kms/xks/v123',
      XksProxyVpcEndpointServiceName: 'org.amazonaws.vpce.us-east-1.vpce-svc-1',
    }).message;
    expect(message).toBe(
      '3 validation errors detected: ' +
        "Value 'http://proxy.example.com' at 'xksProxyUriEndpoint' failed to satisfy constraint: Member must satisfy regular expression pattern: ^https://[a-zA-Z0-9.-]+$; " +
        "Value '/prefix/kms/xks/v123' at 'xksProxyUriPath' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$; " +
        "Value 'org.amazonaws.vpce.us-east-1.vpce-svc-1' at 'xksProxyVpcEndpointServiceName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(com|eu)\\.amazonaws\\.vpce\\.([a-z]+-){2,3}\\d+\\.vpce-svc-[0-9a-z]+$",
    );
  });

  it('checks the Marker against Latin-1 and prints the pattern with its \\u escapes as the model spells them', () => {
    expect(rejection('DescribeCustomKeyStores', { Marker: 'page-Ā' }).message).toBe(
      oneError(
        "Value 'page-Ā' at 'marker' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0020-\\u00FF]*",
      ),
    );
    expect(() => validateInput('DescribeCustomKeyStores', { Marker: 'page ÿ~' })).not.toThrow();
  });

  it('requires the account id of the endpoint service owner to be 12 digits', () => {
    expect(
      rejection('UpdateCustomKeyStore', { CustomKeyStoreId: ID, XksProxyVpcEndpointServiceOwner: '11112222333a' })
        .message,
    ).toBe(
      oneError(
        "Value '11112222333a' at 'xksProxyVpcEndpointServiceOwner' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]{12}",
      ),
    );
  });
});

describe('enums', () => {
  it('lists the allowed CustomKeyStoreType values', () => {
    expect(
      rejection('CreateCustomKeyStore', { CustomKeyStoreName: 's', CustomKeyStoreType: 'aws_cloudhsm' }).message,
    ).toBe(
      oneError(
        "Value 'aws_cloudhsm' at 'customKeyStoreType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_CLOUDHSM, EXTERNAL_KEY_STORE]",
      ),
    );
  });

  it('lists the allowed XksProxyConnectivity values', () => {
    expect(rejection('UpdateCustomKeyStore', { CustomKeyStoreId: ID, XksProxyConnectivity: 'PRIVATE' }).message).toBe(
      oneError(
        "Value 'PRIVATE' at 'xksProxyConnectivity' failed to satisfy constraint: Member must satisfy enum value set: [PUBLIC_ENDPOINT, VPC_ENDPOINT_SERVICE]",
      ),
    );
  });

  it('uses the order real KMS was seen to use for MacAlgorithm', () => {
    expect(rejection('GenerateMac', { KeyId: 'k', Message: 'AAAA', MacAlgorithm: 'INVALID' }).message).toBe(
      oneError(
        "Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
      ),
    );
  });
});
