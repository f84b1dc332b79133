/**
 * Which fake answers a KMSClient (issue 8: "ownership is data, not a side effect"). A client belongs to
 * at most one fake at a time, and the record says how it came to belong to it:
 * - `client`: built by `fake.client()`; it keeps its fake and account for life;
 * - `attach`: wired by hand with `fake.attach()`; only `detach()` on that fake undoes it;
 * - `install`: claimed by an installed fake at its first `send()`; `uninstall()` undoes only these;
 * - `detaching`: detached, but calls that started before are still in flight and answered by the fake.
 *
 * The table lives on `globalThis` under a registered symbol, so that the ES module and CommonJS builds
 * of fake-kms (both can be loaded in one process) see the same owners.
 */
export type WiringKind = 'client' | 'attach' | 'install' | 'detaching';

export interface Owner {
  /** The owning fake's wiring (its `Attachments`); compared by identity. */
  readonly fake: object;
  /** How the fake is named in error messages, e.g. `fake-kms fake #2 (account 111122223333, us-east-1)`. */
  readonly name: string;
  readonly kind: WiringKind;
  /** Undo this wiring (restore the client's middleware, credentials and Region). */
  readonly release: () => void;
}

const KEY = Symbol.for('fake-kms.client-owners');
const shared = globalThis as unknown as Record<symbol, WeakMap<object, Owner> | undefined>;
const owners: WeakMap<object, Owner> = shared[KEY] ?? new WeakMap<object, Owner>();
shared[KEY] = owners;

export function ownerOf(client: object): Owner | undefined {
  return owners.get(client);
}

export function setOwner(client: object, owner: Owner): void {
  owners.set(client, owner);
}

/** Forget the owner of `client`, but only if it is still `fake`: one fake never unwires another's client. */
export function clearOwner(client: object, fake: object): void {
  if (owners.get(client)?.fake === fake) owners.delete(client);
}

const COUNTER = Symbol.for('fake-kms.fake-counter');
const counter = globalThis as unknown as Record<symbol, number | undefined>;

/** A short, stable name for a new fake, for messages that must say which fake owns a client. */
export function nextFakeName(account: string, region: string): string {
  const n = (counter[COUNTER] ?? 0) + 1;
  counter[COUNTER] = n;
  return `fake-kms fake #${n} (account ${account}, ${region})`;
}
