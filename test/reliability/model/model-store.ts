/** The reference model's vocabulary: stores, timing, outcomes, and how a store reads in Describe (spec §3.2). */
import type { Scope } from './pools.js';

type Input = Record<string, unknown>;

export type State = 'DISCONNECTED' | 'CONNECTING' | 'CONNECTED' | 'FAILED' | 'DISCONNECTING';
export type Timing = 'immediate' | 'manual' | { observations: number } | { afterMs: number };
export type Outcome = { ok: Record<string, unknown> } | { error: string };

export interface RunConfig {
  quota: number;
  timing: Timing;
  describeMode: 'reject' | 'and';
  /** Indexes into SEED_TEMPLATES: stores that exist from the start and after every reset. */
  seeds: number[];
  /** The fake's `seed` option (ids), or none. */
  fakeSeed: string | undefined;
  /** The fake clock's start, epoch ms. */
  startMs: number;
}

export interface XksConfig {
  Connectivity: string;
  UriEndpoint: string;
  UriPath: string;
  VpcEndpointServiceName?: string;
  VpcEndpointServiceOwner?: string;
  AccessKeyId: string;
  secret: string;
}

export interface Pending {
  to: 'CONNECTED' | 'FAILED' | 'DISCONNECTED';
  code?: string;
  observationsLeft?: number;
  dueAt?: number;
}

export interface ModelStore {
  mid: string;
  scope: Scope;
  seq: number;
  name: string;
  type: 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
  created: number;
  state: State;
  errorCode?: string;
  pending?: Pending;
  keyCount: number;
  hsm?: { clusterId: string; trustAnchor: string; password: string };
  xks?: XksConfig;
}

export const ok = (output: Record<string, unknown> = {}): Outcome => ({ ok: output });
export const fail = (error: string): Outcome => ({ error });

export function xksFromInput(input: Input, account: string): XksConfig {
  const credential = input.XksProxyAuthenticationCredential as { AccessKeyId: string; RawSecretAccessKey: string };
  const config: XksConfig = {
    Connectivity: input.XksProxyConnectivity as string,
    UriEndpoint: input.XksProxyUriEndpoint as string,
    UriPath: input.XksProxyUriPath as string,
    AccessKeyId: credential.AccessKeyId,
    secret: credential.RawSecretAccessKey,
  };
  if (config.Connectivity === 'VPC_ENDPOINT_SERVICE') {
    config.VpcEndpointServiceName = input.XksProxyVpcEndpointServiceName as string;
    config.VpcEndpointServiceOwner = (input.XksProxyVpcEndpointServiceOwner as string | undefined) ?? account; // §3.1
  }
  return config;
}

/** A Describe entry (§3.2), with the model id under `id` and CreationDate as epoch ms under `created`. */
export function describeEntry(s: ModelStore): Record<string, unknown> {
  const entry: Record<string, unknown> = { id: s.mid, CustomKeyStoreName: s.name };
  if (s.hsm) {
    entry.CloudHsmClusterId = s.hsm.clusterId;
    entry.TrustAnchorCertificate = s.hsm.trustAnchor;
  }
  entry.ConnectionState = s.state;
  if (s.state === 'FAILED' && s.errorCode) entry.ConnectionErrorCode = s.errorCode;
  entry.created = s.created;
  entry.CustomKeyStoreType = s.type;
  if (s.xks) {
    const { secret: _never, VpcEndpointServiceName, VpcEndpointServiceOwner, ...shown } = s.xks;
    entry.XksProxyConfiguration =
      s.xks.Connectivity === 'VPC_ENDPOINT_SERVICE'
        ? { ...shown, VpcEndpointServiceName, VpcEndpointServiceOwner }
        : shown;
  }
  return entry;
}
