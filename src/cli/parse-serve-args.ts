import { parseArgs } from 'node:util';
import type { KmsServerOptions } from '../adapters/http/kms-server.js';
import type { AccessKey } from '../adapters/http/signature-check.js';
import { FakeKmsUsageError } from '../errors/kms-error.js';

export const USAGE = `Usage: fake-kms serve [options]

Serve an in-memory AWS KMS (custom key stores) over HTTP, for the AWS CLI, boto3 and every other SDK.

Options:
  --host HOST                   address to listen on (default 127.0.0.1; anything else must be asked for)
  --port PORT                   port (default 4599; 0 picks a free one)
  --seed N                      make ids and generated data reproducible
  --scenario NAME|FILE          start from a shipped scenario (e.g. example-key-store) or a scenario JSON file
  --account ID                  the account of requests signed with any other access key (default 111122223333)
  --region NAME                 the Region of requests that name none (default us-east-1)
  --quota N                     custom key stores per account and Region (default 10, as on AWS)
  --verify-signature KEY:SECRET[:ACCOUNT]
                                check SigV4 signatures; accept only these access keys (repeatable)
  -h, --help                    show this help

On start it prints "fake-kms listening on http://HOST:PORT"; SIGINT or SIGTERM stop it.
The control API is under /_fake-kms/ (see the README).`;

/** `fake-kms serve …` as server options. Bad arguments throw a `FakeKmsUsageError` saying what to write instead. */
export function parseServeArgs(args: string[]): KmsServerOptions & { help?: boolean } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new FakeKmsUsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  const options: KmsServerOptions = {};
  if (values.host !== undefined) options.host = values.host;
  if (values.port !== undefined) options.port = port(values.port);
  if (values.seed !== undefined) options.seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  if (values.scenario !== undefined) options.scenario = values.scenario;
  if (values.account !== undefined) options.account = values.account;
  if (values.region !== undefined) options.region = values.region;
  if (values.quota !== undefined) options.quota = quota(values.quota);
  if (values['verify-signature'] !== undefined) options.verifySignature = values['verify-signature'].map(accessKey);
  return options;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      scenario: { type: 'string' },
      account: { type: 'string' },
      region: { type: 'string' },
      quota: { type: 'string' },
      'verify-signature': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new FakeKmsUsageError(`--port must be 0–65535, got "${value}".`);
  return n;
}

function quota(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new FakeKmsUsageError(`--quota must be a whole number of at least 1, got "${value}".`);
  }
  return n;
}

function accessKey(value: string): AccessKey {
  const [accessKeyId, secretAccessKey, account, ...rest] = value.split(':');
  if (!accessKeyId || !secretAccessKey || rest.length > 0 || account === '') {
    // The value holds a secret: say what is wrong without repeating it.
    throw new FakeKmsUsageError(
      '--verify-signature takes ACCESS_KEY_ID:SECRET_ACCESS_KEY or ACCESS_KEY_ID:SECRET_ACCESS_KEY:ACCOUNT.',
    );
  }
  return account === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, account };
}
