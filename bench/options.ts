/** Command-line options of `npm run bench`. */
export interface BenchOptions {
  /** Fewer rounds and smaller sizes: a smoke run in well under a minute or two. */
  quick: boolean;
  /** Run only these sections (by name), e.g. `--only=per-call,scale`. */
  only?: readonly string[];
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  return { quick: argv.includes('--quick'), only: only ? only.split(',') : undefined };
}
