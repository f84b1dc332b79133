import type { CallContext } from '../../engine/types.js';

/**
 * Access key ids that the fake hands out encode the account they act as, so that one fake can serve
 * several accounts (spec §8.17): `FAKE` + 12-digit account + `KMS0` (20 characters, like a real one).
 */
export function accessKeyIdFor(account: string): string {
  return `FAKE${account}KMS0`;
}

const FAKE_KEY = /^FAKE(\d{12})KMS0$/;
const CREDENTIAL_SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/kms\/aws4_request/;
const HOST_REGION = /^kms(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/;

/** The account and Region a signed request acts in, from its SigV4 scope or its host. */
export function contextFromRequest(
  headers: Record<string, string | undefined>,
  hostname: string | undefined,
  defaults: CallContext,
): CallContext {
  const authorization = headerValue(headers, 'authorization') ?? '';
  // The credential part comes first and changes only with the key and the day: look it up, not parse it.
  const comma = authorization.indexOf(',');
  const credential = comma === -1 ? authorization : authorization.slice(0, comma);
  let scope = scopes.get(credential);
  if (scope === undefined) {
    const match = CREDENTIAL_SCOPE.exec(credential);
    scope = match ? { account: FAKE_KEY.exec(match[1] as string)?.[1], region: match[2] as string } : null;
    if (scopes.size >= SCOPE_CACHE_SIZE) scopes.clear();
    scopes.set(credential, scope);
  }
  const account = scope?.account ?? defaults.account;
  const region = scope?.region ?? HOST_REGION.exec(hostname ?? '')?.[1] ?? defaults.region;
  return { account, region };
}

/** Parsed credential scopes by the text that names them; a handful per suite, so a small cache that empties when full. */
const scopes = new Map<string, { account: string | undefined; region: string } | null>();
const SCOPE_CACHE_SIZE = 64;

export function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  // The SDK writes header names in lower case; look there first and scan only for other spellings.
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}
