import { HealthyWorld } from './healthy-world.js';
import type { BackingWorld } from './types.js';

/** What a fake's backing world is seeded with. (Extended by the world model.) */
export interface WorldSpec {
  clusters?: unknown[];
  proxies?: unknown[];
}

export type World = BackingWorld;

export function createWorld(_spec: WorldSpec = {}): World {
  return new HealthyWorld();
}

export type { BackingWorld, ConnectOutcome } from './types.js';
