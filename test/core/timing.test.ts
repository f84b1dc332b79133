import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { cloudHsmInput } from '../support/inputs.js';
import { create, stateOf } from '../support/kms.js';

describe('timing of asynchronous transitions (§8.16)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('by default shows CONNECTING and DISCONNECTING to exactly one Describe, then settles', async () => {
    const kms = createKmsFake().client();
    const id = await create(kms, cloudHsmInput());
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(await stateOf(kms, id)).toBe('CONNECTING');
    expect(await stateOf(kms, id)).toBe('CONNECTED');
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(await stateOf(kms, id)).toBe('DISCONNECTING');
    expect(await stateOf(kms, id)).toBe('DISCONNECTED');
  });

  it('settles before Connect returns with immediate timing', async () => {
    const kms = createKmsFake({ timing: 'immediate' }).client();
    const id = await create(kms, cloudHsmInput());
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(await stateOf(kms, id)).toBe('CONNECTED');
  });

  it('settles after N observations', async () => {
    const kms = createKmsFake({ timing: { observations: 3 } }).client();
    const id = await create(kms, cloudHsmInput());
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push(await stateOf(kms, id));
    expect(seen).toEqual(['CONNECTING', 'CONNECTING', 'CONNECTING', 'CONNECTED']);
  });

  it('settles after a duration on Vitest fake timers', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z'), toFake: ['Date'] });
    const kms = createKmsFake({ timing: { afterMs: 5 * 60_000 } }).client();
    const id = await create(kms, cloudHsmInput());
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(await stateOf(kms, id)).toBe('CONNECTING');
    vi.advanceTimersByTime(4 * 60_000);
    expect(await stateOf(kms, id)).toBe('CONNECTING');
    vi.advanceTimersByTime(60_000);
    expect(await stateOf(kms, id)).toBe('CONNECTED');
  });

  it('settles only by hand with manual timing', async () => {
    const fake = createKmsFake({ timing: 'manual' });
    const kms = fake.client();
    const id = await create(kms, cloudHsmInput());
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    for (let i = 0; i < 5; i++) expect(await stateOf(kms, id)).toBe('CONNECTING');
    fake.settle();
    expect(await stateOf(kms, id)).toBe('CONNECTED');
  });

  it('takes a timing per store', async () => {
    const fake = createKmsFake({ timing: 'immediate' });
    const kms = fake.client();
    const slow = await create(kms, cloudHsmInput());
    const fast = await create(kms, cloudHsmInput());
    fake.setTiming('manual', slow);
    for (const id of [slow, fast]) await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    expect(await stateOf(kms, fast)).toBe('CONNECTED');
    expect(await stateOf(kms, slow)).toBe('CONNECTING');
  });

  it('refuses a timing it does not understand, as misuse of the fake', () => {
    expect(() => createKmsFake({ timing: { observations: -1 } })).toThrow(/timing must be/);
    expect(() => createKmsFake({ timing: 'soon' as never })).toThrow(/timing must be/);
  });
});
