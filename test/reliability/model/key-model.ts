/**
 * The KMS keys of the reference model, written from spec §6 (not from fake-kms's source): keys live in a
 * custom key store; a key's state is Unavailable while its store is not CONNECTED (PendingDeletion wins);
 * Enable/Disable made meanwhile apply on reconnect; deletion waits its days on the clock, then the key is
 * gone. Keys are named `k1`, `k2`, ... The model answers in a reduced vocabulary the harness also uses.
 */
import type { ModelStore, Outcome, XksConfig } from './model-store.js';
import { fail, ok } from './model-store.js';
import type { Scope } from './pools.js';

type Input = Record<string, unknown>;
export const DAY = 24 * 60 * 60 * 1000;
export const KEY_OPERATIONS = new Set([
  'CreateKey',
  'DescribeKey',
  'EnableKey',
  'DisableKey',
  'ScheduleKeyDeletion',
  'CancelKeyDeletion',
  'Encrypt',
]);

export interface ModelKey {
  kid: string;
  scope: Scope;
  storeMid: string;
  enabled: boolean;
  deletionAt?: number;
}

export interface KeyWorld {
  now: number;
  world: { xksRefuses(config: XksConfig): boolean };
  find(scope: Scope, id: unknown): ModelStore | undefined;
  byMid(mid: string): ModelStore | undefined;
}

export class KeyModel {
  keys: ModelKey[] = [];
  /** Every key id issued since the last reset, deleted ones included. */
  known: string[] = [];
  private counter = 0;

  countIn(mid: string): number {
    return this.keys.filter((k) => k.storeMid === mid).length;
  }

  /** Keys whose waiting period has ended are deleted (spec §6). */
  purge(now: number): void {
    this.keys = this.keys.filter((k) => k.deletionAt === undefined || k.deletionAt > now);
  }

  stateOf(world: KeyWorld, key: ModelKey): string {
    if (key.deletionAt !== undefined) return 'PendingDeletion';
    if (world.byMid(key.storeMid)?.state !== 'CONNECTED') return 'Unavailable';
    return key.enabled ? 'Enabled' : 'Disabled';
  }

  /** The XksKeyId the next external key gets: unique, so XksKeyAlreadyInUse never arises here. */
  nextXksKeyId(): string {
    return `ext-${this.counter + 1}`;
  }

  call(world: KeyWorld, scope: Scope, operation: string, input: Input): Outcome {
    if (operation === 'CreateKey') return this.create(world, scope, input);
    const key = this.keys.find((k) => k.kid === input.KeyId && k.scope === scope);
    if (!key) return fail('NotFoundException');
    const state = this.stateOf(world, key);
    switch (operation) {
      case 'DescribeKey':
        return ok({ KeyState: state });
      case 'EnableKey':
      case 'DisableKey':
        if (state === 'PendingDeletion') return fail('KMSInvalidStateException');
        key.enabled = operation === 'EnableKey';
        return ok();
      case 'ScheduleKeyDeletion':
        if (state === 'PendingDeletion') return fail('KMSInvalidStateException');
        key.deletionAt = world.now + 7 * DAY;
        return ok({ KeyState: 'PendingDeletion' });
      case 'CancelKeyDeletion':
        if (state !== 'PendingDeletion') return fail('KMSInvalidStateException');
        delete key.deletionAt;
        key.enabled = false; // a cancelled key is Disabled
        return ok();
      case 'Encrypt':
        if (state === 'Disabled') return fail('DisabledException');
        if (state !== 'Enabled') return fail('KMSInvalidStateException');
        {
          const xks = world.byMid(key.storeMid)?.xks;
          if (xks && world.world.xksRefuses(xks)) return fail('KMSInvalidStateException');
        }
        return ok();
      default:
        throw new Error(`key model: unknown operation ${operation}`);
    }
  }

  private create(world: KeyWorld, scope: Scope, input: Input): Outcome {
    const id = input.CustomKeyStoreId;
    if (typeof id === 'string' && id.length > 64) return fail('ValidationException');
    const store = world.find(scope, id);
    if (!store) return fail('CustomKeyStoreNotFoundException');
    if (input.Origin !== store.type) return fail('UnsupportedOperationException');
    if (store.state !== 'CONNECTED') return fail('CustomKeyStoreInvalidStateException');
    // KMS asks the proxy about the external key: a proxy that refuses the store's call refuses this too.
    if (store.xks && world.world.xksRefuses(store.xks)) return fail('CustomKeyStoreInvalidStateException');
    this.counter += 1;
    const key: ModelKey = { kid: `k${this.counter}`, scope, storeMid: store.mid, enabled: true };
    this.keys.push(key);
    this.known.push(key.kid);
    return ok({ KeyId: key.kid, KeyState: 'Enabled' });
  }

  reset(): void {
    this.keys = [];
    this.known = [];
  }
}
