import { recordToSeed } from '../../engine/seed.js';
import type { StoreRecord } from '../../engine/types.js';
import type { StoreSeed } from '../../index.js';
import { describeStores } from './describe-value.js';
import type { KmsFakeLike } from './types.js';

/** The store a matcher names, or what is wrong; `all()` lists every store, for failure messages only. */
export type StoreLookup = ({ store: StoreSeed } | { problem: string }) & { all(): StoreSeed[] };

/** The parts of a `KmsFake`'s engine the lookup reads: its indexes, so an assertion reads one store, not all. */
interface EngineInternals {
  engine?: {
    registry?: { findById(id: string): StoreRecord | undefined; namedAnywhere(name: string): StoreRecord[] };
    transitions?: { settleIfDue(store: StoreRecord): void };
  };
}

/**
 * The store a matcher names, by id or (when only one store has it) by name. A transition whose time has
 * come on the fake's clock is applied first, exactly as the next KMS call would apply it, so a store with
 * `{ afterMs }` timing reads the same here as in a Describe; observation-counted transitions are left
 * untouched, because a matcher is not a Describe. A fake's stores are found through its id and name
 * indexes; anything else that looks like a fake is searched through its `stores()`.
 */
export function findStore(fake: KmsFakeLike, ref: string): StoreLookup {
  const all = () => fake.stores();
  const { registry, transitions } = (fake as EngineInternals).engine ?? {};
  let found: StoreSeed[];
  if (registry && transitions) {
    const byId = registry.findById(ref);
    const records = byId ? [byId] : registry.namedAnywhere(ref);
    for (const record of records) transitions.settleIfDue(record);
    found = records.map(recordToSeed);
  } else {
    const stores = all();
    const byId = stores.find((s) => s.CustomKeyStoreId === ref);
    found = byId ? [byId] : stores.filter((s) => s.CustomKeyStoreName === ref);
  }
  if (found.length === 1 && found[0]) return { store: found[0], all };
  const problem =
    found.length > 1
      ? `the fake holds ${found.length} stores named "${ref}" (in different accounts or Regions); name the store by its id.`
      : `the fake holds no store with the id or name "${ref}".`;
  return { problem: `${problem}\n${describeStores(all())}`, all };
}

/** A usable value for the `received` of a matcher, or a message saying what was passed instead. */
export function asFake(received: unknown): KmsFakeLike | string {
  const candidate = received as Partial<KmsFakeLike> | null | undefined;
  if (candidate && typeof candidate.stores === 'function' && typeof candidate.calls === 'function') {
    return candidate as KmsFakeLike;
  }
  return `fake-kms matchers take the fake as the received value, e.g. expect(kms).toHaveStoreState(id, 'CONNECTED'); got ${typeof received === 'object' ? String(received && (received as object).constructor?.name) : typeof received}.`;
}
