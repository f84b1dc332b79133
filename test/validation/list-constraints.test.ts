import { describe, expect, it } from 'vitest';
import { KMS_OPERATIONS, KMS_SHAPES } from '../../src/model/kms-model.generated.js';
import { listConstraints } from '../../src/validation/list-constraints.js';

const summary = (operation: string) =>
  listConstraints(operation).map((c) => `${c.path} ${c.kind}${c.limit === undefined ? '' : ` ${c.limit}`}`);

describe('listConstraints', () => {
  it('lists DescribeCustomKeyStores in model order', () => {
    expect(summary('DescribeCustomKeyStores')).toEqual([
      'customKeyStoreId type',
      'customKeyStoreId min 1',
      'customKeyStoreId max 64',
      'customKeyStoreName type',
      'customKeyStoreName min 1',
      'customKeyStoreName max 256',
      'limit type',
      'limit range-min 1',
      'limit range-max 1000',
      'marker type',
      'marker min 1',
      'marker max 1024',
      'marker pattern',
    ]);
  });

  it('walks into the proxy credential and marks its members sensitive', () => {
    const credential = listConstraints('CreateCustomKeyStore').filter((c) =>
      c.path.startsWith('xksProxyAuthenticationCredential.'),
    );
    expect(credential.map((c) => `${c.path} ${c.kind}`)).toEqual([
      'xksProxyAuthenticationCredential.accessKeyId type',
      'xksProxyAuthenticationCredential.accessKeyId required',
      'xksProxyAuthenticationCredential.accessKeyId min',
      'xksProxyAuthenticationCredential.accessKeyId max',
      'xksProxyAuthenticationCredential.accessKeyId pattern',
      'xksProxyAuthenticationCredential.rawSecretAccessKey type',
      'xksProxyAuthenticationCredential.rawSecretAccessKey required',
      'xksProxyAuthenticationCredential.rawSecretAccessKey min',
      'xksProxyAuthenticationCredential.rawSecretAccessKey max',
      'xksProxyAuthenticationCredential.rawSecretAccessKey pattern',
    ]);
    expect(credential.every((c) => c.sensitive)).toBe(true);
    expect(credential[0]?.location).toEqual(['XksProxyAuthenticationCredential', 'AccessKeyId']);
  });

  it('describes list items as item 1, with a 0-based location', () => {
    const tagKeyMin = listConstraints('TagResource').find((c) => c.path === 'tags.1.member.tagKey' && c.kind === 'min');
    expect(tagKeyMin).toMatchObject({ location: ['Tags', 0, 'TagKey'], limit: 1, shape: 'TagKeyType', type: 'string' });
  });

  it('carries the pattern verbatim and enum values in message order', () => {
    const create = listConstraints('CreateCustomKeyStore');
    expect(create.find((c) => c.kind === 'pattern' && c.path === 'cloudHsmClusterId')?.pattern).toBe(
      'cluster-[2-7a-zA-Z]{11,16}',
    );
    expect(create.find((c) => c.kind === 'enum')?.enumValues).toEqual(['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE']);
    expect(listConstraints('GenerateMac').find((c) => c.kind === 'enum')?.enumValues).toEqual([
      'HMAC_SHA_384',
      'HMAC_SHA_256',
      'HMAC_SHA_224',
      'HMAC_SHA_512',
    ]);
  });

  it('leaves out a length minimum of 0, which nothing can break', () => {
    expect(listConstraints('CreateKey').some((c) => c.path === 'description' && c.kind === 'min')).toBe(false);
  });

  it('works for every operation of the model', () => {
    for (const operation of KMS_OPERATIONS) expect(() => listConstraints(operation)).not.toThrow();
  });

  it('has nothing to miss inside maps: no map of the model constrains its keys or values', () => {
    // listConstraints does not descend into maps; this fails if a model update starts to need it.
    for (const shape of Object.values(KMS_SHAPES).filter((s) => s.type === 'map')) {
      for (const part of [shape.key, shape.value]) {
        const target = KMS_SHAPES[part as string];
        expect(target).toMatchObject({ type: 'string' });
        expect([target?.min, target?.max, target?.pattern, target?.enum]).toEqual([
          undefined,
          undefined,
          undefined,
          undefined,
        ]);
      }
    }
  });
});
