import type { KMSClient } from '@aws-sdk/client-kms';
import { FakeKmsUsageError } from '../../errors/kms-error.js';
import { fakeCredentials } from './client-factory.js';
import { hardenEnvironment, releaseEnvironment } from './env-hardening.js';
import type { FakeRequestHandler, SdkHttpRequest } from './fake-request-handler.js';
import { stampGeneration, unstampGeneration } from './in-flight.js';
import { useInstantRetries } from './retry.js';

export const MIDDLEWARE_NAME = 'fakeKmsTransport';

interface Saved {
  credentials: unknown;
  region: unknown;
  restoreRetries?: () => void;
}

type ClientConfig = { credentials: unknown; region: unknown };

/**
 * Routes an existing KMSClient's calls to the fake through a middleware at the innermost end of its
 * stack: the SDK still serializes, signs, retries and deserializes; only the socket is replaced. The
 * client's credentials become static fake ones (so no provider chain ever runs) and a client with no
 * Region falls back to the fake's. `detach` restores all of it.
 */
export class Attachments {
  private readonly saved = new Map<KMSClient, Saved>();

  constructor(
    private readonly handler: FakeRequestHandler,
    private readonly defaults: () => { account: string; region: string; retryDelays?: 'none' | 'real' },
    private readonly active: () => boolean = () => true,
  ) {}

  attach(client: KMSClient, account?: string): void {
    if (this.saved.has(client)) return;
    hardenEnvironment(this, this.defaults().region);
    const config = client.config as unknown as ClientConfig;
    const restoreRetries = this.defaults().retryDelays === 'real' ? undefined : useInstantRetries(client);
    this.saved.set(client, { credentials: config.credentials, region: config.region, restoreRetries });
    const { account: defaultAccount, region: defaultRegion } = this.defaults();
    const identity = fakeCredentials(account ?? defaultAccount);
    config.credentials = async () => identity;
    const userRegion = config.region as (() => Promise<string | undefined>) | undefined;
    config.region = async () => {
      try {
        const region = await userRegion?.();
        if (region) return region;
      } catch {
        // No Region configured anywhere: the fake's default keeps the client usable.
      }
      return defaultRegion;
    };
    client.middlewareStack.add(
      (next) => async (args) => {
        if (!this.active() || !this.saved.has(client)) return next(args);
        const { response } = await this.handler.handle((args as unknown as { request: SdkHttpRequest }).request);
        return { response, output: undefined as never };
      },
      { step: 'deserialize', priority: 'low', name: MIDDLEWARE_NAME, override: true, tags: ['FAKE_KMS'] },
    );
    stampGeneration(client, this.handler.engine);
    assertInnermost(client);
  }

  detach(client: KMSClient): void {
    const saved = this.saved.get(client);
    if (!saved) return;
    const config = client.config as unknown as ClientConfig;
    config.credentials = saved.credentials;
    config.region = saved.region;
    saved.restoreRetries?.();
    client.middlewareStack.remove(MIDDLEWARE_NAME);
    unstampGeneration(client);
    this.saved.delete(client);
    if (this.saved.size === 0) releaseEnvironment(this);
  }

  detachAll(): void {
    for (const client of [...this.saved.keys()]) this.detach(client);
  }

  isAttached(client: KMSClient): boolean {
    return this.saved.has(client);
  }
}

/**
 * The middleware must sit inside the SDK's deserializer, so that the SDK parses what the fake returns.
 * If an SDK upgrade changes the stack's shape, say so at once rather than answer without deserializing.
 */
function assertInnermost(client: KMSClient): void {
  const ids = client.middlewareStack.identify();
  const ours = ids.findIndex((id) => id.startsWith(MIDDLEWARE_NAME));
  const deserializer = ids.findIndex((id) => id.startsWith('deserializerMiddleware'));
  if (deserializer < 0 || ours < deserializer) {
    throw new FakeKmsUsageError(
      `fake-kms cannot wire this KMSClient: its middleware stack has no deserializerMiddleware before the fake (${ids.join(' | ')}). Use fake.client() instead and report the @aws-sdk/client-kms version.`,
    );
  }
}
