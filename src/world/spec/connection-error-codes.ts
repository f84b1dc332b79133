import type { ConnectionErrorCode } from '../../engine/types.js';

/** Codes a connect attempt of either store type can end with. */
export const SHARED_CONNECTION_ERROR_CODES = ['INTERNAL_ERROR', 'NETWORK_ERRORS', 'INVALID_CREDENTIALS'] as const;

/** Codes of CloudHSM key stores (spec §4). */
export const CLOUDHSM_CONNECTION_ERROR_CODES = [
  ...SHARED_CONNECTION_ERROR_CODES,
  'CLUSTER_NOT_FOUND',
  'INSUFFICIENT_CLOUDHSM_HSMS',
  'INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET',
  'SUBNET_NOT_FOUND',
  'USER_LOCKED_OUT',
  'USER_LOGGED_IN',
  'USER_NOT_FOUND',
] as const satisfies readonly ConnectionErrorCode[];
export type CloudHsmConnectionErrorCode = (typeof CLOUDHSM_CONNECTION_ERROR_CODES)[number];

/** Codes of external key stores that come from the proxy (spec §4). */
export const XKS_PROXY_CONNECTION_ERROR_CODES = [
  ...SHARED_CONNECTION_ERROR_CODES,
  'XKS_PROXY_ACCESS_DENIED',
  'XKS_PROXY_INVALID_CONFIGURATION',
  'XKS_PROXY_INVALID_RESPONSE',
  'XKS_PROXY_INVALID_TLS_CONFIGURATION',
  'XKS_PROXY_NOT_REACHABLE',
  'XKS_PROXY_TIMED_OUT',
] as const satisfies readonly ConnectionErrorCode[];
export type XksProxyConnectionErrorCode = (typeof XKS_PROXY_CONNECTION_ERROR_CODES)[number];

/** Codes of external key stores that come from their VPC endpoint service. */
export const VPC_ENDPOINT_SERVICE_CONNECTION_ERROR_CODES = [
  'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
  'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
] as const satisfies readonly ConnectionErrorCode[];
export type VpcEndpointServiceConnectionErrorCode = (typeof VPC_ENDPOINT_SERVICE_CONNECTION_ERROR_CODES)[number];

export const XKS_CONNECTION_ERROR_CODES = [
  ...XKS_PROXY_CONNECTION_ERROR_CODES,
  ...VPC_ENDPOINT_SERVICE_CONNECTION_ERROR_CODES,
] as const;
export type XksConnectionErrorCode = (typeof XKS_CONNECTION_ERROR_CODES)[number];
