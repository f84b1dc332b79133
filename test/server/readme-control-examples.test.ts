import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raw, useServer } from './server-support.js';

const server = useServer();

/** The curl lines of the README's control API example, as method, path and body. */
function readmeCurls(): Array<{ line: string; method: string; path: string; body?: string }> {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const block = /```sh\n(URL=[^\n]*\n(?:curl[^\n]*\n)+)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.startsWith('curl'))
    .map((line) => {
      const command = line.replace(/\s+#.*$/, '');
      const url = /"?\$URL(\/[^\s"]*)"?/.exec(command)?.[1] ?? '';
      return {
        line,
        method: /-X (\w+)/.exec(command)?.[1] ?? 'GET',
        path: url,
        body: /-d '([^']*)'/.exec(command)?.[1],
      };
    });
}

describe('the README control API examples', { timeout: 30_000 }, () => {
  it('are all there, and each one is answered with 200', async () => {
    const curls = readmeCurls();
    expect(curls.length).toBeGreaterThanOrEqual(9);
    for (const curl of curls) {
      const res = await raw(server().url, { method: curl.method, path: curl.path, body: curl.body });
      expect(res.status, `${curl.line}\n${res.body}`).toBe(200);
    }
    expect(server().fake.journal).toEqual([]); // the last example resets
  });
});
