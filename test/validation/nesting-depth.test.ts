import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';

/** A Describe body whose unmodelled `Extra` member holds arrays nested `depth` deep in total (the body is one level). */
function nested(depth: number, padding = ''): string {
  return `{"Padding":"${padding}","Extra":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

async function errorOf(body: string): Promise<string> {
  const fake = createKmsFake();
  const { response } = await fake.requestHandler.handle({
    headers: { 'x-amz-target': 'TrentService.DescribeCustomKeyStores' },
    body,
  });
  return JSON.parse(new TextDecoder().decode(response.body)).__type ?? String(response.statusCode);
}

describe('request nesting depth', () => {
  it('refuses a body nested 1,001 levels deep as a SerializationException', async () => {
    expect(await errorOf(nested(1_001))).toBe('SerializationException');
  });

  it('reads a body nested 1,000 levels deep (an unmodelled member is ignored)', async () => {
    expect(await errorOf(nested(1_000))).toBe('200');
  });

  it('is not fooled by brackets inside strings, however many', async () => {
    expect(await errorOf(nested(3, '['.repeat(5_000)))).toBe('200');
  });
});
