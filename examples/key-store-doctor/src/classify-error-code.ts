import type { ConnectionErrorCodeType } from '@aws-sdk/client-kms';

/** What to do about a FAILED store: try again (disconnect, connect), or tell a person why. */
export interface Diagnosis {
  action: 'retry' | 'needs-a-person';
  /** Why, in words an on-call engineer can act on. */
  reason: string;
}

const retry = (reason: string): Diagnosis => ({ action: 'retry', reason });
const person = (reason: string): Diagnosis => ({ action: 'needs-a-person', reason });

/**
 * Every ConnectionErrorCode KMS reports, and whether a retry can help. A retry can help only when
 * nothing has to change first: a transient fault inside KMS, on the network or at a busy proxy. Every
 * other code names something a person must fix in the cluster, the proxy or its configuration; retrying
 * those does not help, and for `INVALID_CREDENTIALS` on CloudHSM it can lock `kmsuser` out.
 */
export const DIAGNOSES: Readonly<Record<ConnectionErrorCodeType, Diagnosis>> = {
  INTERNAL_ERROR: retry('KMS had an internal error; AWS advises disconnecting and connecting again.'),
  NETWORK_ERRORS: retry('network problems kept KMS from reaching the backing key store; usually transient.'),
  XKS_PROXY_TIMED_OUT: retry('the external key store proxy answered too slowly; often a passing load spike.'),
  XKS_PROXY_NOT_REACHABLE: retry(
    'KMS could not reach the external key store proxy, or the proxy reported its key managers unavailable; an outage that may have passed.',
  ),
  CLUSTER_NOT_FOUND: person('the CloudHSM cluster no longer exists; point the store at an existing cluster.'),
  INSUFFICIENT_CLOUDHSM_HSMS: person('the CloudHSM cluster has no active HSM; add an HSM to the cluster.'),
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: person(
    'a cluster subnet has no free IP address; free at least one (two are better) in every subnet.',
  ),
  INVALID_CREDENTIALS: person(
    "the kmsuser password (CloudHSM) or the proxy authentication credential (XKS) is wrong; update the store's credentials. Retrying could lock kmsuser out.",
  ),
  SUBNET_NOT_FOUND: person('a subnet of the CloudHSM cluster was deleted; create an HSM in a subnet that exists.'),
  USER_LOCKED_OUT: person('kmsuser is locked out after too many failed logins; reset its password in the cluster.'),
  USER_LOGGED_IN: person('kmsuser is logged in to the cluster, so KMS cannot rotate its password; log it out.'),
  USER_NOT_FOUND: person('the cluster has no kmsuser crypto user; create it with the password the store uses.'),
  XKS_PROXY_ACCESS_DENIED: person("the proxy's authorization rules deny KMS; allow KMS in the proxy's policy."),
  XKS_PROXY_INVALID_CONFIGURATION: person("the proxy's configuration is wrong; check the store's XksProxyUriPath."),
  XKS_PROXY_INVALID_RESPONSE: person('the proxy sent a reply KMS cannot interpret; fix the proxy.'),
  XKS_PROXY_INVALID_TLS_CONFIGURATION: person(
    "the proxy's TLS setup is wrong (not TLS 1.2/1.3, or a certificate expired, for another host name, or from an untrusted CA).",
  ),
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION: person(
    'the VPC endpoint service does not meet the requirements for an external key store; fix its configuration.',
  ),
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: person(
    'the VPC endpoint service is missing, or KMS is not an allowed principal on it.',
  ),
};

/** The diagnosis of a ConnectionErrorCode; a code this module does not know yet is left to a person. */
export function classifyErrorCode(code: string | undefined): Diagnosis {
  const known = code === undefined ? undefined : DIAGNOSES[code as ConnectionErrorCodeType];
  return (
    known ?? person(`KMS reported ${code ?? 'no'} ConnectionErrorCode, which this doctor does not know; look at it.`)
  );
}
