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
  const scope = CREDENTIAL_SCOPE.exec(authorization);
  const account = scope?.[1] ? (FAKE_KEY.exec(scope[1])?.[1] ?? defaults.account) : defaults.account;
  const region = scope?.[2] ?? HOST_REGION.exec(hostname ?? '')?.[1] ?? defaults.region;
  return { account, region };
}

export function headerValue(headers: Record<string, string | undefined>, name: string): string | undefined {
  // The SDK writes header names in lower case; look there first and scan only for other spellings.
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}
