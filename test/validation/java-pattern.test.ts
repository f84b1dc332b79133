import { describe, expect, it } from 'vitest';
import { KMS_SHAPES } from '../../src/model/kms-model.generated.js';
import { compileJavaPattern, matchesJavaPattern } from '../../src/validation/java-pattern.js';

const modelPatterns = [
  ...new Set(Object.values(KMS_SHAPES).flatMap((s) => (s.pattern === undefined ? [] : [s.pattern]))),
];

describe('Java patterns of the KMS model', () => {
  it('all compile to JavaScript', () => {
    expect(modelPatterns.length).toBeGreaterThan(10);
    for (const pattern of modelPatterns) expect(compileJavaPattern(pattern)).toBeInstanceOf(RegExp);
  });

  it('are compiled once and reused', () => {
    expect(compileJavaPattern('[0-9]{12}')).toBe(compileJavaPattern('[0-9]{12}'));
  });

  it('must match the whole value, anchored or not', () => {
    expect(matchesJavaPattern('cluster-[2-7a-zA-Z]{11,16}', 'cluster-abcdefghijk')).toBe(true);
    expect(matchesJavaPattern('cluster-[2-7a-zA-Z]{11,16}', 'my-cluster-abcdefghijk')).toBe(false);
    expect(matchesJavaPattern('cluster-[2-7a-zA-Z]{11,16}', 'cluster-abcdefghijk-2')).toBe(false);
    expect(matchesJavaPattern('[0-9]{12}', '111122223333')).toBe(true);
    expect(matchesJavaPattern('[0-9]{12}', '1111222233334')).toBe(false);
  });

  it('keep each alternative of an alternation whole-value', () => {
    const path = '^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$';
    expect(matchesJavaPattern(path, '/kms/xks/v1')).toBe(true);
    expect(matchesJavaPattern(path, '/a/b_c-d/kms/xks/v12')).toBe(true);
    expect(matchesJavaPattern(path, '/kms/xks/v1/extra')).toBe(false);
    expect(matchesJavaPattern(path, 'kms/xks/v1')).toBe(false);
  });

  it('read \\uXXXX escapes as Java does', () => {
    expect(matchesJavaPattern('[\\u0020-\\u00FF]*', 'plain ascii ~ and latin-1 ÿ')).toBe(true);
    expect(matchesJavaPattern('[\\u0020-\\u00FF]*', 'tab\there')).toBe(false);
    expect(matchesJavaPattern('[\\u0020-\\u00FF]*', 'Ā')).toBe(false);
    expect(matchesJavaPattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+', '{\n\t"Version": "2012-10-17"\r\n}')).toBe(
      true,
    );
  });

  it('treat a dash after a range as a literal, as Java does', () => {
    expect(matchesJavaPattern('^[a-zA-Z0-9-_.]+$', 'key-1_a.b')).toBe(true);
    expect(matchesJavaPattern('^[a-zA-Z0-9-_.]+$', 'key/1')).toBe(false);
  });

  it('use Java meanings for \\s and .', () => {
    expect(matchesJavaPattern('^[a-zA-Z0-9:/_\\s.-]+$', 'material 1\tv2')).toBe(true);
    expect(matchesJavaPattern('^[a-zA-Z0-9:/_\\s.-]+$', 'no\u00A0break')).toBe(false);
    expect(matchesJavaPattern('a\\sb', 'a\u2003b')).toBe(false);
    expect(matchesJavaPattern('a.b', 'a\u0085b')).toBe(false);
    expect(matchesJavaPattern('a.b', 'a-b')).toBe(true);
  });

  it('accept identity escapes of punctuation that JavaScript unicode mode rejects', () => {
    expect(matchesJavaPattern('a\\@b\\=c', 'a@b=c')).toBe(true);
  });

  it('refuse constructs with no faithful JavaScript equivalent instead of guessing', () => {
    expect(() => compileJavaPattern('a*+')).toThrow(/possessive/);
    expect(() => compileJavaPattern('(?i)abc')).toThrow(/inline flag/);
    expect(() => compileJavaPattern('[a-z&&[^e]]')).toThrow(/nested character class|intersection/);
  });
});
