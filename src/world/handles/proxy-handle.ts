import { hideInternals, INSPECT, inspectAs } from '../../usage/redacted-view.js';
import type { EntityTable } from '../entity-table.js';
import { ExternalKeyHandle } from '../keys/external-key-handle.js';
import type { ExternalKeyTable } from '../keys/external-key-table.js';
import type { ResolvedProxy } from '../resolve-proxy.js';
import type { ProxyCredential, ProxySpec } from '../spec/proxy-spec.js';
import { PROXY_SHAPE } from '../spec/validate-world-spec.js';
import { assignChanges, checkChanges } from './apply-changes.js';

export type ProxyChanges = Partial<Omit<ProxySpec, 'uriEndpoint'>>;

/** @internal What a handle needs from its world. */
export interface ProxyAccess {
  table: EntityTable<ProxySpec>;
  /** The proxy with its defaults and, with `learned`, what it learned from the stores created on it. */
  resolve: (learned: boolean) => ResolvedProxy;
  /** The external keys behind every proxy. */
  externalKeys: ExternalKeyTable;
}

/**
 * A live view of one external key store proxy in `fake.world`, found by its URI endpoint. Changes apply
 * at once; a CONNECTED store stays CONNECTED (spec §4).
 *
 * @example
 * fake.world.proxy('https://xks.example.com').takeOffline();
 * fake.world.proxy('https://xks.example.com').update({ latencyMs: 400 });
 */
export class ProxyHandle {
  constructor(
    readonly uriEndpoint: string,
    private readonly access: ProxyAccess,
  ) {
    hideInternals(this, ['access']);
  }

  /** An external key in this proxy's key manager (every well-formed id is an enabled AES-256 key until changed). */
  externalKey(keyId: string): ExternalKeyHandle {
    return new ExternalKeyHandle(this.uriEndpoint, keyId, this.access.externalKeys);
  }

  /**
   * The proxy as the world sees it now, every default filled in; the paths and credentials it learned from
   * the stores created on it show where nobody described them. Secret access keys are left out.
   */
  describe(): ResolvedProxy {
    const proxy = this.access.resolve(true);
    if (proxy.credentials) proxy.credentials = proxy.credentials.map(({ accessKeyId }) => ({ accessKeyId }));
    return proxy;
  }

  toJSON(): { uriEndpoint: string } {
    return { uriEndpoint: this.uriEndpoint };
  }

  [INSPECT](_depth: number, options: unknown, inspect?: (value: unknown, options?: unknown) => string): string {
    return inspectAs('ProxyHandle', this.toJSON(), options, inspect);
  }

  /** Change any of the proxy's properties; `undefined` puts one back to its default. */
  update(changes: ProxyChanges): this {
    checkChanges(changes, PROXY_SHAPE, 'uriEndpoint', `fake.world.proxy("${this.uriEndpoint}").update()`);
    assignChanges(
      this.access.table.ensure(this.uriEndpoint, () => ({ uriEndpoint: this.uriEndpoint }), 'test'),
      changes,
    );
    return this;
  }

  /** The proxy stops answering: KMS cannot reach it. */
  takeOffline(): this {
    return this.update({ reachable: false });
  }

  bringOnline(): this {
    return this.update({ reachable: true });
  }

  /** The proxy answers after `latencyMs`; at 250 ms or more KMS gives up. */
  respondAfter(latencyMs: number): this {
    return this.update({ latencyMs });
  }

  /**
   * The proxy accepts only these credentials (someone rotated the credential on the proxy). A store's
   * UpdateCustomKeyStore to a credential the proxy does not accept fails; its next connect too.
   */
  acceptOnly(...credentials: ProxyCredential[]): this {
    return this.update({ credentials });
  }

  /** The proxy's authorization rules deny KMS. */
  denyKms(): this {
    return this.update({ authorizesKms: false });
  }
}
