import type { StoreSeed } from '../../index.js';
import { describeStores } from './describe-value.js';
import type { KmsFakeLike } from './types.js';

export type StoreLookup = { store: StoreSeed; stores: StoreSeed[] } | { problem: string; stores: StoreSeed[] };

/**
 * The store a matcher names, by id or (when only one store has it) by name. Transitions whose time has
 * come on the fake's clock are applied first, exactly as the next KMS call would apply them, so a store
 * with `{ afterMs }` timing reads the same here as in a Describe; observation-counted transitions are
 * left untouched, because a matcher is not a Describe.
 */
export function findStore(fake: KmsFakeLike, ref: string): StoreLookup {
  settleDue(fake);
  const stores = fake.stores();
  const byId = stores.find((s) => s.CustomKeyStoreId === ref);
  if (byId) return { store: byId, stores };
  const byName = stores.filter((s) => s.CustomKeyStoreName === ref);
  if (byName.length === 1 && byName[0]) return { store: byName[0], stores };
  const problem =
    byName.length > 1
      ? `the fake holds ${byName.length} stores named "${ref}" (in different accounts or Regions); name the store by its id.`
      : `the fake holds no store with the id or name "${ref}".`;
  return { problem: `${problem}\n${describeStores(stores)}`, stores };
}

interface EngineInternals {
  engine?: {
    registry?: { all(): unknown[] };
    transitions?: { settleIfDue(store: unknown): void };
  };
}

function settleDue(fake: KmsFakeLike): void {
  const engine = (fake as EngineInternals).engine;
  if (!engine?.registry || !engine.transitions) return;
  for (const store of engine.registry.all()) engine.transitions.settleIfDue(store);
}

/** A usable value for the `received` of a matcher, or a message saying what was passed instead. */
export function asFake(received: unknown): KmsFakeLike | string {
  const candidate = received as Partial<KmsFakeLike> | null | undefined;
  if (candidate && typeof candidate.stores === 'function' && typeof candidate.calls === 'function') {
    return candidate as KmsFakeLike;
  }
  return `fake-kms matchers take the fake as the received value, e.g. expect(kms).toHaveStoreState(id, 'CONNECTED'); got ${typeof received === 'object' ? String(received && (received as object).constructor?.name) : typeof received}.`;
}
