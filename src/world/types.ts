import type { CallContext, ConnectionErrorCode, StoreRecord, XksProxyConfig } from '../engine/types.js';

/** How a connect attempt ends, decided when the attempt starts (spec §4, §8.14, §8.15). */
export type ConnectOutcome =
  | {
      kind: 'connected';
      /** The `kmsuser` password KMS holds from now on: it rotated the password when it logged in. */
      keyStorePassword?: string;
    }
  | { kind: 'failed'; code: ConnectionErrorCode };

/**
 * The backing world behind the stores: CloudHSM clusters and XKS proxies. The operations ask it the
 * questions real KMS asks AWS CloudHSM or the proxy; each check either returns or throws a `KmsError`
 * (CloudHsmCluster*, IncorrectTrustAnchor, XksProxy*). The engine owns stores; the world owns
 * everything behind them.
 */
export interface BackingWorld {
  /** Create of a CloudHSM store: NotFound / NotActive / InvalidConfiguration / IncorrectTrustAnchor. */
  checkCloudHsmCreate(
    ctx: CallContext,
    clusterId: string,
    trustAnchorCertificate: string,
    keyStorePassword: string,
  ): void;
  /** Update of a CloudHSM store's cluster: NotFound / NotRelated / NotActive / InvalidConfiguration. */
  checkCloudHsmUpdate(ctx: CallContext, store: StoreRecord, newClusterId: string): void;
  /** True when two clusters are the same cluster or share a backup lineage (cluster certificate). */
  clustersRelated(ctx: CallContext, a: string, b: string): boolean;
  /** Synchronous part of Connect for CloudHSM stores: NotActive / InvalidConfiguration. */
  checkCloudHsmConnect(ctx: CallContext, store: StoreRecord): void;
  /** Create (public endpoint: proxy health check; VPC: endpoint service) or Update of proxy fields. */
  checkXksProxy(ctx: CallContext, proxy: XksProxyConfig, phase: 'create' | 'update'): void;
  /** How the connect attempt that starts now will end. May change the world (e.g. rotate kmsuser's password). */
  connectOutcome(ctx: CallContext, store: StoreRecord): ConnectOutcome;
  /** Back to exactly the seeded world (called by `fake.reset()`). */
  reset(): void;
}
