#!/usr/bin/env node
import { startKmsServer } from '../adapters/http/kms-server.js';
import { isFakeKmsUsageError } from '../errors/kms-error.js';
import { parseServeArgs, USAGE } from './parse-serve-args.js';

/** `fake-kms serve …`: start the HTTP endpoint, print where it listens, stop cleanly on SIGINT or SIGTERM. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'serve') {
    process.stderr.write(`fake-kms: unknown command "${command}".\n\n${USAGE}\n`);
    return 1;
  }
  const options = parseServeArgs(rest);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const server = await startKmsServer(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new Error(
        `port ${options.port ?? 4599} is in use: choose another with --port, or --port 0 for a free one.`,
      );
    }
    throw error;
  });
  // The one line CI scripts wait for; nothing else goes to stdout.
  process.stdout.write(`fake-kms listening on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = isFakeKmsUsageError(error) || error instanceof Error ? error.message : String(error);
    process.stderr.write(`fake-kms: ${message}\n`);
    process.exitCode = 1;
  },
);
