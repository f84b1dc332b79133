import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll } from 'vitest';
import { takeNetworkViolations } from '../setup/no-network.js';

/** Real-looking (invalid) keys, shaped like a developer's: an access key id, a secret and a session token. */
const KEYS = {
  aws_access_key_id: 'AKIA4QZKX7RWN2PDEV3H',
  aws_secret_access_key: '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',
  aws_session_token: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIGZha2Uta21zLWlzb2xhdGlvbi10ZXN0',
};

const NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
];

/**
 * For the whole test file, the environment of a developer logged in to production: keys in the
 * environment, a profile with keys in a credentials file, a Region, and nothing that disables the
 * instance-metadata look-up. A call that escaped a fake would be signed with these keys and sent to
 * AWS; the network tripwire (test/setup) records the attempt.
 */
export function withProductionLikeCredentials(): void {
  let saved: Record<string, string | undefined> = {};
  let dir = '';
  beforeAll(() => {
    saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
    dir = mkdtempSync(join(tmpdir(), 'fake-kms-isolation-'));
    const profile = Object.entries(KEYS)
      .map(([key, value]) => `${key} = ${value}`)
      .join('\n');
    writeFileSync(join(dir, 'credentials'), `[production-admin]\n${profile}\n`);
    writeFileSync(join(dir, 'config'), '[profile production-admin]\nregion = us-east-1\n');
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: KEYS.aws_access_key_id,
      AWS_SECRET_ACCESS_KEY: KEYS.aws_secret_access_key,
      AWS_SESSION_TOKEN: KEYS.aws_session_token,
      AWS_PROFILE: 'production-admin',
      AWS_REGION: 'us-east-1',
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    });
    delete process.env.AWS_DEFAULT_REGION;
    delete process.env.AWS_EC2_METADATA_DISABLED;
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });
}

/** Every socket, DNS question, TLS and fetch attempt the tripwire recorded since the last call, as text. */
export function networkAttempts(): string[] {
  return takeNetworkViolations().map((v) => `${v.api} → ${v.target}`);
}

/**
 * Run `action` once, right after the first attempt of the next call on `client` was answered: inside the
 * SDK's retry middleware, so before the SDK backs off and retries (the SDK's own retry strategy runs).
 */
export function afterFirstAttempt(client: KMSClient, action: () => void): void {
  let done = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } finally {
        if (!done) {
          done = true;
          action();
        }
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'testAfterFirstAttempt' },
  );
}
