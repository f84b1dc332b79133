import type {
  ConnectionErrorCodeType,
  ConnectionStateType,
  CustomKeyStoreType,
  XksProxyConnectivityType,
} from '@aws-sdk/client-kms';

export type ConnectionState = ConnectionStateType;
export type ConnectionErrorCode = ConnectionErrorCodeType;
export type StoreType = CustomKeyStoreType;
export type XksConnectivity = XksProxyConnectivityType;

/** Where a call lands: every store lives in exactly one account and Region (spec §8.17). */
export interface CallContext {
  account: string;
  region: string;
}

export interface XksProxyConfig {
  connectivity: XksConnectivity;
  uriEndpoint: string;
  uriPath: string;
  vpcEndpointServiceName?: string;
  vpcEndpointServiceOwner?: string;
  accessKeyId: string;
  /** Secret: never returned, logged, journaled or snapshotted. */
  secretAccessKey: string;
}

/**
 * When CONNECTING / DISCONNECTING settle (spec §8.16).
 * - `{ observations: n }`: visible to n Describe observations of the store, then settled (default n = 1)
 * - `'immediate'`: settled before the Connect/Disconnect call returns
 * - `{ afterMs: n }`: settled once n ms have passed on the fake's clock (which follows fake timers)
 * - `'manual'`: only `fake.settle()` settles it
 */
export type Timing = 'immediate' | 'manual' | { observations: number } | { afterMs: number };

export interface PendingTransition {
  to: 'CONNECTED' | 'FAILED' | 'DISCONNECTED';
  errorCode?: ConnectionErrorCode;
  observationsLeft?: number;
  dueAt?: number;
}

/** A store as the engine holds it. */
export interface StoreRecord {
  id: string;
  name: string;
  type: StoreType;
  account: string;
  region: string;
  /** Epoch milliseconds. */
  creationDate: number;
  /** Creation order across the fake; drives Describe ordering and paging. */
  seq: number;
  state: ConnectionState;
  errorCode?: ConnectionErrorCode;
  pending?: PendingTransition;
  /** Per-store timing override. */
  timing?: Timing;
  cloudHsm?: {
    clusterId: string;
    trustAnchorCertificate: string;
    /** Secret: never returned, logged, journaled or snapshotted. */
    keyStorePassword: string;
  };
  xks?: XksProxyConfig;
}

/**
 * A store to seed into a fake, in AWS vocabulary (the shape of a Describe entry) plus the secrets Describe
 * never returns and the account/Region it lives in. Scenario files and `snapshot()` use this shape.
 */
export interface StoreSeed {
  CustomKeyStoreId?: string;
  CustomKeyStoreName: string;
  /** Defaults to `AWS_CLOUDHSM`. */
  CustomKeyStoreType?: StoreType;
  /** Defaults to `DISCONNECTED`. */
  ConnectionState?: ConnectionState;
  /** Required when (and only allowed when) `ConnectionState` is `FAILED`. */
  ConnectionErrorCode?: ConnectionErrorCode;
  /** A Date, epoch milliseconds, or an ISO-8601 string. Defaults to the fake's clock. */
  CreationDate?: Date | number | string;
  CloudHsmClusterId?: string;
  TrustAnchorCertificate?: string;
  /** Secret. Left out of snapshots. */
  KeyStorePassword?: string;
  XksProxyConfiguration?: {
    Connectivity: XksConnectivity;
    AccessKeyId: string;
    UriEndpoint: string;
    UriPath: string;
    VpcEndpointServiceName?: string;
    VpcEndpointServiceOwner?: string;
  };
  /** Secret. Left out of snapshots. */
  XksProxyRawSecretAccessKey?: string;
  /** Defaults to the fake's account. */
  Account?: string;
  /** Defaults to the fake's default Region. */
  Region?: string;
  /** This many real KMS keys are seeded in the store (Enabled, new material). Defaults to 0. */
  KeyCount?: number;
}
