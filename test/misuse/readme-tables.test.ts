import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KmsFake } from '../../src/index.js';
import { KNOWN_OPTIONS } from '../../src/usage/options.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = (title: string) => {
  const start = readme.indexOf(`## ${title}`);
  return readme.slice(start, readme.indexOf('\n## ', start + 3));
};

describe('the README documents every door into the fake', () => {
  it('every option of createKmsFake has a row in the options table', () => {
    const options = section('Options: `createKmsFake(options)`');
    for (const option of KNOWN_OPTIONS) expect(options).toContain(`\`${option}\``);
  });

  it('every public method of the fake is in the control table or the wiring table, with what it accepts', () => {
    const tables = section('Controlling the fake') + section('Three ways to wire the fake');
    // TypeScript-private helpers are on the prototype too; they are not doors.
    const notDoors = new Set(['constructor', 'toJSON', 'inject']);
    const methods = Object.getOwnPropertyNames(KmsFake.prototype).filter((name) => !notDoors.has(name));
    for (const method of methods) expect(tables, method).toMatch(new RegExp(`fake\\.${method}\\b`));
  });
});
