import type { CallContext, StoreRecord, XksProxyConfig } from '../engine/types.js';
import type { BackingWorld, ConnectOutcome } from './types.js';

/**
 * The default world of spec §8.13: every well-formed cluster is ACTIVE with two HSMs in two AZs, its
 * trust anchor is the first one presented for it, and `kmsuser` accepts the store's password; every
 * well-formed XKS endpoint is a reachable proxy that accepts the store's credential.
 */
export class HealthyWorld implements BackingWorld {
  private trustAnchors = new Map<string, string>();

  checkCloudHsmCreate(ctx: CallContext, clusterId: string, trustAnchorCertificate: string): void {
    const key = `${ctx.account}/${ctx.region}/${clusterId}`;
    if (!this.trustAnchors.has(key)) this.trustAnchors.set(key, trustAnchorCertificate);
  }
  checkCloudHsmUpdate(): void {}
  clustersRelated(_ctx: CallContext, a: string, b: string): boolean {
    return a === b;
  }
  checkCloudHsmConnect(): void {}
  checkXksProxy(_ctx: CallContext, _proxy: XksProxyConfig): void {}
  connectOutcome(_ctx: CallContext, _store: StoreRecord): ConnectOutcome {
    return { kind: 'connected' };
  }
  reset(): void {
    this.trustAnchors.clear();
  }
}
