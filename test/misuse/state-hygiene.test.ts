import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  createKmsFake,
  FakeKmsUsageError,
  fastKmsClientConfig,
  loadScenario,
  type StoreSeed,
} from '../../src/index.js';
import { cloudHsmInput } from '../support/inputs.js';
import { CLUSTER, cloudHsmSeed, usageError } from './support.js';

const ID = 'cks-1234567890abcdef0';

describe('setTiming applies to a transition already under way', () => {
  it("'manual' → Connect → setTiming('immediate'): the next Describe shows the settled state", async () => {
    const fake = createKmsFake({ stores: [cloudHsmSeed()], timing: 'manual' });
    const kms = fake.client();
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ID }));
    expect(fake.stores()[0]?.ConnectionState).toBe('CONNECTING');
    fake.setTiming('immediate');
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: ID }));
    expect(CustomKeyStores?.[0]?.ConnectionState).toBe('CONNECTED');
  });

  it('a store timing of { observations: 2 } counts Describe calls of the pending transition from now', async () => {
    const fake = createKmsFake({ stores: [cloudHsmSeed()], timing: 'manual' });
    const kms = fake.client();
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: ID }));
    fake.setTiming({ observations: 2 }, ID);
    const seen = [];
    for (let i = 0; i < 3; i++) {
      const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: ID }));
      seen.push(CustomKeyStores?.[0]?.ConnectionState);
    }
    expect(seen).toEqual(['CONNECTING', 'CONNECTING', 'CONNECTED']);
  });
});

describe('what a test hands the fake is copied on the way in', () => {
  it('changing the timing object, a seed, the stores list or a world spec afterwards changes nothing', () => {
    const timing = { observations: 1 };
    const seed: StoreSeed = cloudHsmSeed();
    const stores = [seed];
    const cluster = { clusterId: CLUSTER, state: 'ACTIVE' as const };
    const fake = createKmsFake({ stores, timing, clusters: [cluster] });
    timing.observations = 99;
    seed.CustomKeyStoreName = 'renamed';
    stores.push({ CustomKeyStoreName: 'sneaked-in', CloudHsmClusterId: 'cluster-bcdefghijkm' });
    (cluster as { state: string }).state = 'DELETED';
    fake.reset();
    expect(fake.stores().map((s) => s.CustomKeyStoreName)).toEqual(['payments']);
    expect(fake.engine.options.timing).toEqual({ observations: 1 });
    expect(fake.world.cluster(CLUSTER).describe().state).toBe('ACTIVE');
  });

  it('a seed given to addStore and a timing given to setTiming are copied too', () => {
    const fake = createKmsFake();
    const seed: StoreSeed = cloudHsmSeed();
    fake.addStore(seed);
    seed.ConnectionState = 'CONNECTED';
    const timing = { afterMs: 10 };
    fake.setTiming(timing);
    timing.afterMs = -5;
    expect(fake.stores()[0]?.ConnectionState).toBe('DISCONNECTED');
    expect(fake.engine.options.timing).toEqual({ afterMs: 10 });
  });
});

describe('scenarios and world specs refuse prototype-named keys and absurd nesting with the JSON path', () => {
  it.each(['__proto__', 'constructor', 'toString', 'valueOf'])('a "%s" key', (key) => {
    const scenario = JSON.parse(`{"stores": [], "clusters": [{"clusterId": "${CLUSTER}", "${key}": {}}]}`);
    expect(usageError(() => loadScenario(scenario))).toContain(`$.clusters[0].${key}`);
    const update = JSON.parse(`{"${key}": 1}`);
    expect(usageError(() => createKmsFake().world.cluster(CLUSTER).update(update))).toContain(`$.${key}`);
  });

  it('10,000 levels of nesting', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { kmsUser: deep };
    const message = usageError(() => loadScenario({ clusters: [{ clusterId: CLUSTER, kmsUser: deep }] }));
    expect(message).toContain('is nested more than 32 levels deep');
    expect(message).toContain('$.clusters[0].kmsUser.kmsUser');
    expect(
      usageError(() => createKmsFake().world.addCluster({ clusterId: CLUSTER, kmsUser: deep as never })),
    ).toContain('nested more than');
  });
});

describe('a call in flight during reset() does not land in the reset state', () => {
  it('is refused with a FakeKmsUsageError, leaving no store and no journal entry behind', async () => {
    const fake = createKmsFake({ stores: [cloudHsmSeed()] });
    const kms = fake.client();
    const inFlight = kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    fake.reset();
    await expect(inFlight).rejects.toThrow(/started before fake.reset\(\)/);
    await expect(inFlight).rejects.toBeInstanceOf(FakeKmsUsageError);
    expect(fake.stores().map((s) => s.CustomKeyStoreName)).toEqual(['payments']);
    expect(fake.journal).toEqual([]);
    await expect(kms.send(new DescribeCustomKeyStoresCommand({}))).resolves.toBeDefined();
  });

  it('holds for every way of calling send(): with options, with a callback, under a later install()', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const withOptions = kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()), {
      abortSignal: new AbortController().signal,
    });
    const withCallback = new Promise((resolve, reject) =>
      kms.send(new DescribeCustomKeyStoresCommand({}), (error: unknown, out: unknown) =>
        error ? reject(error) : resolve(out),
      ),
    );
    fake.reset();
    await expect(withOptions).rejects.toThrow(/started before fake.reset\(\)/);
    await expect(withCallback).rejects.toBeInstanceOf(FakeKmsUsageError);
    expect(fake.journal).toEqual([]);

    fake.install();
    try {
      const underInstall = kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'x' })));
      fake.reset();
      await expect(underInstall).rejects.toBeInstanceOf(FakeKmsUsageError);
      const after = await kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'y' })), {});
      expect(fake.stores().map((s) => s.CustomKeyStoreId)).toEqual([after.CustomKeyStoreId]);
    } finally {
      fake.uninstall();
    }
  });

  it('holds for a client the user built and attached', async () => {
    const fake = createKmsFake();
    const kms = new KMSClient({ region: 'us-east-1' });
    fake.attach(kms);
    const inFlight = kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput()));
    fake.reset();
    await expect(inFlight).rejects.toBeInstanceOf(FakeKmsUsageError);
    expect(fake.stores()).toEqual([]);
    fake.detach(kms);
  });

  it('holds for clients that cache their middleware, when a call of the same command starts right after the reset', async () => {
    const fake = createKmsFake();
    const built = fake.client(fastKmsClientConfig());
    const attached = new KMSClient({ region: 'us-east-1', ...fastKmsClientConfig() });
    fake.attach(attached);
    for (const kms of [built, attached]) {
      await kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'warm-up' })));
      fake.reset();
      const before = kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'before' })));
      fake.reset();
      const after = kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CustomKeyStoreName: 'after' })));
      await expect(before).rejects.toThrow(/started before fake.reset\(\)/);
      await expect(after).resolves.toMatchObject({ CustomKeyStoreId: expect.any(String) });
      expect(fake.stores().map((s) => s.CustomKeyStoreName)).toEqual(['after']);
      fake.reset();
    }
    fake.detach(attached);
  });
});
