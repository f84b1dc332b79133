/**
 * The small value pools the state-machine property draws from. They are small on purpose, so that names,
 * endpoints, paths, clusters and VPC endpoint services collide and the uniqueness rules of spec §5 fire.
 * Each pool ends with values that break a constraint of spec §2, for the validation path.
 */

import { trustAnchorCertificate } from '../../../src/fixtures/trust-anchor/trust-anchor-pool.js';

/** Where a call lands (spec §8.17). B shares A's Region (Region-wide XKS rules); C shares A's account. */
export const SCOPES = {
  A: { account: '111122223333', region: 'us-east-1' },
  B: { account: '444455556666', region: 'us-east-1' },
  C: { account: '111122223333', region: 'eu-west-1' },
} as const;
export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

/** Valid names (two differ only in case: spec §8.8 says exact, case-sensitive), then too short, too long. */
export const NAMES = ['alpha', 'Alpha', 'beta', 'gamma', '', 'n'.repeat(257)];
export const VALID_NAMES = 4;

/**
 * CloudHsmClusterInUseException is per account (spec §3.1, §5): A and B (two accounts) share one cluster id,
 * which must not clash. A and C (one account, two Regions) share none: a cluster lives in one Region.
 */
export const CLUSTERS: Record<Scope, string[]> = {
  A: ['cluster-abcdefghijk', 'cluster-bcdefghijkm', 'cluster-1bad'],
  B: ['cluster-abcdefghijk', 'cluster-npqrstuvwxy', 'cluster-1bad'],
  C: ['cluster-zyxwvutsrqp', 'cluster-yxwvutsrqpn', 'cluster-1bad'],
};

/** Real CA certificates (the world compares them with the cluster's), then a value that is not one. */
export const TRUST_ANCHORS = [trustAnchorCertificate(4), trustAnchorCertificate(5), 'not a certificate'];
export const TRUST_ANCHOR = TRUST_ANCHORS[0] as string;

/** KeyStorePassword: 7–32 characters; the last is 5 long. */
export const PASSWORDS = ['kmsPswd-123', 'other-Pass-456', 'third#Pass!789', 'short'];

export const ENDPOINTS = [
  'https://xks-a.example.com',
  'https://xks-b.example.com',
  'https://xks-c.example.com',
  'http://plain.example.com',
];
export const PATHS = ['/kms/xks/v1', '/tenant-1/kms/xks/v1', '/kms/xks/v2', '/kms/xks/v123'];

/** VPC endpoint services name their Region; the world finds them only there. */
export function vpcServices(region: string): string[] {
  return [
    `com.amazonaws.vpce.${region}.vpce-svc-0a1b2c3d4e`,
    `com.amazonaws.vpce.${region}.vpce-svc-9f8e7d6c5b`,
    'vpce-svc-short',
  ];
}

/** Owners: the caller's account (filled in per scope), another account, a malformed one. */
export const OTHER_OWNER = '999988887777';
export const BAD_OWNER = '12345';

export interface Credential {
  AccessKeyId: string;
  RawSecretAccessKey: string;
}
export const CREDENTIALS: Credential[] = [
  { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'a'.repeat(43) },
  { AccessKeyId: 'ZYXWV76543ZYXWV76543', RawSecretAccessKey: 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=' },
  { AccessKeyId: 'ZYXWV76543ZYXWV76543', RawSecretAccessKey: `${'b'.repeat(42)}!` },
];

/** Codes a connect may be made to end with (spec §4), per store type: the control methods refuse the other's. */
export const ERROR_CODES = {
  AWS_CLOUDHSM: ['NETWORK_ERRORS', 'INTERNAL_ERROR', 'USER_LOCKED_OUT', 'INVALID_CREDENTIALS'],
  EXTERNAL_KEY_STORE: ['NETWORK_ERRORS', 'INTERNAL_ERROR', 'XKS_PROXY_TIMED_OUT', 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND'],
} as const;

/** An id no store has (length-valid), and one too long for the model (1–64). */
export const UNKNOWN_ID = 'cks-00000000000000000';
export const INVALID_ID = `cks-${'0'.repeat(61)}`;
