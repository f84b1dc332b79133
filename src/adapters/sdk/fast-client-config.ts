import type { KMSClientConfig } from '@aws-sdk/client-kms';

interface Identity {
  accessKeyId?: string;
}

interface SignableRequest {
  headers: Record<string, string>;
}

/**
 * Stands in for SigV4 on a client that only ever talks to the fake: it writes the `Authorization` header's
 * credential scope (which tells the fake the account and Region, as a real signature does) and skips the
 * hashing and HMACs. Nothing leaves the process, so there is no one to prove the signature to.
 */
class CredentialScopeSigner {
  async sign<R extends SignableRequest>(
    request: R,
    identity: Identity,
    properties: { signingRegion?: string; region?: string },
  ): Promise<R> {
    const region = properties.signingRegion ?? properties.region ?? 'us-east-1';
    const date = scopeDate(Date.now());
    request.headers.authorization = `AWS4-HMAC-SHA256 Credential=${identity.accessKeyId ?? 'unsigned'}/${date}/${region}/kms/aws4_request, SignedHeaders=host, Signature=fake-kms-unsigned`;
    return request;
  }
}

const USER_AGENT: [string][] = [['fake-kms']];
const fixedUserAgent = async () => USER_AGENT;

const DAY_MS = 86_400_000;
let day = -1;
let dayText = '';
/** The credential scope's date (`YYYYMMDD`, UTC), formatted once a day instead of once a call. */
function scopeDate(now: number): string {
  const today = Math.floor(now / DAY_MS);
  if (today !== day) {
    day = today;
    dayText = new Date(today * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  }
  return dayText;
}

/**
 * A `KMSClient` configuration for clients that talk only to the fake and should cost as little as possible
 * per call. The SDK's own serializer, deserializer, retry strategy, endpoint rules and exception classes
 * all still run; three things change:
 *
 * - `cacheMiddleware: true`: the SDK builds each command's middleware stack once per client instead of
 *   once per call (an SDK option; with it, middleware added after the first call of a command is ignored);
 * - SigV4 signing is replaced by a signer that only writes the credential scope the fake reads (account
 *   and Region), skipping the SHA-256 and HMAC work of a real signature;
 * - the `User-Agent` is a fixed `fake-kms` (plus what the SDK always appends), instead of one the SDK
 *   assembles from the runtime, OS and feature list on every call. Nobody but the fake reads it.
 *
 * Use it with `fake.client(fastKmsClientConfig())`, or spread it into your own `KMSClient` configuration.
 * Keep the default when your test inspects the signed request itself.
 *
 * @example
 * const kms = fake.client({ ...fastKmsClientConfig(), account: '444455556666' });
 */
export function fastKmsClientConfig(): Pick<
  KMSClientConfig,
  'cacheMiddleware' | 'httpAuthSchemes' | 'defaultUserAgentProvider'
> {
  return {
    cacheMiddleware: true,
    defaultUserAgentProvider: fixedUserAgent,
    httpAuthSchemes: [
      {
        schemeId: 'aws.auth#sigv4',
        identityProvider: (config) => config.getIdentityProvider('aws.auth#sigv4'),
        signer: new CredentialScopeSigner() as never,
      },
    ],
  };
}

type FastKey = keyof ReturnType<typeof fastKmsClientConfig>;
const FAST_KEYS: readonly FastKey[] = ['cacheMiddleware', 'defaultUserAgentProvider', 'httpAuthSchemes'];

/**
 * Give a client that already exists the fast configuration (the SDK reads these three settings from the
 * resolved configuration on every call); returns the undo, which puts back exactly what was there.
 */
export function useFastConfiguration(config: Record<string, unknown>): () => void {
  const fast = fastKmsClientConfig() as Record<FastKey, unknown>;
  const previous = FAST_KEYS.map((key) => [key, Object.hasOwn(config, key), config[key]] as const);
  for (const key of FAST_KEYS) config[key] = fast[key];
  return () => {
    for (const [key, had, value] of previous) {
      if (had) config[key] = value;
      else delete config[key];
    }
  };
}
