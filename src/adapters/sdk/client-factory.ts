import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { accessKeyIdFor } from './context.js';
import type { FakeRequestHandler } from './fake-request-handler.js';
import { instantRetriesFor } from './retry.js';
import { stampCalls } from './stamped-send.js';

export interface FakeClientConfig extends KMSClientConfig {
  /** The account this client acts as (default: the fake's account). */
  account?: string;
}

/** Static credentials that identify an account to the fake; they are never sent anywhere. */
export function fakeCredentials(account: string) {
  return { accessKeyId: accessKeyIdFor(account), secretAccessKey: 'fake-kms-secret-access-key-not-a-secret' };
}

/**
 * A real KMSClient whose transport is the fake. Region and credentials are explicit, so the SDK never
 * walks its provider chains (no EC2 metadata, no SSO, no config files needed).
 */
export function createFakeClient(
  handler: FakeRequestHandler,
  defaults: { account: string; region: string; retryDelays?: 'none' | 'real' },
  config: FakeClientConfig = {},
): KMSClient {
  const { account = defaults.account, ...rest } = config;
  // A retry strategy of the user's own is their choice (the opt-out for tests of backoff); otherwise no waiting.
  const instant = defaults.retryDelays !== 'real' && !('retryStrategy' in config);
  const client: KMSClient = withoutNodeVersionWarning(
    () =>
      new KMSClient({
        region: defaults.region,
        credentials: fakeCredentials(account),
        ...(instant ? { retryStrategy: instantRetriesFor(() => client) } : {}),
        ...rest,
        requestHandler: handler,
      }),
  );
  stampCalls(client, handler.engine);
  return client;
}

/**
 * The SDK warns once per process on Node 20 that future versions need Node 22; in a test suite that
 * warning is noise the user cannot act on per test, so clients the fake builds skip it.
 */
export function withoutNodeVersionWarning<T>(build: () => T): T {
  const name = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const previous = process.env[name];
  process.env[name] = 'true';
  try {
    return build();
  } finally {
    if (previous === undefined) delete process.env[name];
    else process.env[name] = previous;
  }
}
