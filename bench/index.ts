/**
 * `npm run bench`: every performance figure of issue 13 in ONE markdown table. Each figure says how it was
 * measured (rounds, median, min–max); comparisons are ratios of two things measured side by side,
 * interleaved, in this one run, because a shared machine makes absolute times mean little. Nothing here
 * fails on a number: the table is for reading (the README's "Performance" section shows the latest one).
 *
 *   npm run bench               # a few minutes
 *   npm run bench -- --quick    # fewer rounds, smaller sizes
 *   npm run bench -- --only=per-call,scale
 *   npm run bench -- --only=keys,memory
 *
 * A section is a function from options to rows; add one to SECTIONS to add rows to the table.
 */
import { cpus, loadavg } from 'node:os';
import { coldStart } from './cold-start.js';
import { keys } from './keys.js';
import type { Row } from './lib/stats.js';
import { markdownTable } from './lib/table.js';
import { memory } from './memory.js';
import { type BenchOptions, parseOptions } from './options.js';
import { perCall } from './per-call.js';
import { scale } from './scale.js';
import { suiteOverhead } from './suite-overhead.js';

export type Section = (options: BenchOptions) => Promise<Row[]>;

/** In table order. Server mode (target 7) adds its section here. */
const SECTIONS: [name: string, section: Section][] = [
  ['per-call', perCall],
  ['scale', scale],
  ['keys', keys],
  ['memory', memory],
  ['cold-start', coldStart],
  ['suite', suiteOverhead],
];

async function main(): Promise<void> {
  // The SDK's once-per-process notice that it will need Node 22 is noise in the table's output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const options = parseOptions(process.argv.slice(2));
  const rows: Row[] = [];
  const started = Date.now();
  for (const [name, section] of SECTIONS) {
    if (options.only && !options.only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await section(options)));
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(markdownTable(rows));
  console.log(
    `\nNode ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1)}${options.quick ? ', --quick' : ''}; ${seconds} s. Ratios are candidate / baseline per round.`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
