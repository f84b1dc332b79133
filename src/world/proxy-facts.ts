import type { XksProxyConfig } from '../engine/types.js';
import type { ProxyCredential } from './spec/proxy-spec.js';

/** What the world has learned about one proxy that nobody described (spec §8.13 as docs/behaviour.md states it). */
export interface LearnedProxy {
  /** The credentials stores were created with on this proxy. */
  credentials: ProxyCredential[];
  /** The URI paths stores were created with on this proxy. */
  uriPaths: string[];
}

/**
 * The facts an undescribed proxy learns on first use and then holds: a Create (or the first call KMS makes
 * to a proxy it knows nothing of) teaches the proxy the store's credential and URI path; an Update only
 * tells KMS, so it never teaches. Kept apart from the described `ProxySpec`s so that a described list
 * (`acceptOnly()`, `uriPaths`) always wins and `reset()` forgets everything learned.
 * Keyed by URI endpoint; new kinds of facts (external keys) get a field here.
 */
export class ProxyFacts {
  private readonly byEndpoint = new Map<string, LearnedProxy>();

  get(uriEndpoint: string): LearnedProxy | undefined {
    return this.byEndpoint.get(uriEndpoint);
  }

  /** Remember that the proxy at `config.uriEndpoint` serves `config.uriPath` with `config`'s credential. */
  learn(config: XksProxyConfig): void {
    const facts = this.byEndpoint.get(config.uriEndpoint) ?? { credentials: [], uriPaths: [] };
    this.byEndpoint.set(config.uriEndpoint, facts);
    if (!facts.uriPaths.includes(config.uriPath)) facts.uriPaths.push(config.uriPath);
    const known = facts.credentials.some(
      (c) => c.accessKeyId === config.accessKeyId && (c.secretAccessKey ?? '') === config.secretAccessKey,
    );
    if (known) return;
    // A store seeded without its secret teaches only the access key id, which then takes any secret.
    const credential: ProxyCredential = { accessKeyId: config.accessKeyId };
    if (config.secretAccessKey) credential.secretAccessKey = config.secretAccessKey;
    facts.credentials.push(credential);
  }

  all(): Array<[string, LearnedProxy]> {
    return [...this.byEndpoint.entries()];
  }

  reset(): void {
    this.byEndpoint.clear();
  }
}
