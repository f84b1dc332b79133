#!/usr/bin/env node

// Runs after tsup (npm run build) for what tsup cannot do itself:
//
// 1. dist/vitest.d.ts augments vitest's `Assertion` with the fake-kms matchers, but Vitest declares
//    `Assertion` in @vitest/expect and `vitest` only re-exports it: TypeScript merges the augmentation into
//    that re-export only if `vitest` is already loaded when it reads the augmentation, so a test file that
//    imports fake-kms/vitest before vitest would lose the matchers (TS2339). The declaration bundler drops
//    the source's imports from vitest (no type from them survives); this puts one back, at the top.
// 2. The CommonJS build bundles faker's English locale (see tsup.config.ts); its MIT licence must ship
//    with it.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const IMPORT = "import 'vitest';\n";
for (const file of ['vitest.d.ts', 'vitest.d.cts']) {
  const path = join(dist, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes("declare module 'vitest'")) throw new Error(`${path} no longer augments vitest`);
  if (!text.startsWith(IMPORT)) writeFileSync(path, IMPORT + text);
}

const fakerDir = dirname(createRequire(join(root, 'package.json')).resolve('@faker-js/faker/package.json'));
const faker = JSON.parse(readFileSync(join(fakerDir, 'package.json'), 'utf8'));
writeFileSync(
  join(dist, 'THIRD-PARTY-NOTICES.md'),
  `# Third-party notices\n\nThe CommonJS build of \`fake-kms/fixtures\` (\`fixtures.cjs\`) includes code from ${faker.name} ${faker.version} (${faker.license}, ${faker.homepage}), under this licence:\n\n\`\`\`text\n${readFileSync(join(fakerDir, 'LICENSE'), 'utf8').trim()}\n\`\`\`\n`,
);
