import { createKmsFake, type KmsFake, type KmsFakeOptions } from '../../fake.js';
import { loadScenario } from '../../fixtures/scenario/load-scenario.js';
import type { Scenario } from '../../fixtures/scenario/scenario-types.js';

/**
 * The fake a server answers from. Loading a scenario replaces it with a new fake: the server's options, with
 * the scenario's stores and world instead of the ones before. The server's clock runs on across replacements
 * and can be moved forward, so `{ afterMs }` transitions can be settled from outside the process.
 */
export class ServedFake {
  private current: KmsFake;
  private offsetMs = 0;
  private readonly baseNow: () => number;

  constructor(
    private readonly options: KmsFakeOptions,
    scenario?: string | object,
  ) {
    const now = options.now;
    this.baseNow = now ? () => Number(now()) : Date.now;
    this.current = this.build(scenario === undefined ? undefined : loadScenario(scenario));
  }

  get fake(): KmsFake {
    return this.current;
  }

  /** The server's clock, epoch milliseconds. */
  now(): number {
    return this.baseNow() + this.offsetMs;
  }

  /** Move the server's clock forward; due `{ afterMs }` transitions settle at the next look. */
  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }

  /** Replace the fake with one seeded from a scenario: a shipped name, a file path or an object. */
  loadScenario(source: string | object): KmsFake {
    // Built (and validated) before it replaces anything: a bad scenario leaves the running fake as it was.
    this.current = this.build(loadScenario(source));
    return this.current;
  }

  private build(scenario: Scenario | undefined): KmsFake {
    return createKmsFake({
      ...this.options,
      ...(scenario && {
        stores: scenario.stores,
        clusters: scenario.clusters,
        proxies: scenario.proxies,
        vpcEndpointServices: scenario.vpcEndpointServices,
      }),
      // The server's own account and Region (--account, --region) win over a scenario's.
      account: this.options.account ?? scenario?.account,
      region: this.options.region ?? scenario?.region,
      now: () => this.now(),
    });
  }
}
