/**
 * Targets 1 and 2 of issue 13: the fake's cost per call against the SDK floor, and a fast client
 * configuration against the same floor, each measured side by side in one run.
 */
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import type { KmsFake } from '../src/index.js';
import { clusterIdFor, floorClient, recordResponse, TRUST_ANCHOR } from './lib/floor.js';
import { compare, perRunCpuUs } from './lib/measure.js';
import { fmt, median, type Row, row } from './lib/stats.js';
import type { BenchOptions } from './options.js';

// The built package, as users run it (`npm run bench` builds it first); its types are the sources'.
const DIST = '../dist/index.js';
const { createKmsFake, fastKmsClientConfig } = (await import(DIST)) as typeof import('../src/index.js');

function fakeWith(stores: number): KmsFake {
  const fake = createKmsFake({ quota: 1_000, seed: 'bench' });
  for (let i = 0; i < stores; i++) {
    fake.addStore({
      CustomKeyStoreName: `store-${i}`,
      CloudHsmClusterId: clusterIdFor(i),
      TrustAnchorCertificate: TRUST_ANCHOR,
    });
  }
  return fake;
}

const createInput = {
  CustomKeyStoreName: 'bench-new',
  CloudHsmClusterId: clusterIdFor(999),
  TrustAnchorCertificate: TRUST_ANCHOR,
  KeyStorePassword: 'bench-password',
};

interface Scenario {
  name: string;
  stores: number;
  /** One run of the scenario through `kms`; `fake` is the fake behind it, or undefined for the floor. */
  run: (kms: KMSClient, fake?: KmsFake) => Promise<void>;
  /** The operations to record for the floor, from a fresh fake. */
  record: (fake: KmsFake) => Promise<[string, Awaited<ReturnType<typeof recordResponse>>[1]][]>;
}

const describeAll: Scenario['record'] = async (fake) => [await recordResponse(fake, 'DescribeCustomKeyStores', {})];

const SCENARIOS: Scenario[] = [
  {
    name: 'DescribeCustomKeyStores of 3 stores',
    stores: 3,
    run: async (kms) => void (await kms.send(new DescribeCustomKeyStoresCommand({}))),
    record: describeAll,
  },
  {
    name: 'DescribeCustomKeyStores of 20 stores',
    stores: 20,
    run: async (kms) => void (await kms.send(new DescribeCustomKeyStoresCommand({}))),
    record: describeAll,
  },
  {
    name: 'Create + Delete',
    stores: 3,
    run: async (kms) => {
      const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(createInput));
      await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId }));
    },
    record: async (fake) => {
      const create = await recordResponse(fake, 'CreateCustomKeyStore', createInput);
      const id = JSON.parse(new TextDecoder().decode(create[1].body)).CustomKeyStoreId;
      return [create, await recordResponse(fake, 'DeleteCustomKeyStore', { CustomKeyStoreId: id })];
    },
  },
  {
    name: 'Connect → Describe → Describe',
    stores: 3,
    run: async (kms, fake) => {
      const CustomKeyStoreId = connectTarget(fake);
      await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
      await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
      await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }));
      // Back to DISCONNECTED for the next run (a control call, not a KMS call). The floor's runs make the same
      // control call on a fake of their own, so the harness costs both sides alike.
      const target = fake ?? floorSideFake();
      target.setState(connectTarget(target), 'DISCONNECTED');
    },
    record: async (fake) => {
      const CustomKeyStoreId = connectTarget(fake);
      return [
        await recordResponse(fake, 'ConnectCustomKeyStore', { CustomKeyStoreId }),
        await recordResponse(fake, 'DescribeCustomKeyStores', { CustomKeyStoreId }),
      ];
    },
  },
];

const FLOOR_ID = 'cks-00000000000000000';
const targets = new WeakMap<KmsFake, string>();
/** The store a run connects: the first of the fake's (looked up once), or any id for the floor. */
function connectTarget(fake: KmsFake | undefined): string {
  if (!fake) return FLOOR_ID;
  let id = targets.get(fake);
  if (id === undefined) {
    id = fake.stores()[0]?.CustomKeyStoreId as string;
    targets.set(fake, id);
  }
  return id;
}
let floorSide: KmsFake | undefined;
function floorSideFake(): KmsFake {
  floorSide ??= fakeWith(3);
  return floorSide;
}

export async function perCall(options: BenchOptions): Promise<Row[]> {
  const rows: Row[] = [];
  // Batches long enough to hold several garbage collections, and many rounds: a neighbour's burst then
  // spoils a few rounds, not the median.
  const calls = options.quick ? 20 : 100;
  const rounds = options.quick ? 7 : 21;
  // 1,000 calls a side (5,000 without --quick) before the first measured round: optimized code on both.
  const warmUp = 50;
  const batch = (kms: KMSClient, scenario: Scenario, fake?: KmsFake) => () =>
    perRunCpuUs(calls, () => scenario.run(kms, fake));

  for (const [i, scenario] of SCENARIOS.entries()) {
    const fake = fakeWith(scenario.stores);
    const floor = floorClient(new Map(await scenario.record(fakeWith(scenario.stores))));
    const result = await compare(
      { name: 'floor', batch: batch(floor, scenario) },
      { name: 'fake', batch: batch(fake.client(), scenario, fake) },
      rounds,
      warmUp,
    );
    rows.push(
      row(
        {
          id: `1${'abcd'[i]}`,
          figure: `fake.client() / SDK floor: ${scenario.name}`,
          how: `${calls} runs per batch, interleaved, CPU time; floor ${fmt(median(result.baselineUs))} µs, fake ${fmt(median(result.candidateUs))} µs per run`,
          unit: '×',
          target: '≤ 1.10',
        },
        result.ratios,
      ),
    );
  }

  // attach and install against fake.client(), on Describe of 3 stores.
  const scenario = SCENARIOS[0] as Scenario;
  const fake = fakeWith(3);
  const viaClient = { name: 'fake.client()', batch: batch(fake.client(), scenario) };
  const attached = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
  });
  fake.attach(attached);
  const attach = await compare(viaClient, { name: 'attach', batch: batch(attached, scenario) }, rounds, warmUp);
  rows.push(ratioRow('1e', 'attach(client) / fake.client(): Describe of 3 stores', calls, attach, '≤ 1.05'));
  fake.install();
  try {
    const installed = new KMSClient({ region: 'us-east-1' });
    const install = await compare(viaClient, { name: 'install', batch: batch(installed, scenario) }, rounds, warmUp);
    rows.push(ratioRow('1f', 'install() / fake.client(): Describe of 3 stores', calls, install, '≤ 1.05'));
  } finally {
    fake.uninstall();
  }

  // Target 2: the fast configuration, and aws-sdk-client-mock's stub as a reference, against the default floor.
  const floor = floorClient(new Map(await describeAll(fakeWith(3))));
  const floorSide = { name: 'floor', batch: batch(floor, scenario) };
  const fast = await compare(
    floorSide,
    { name: 'fast', batch: batch(fake.client(fastKmsClientConfig()), scenario) },
    rounds,
    warmUp,
  );
  rows.push(
    ratioRow(
      '2a',
      'fake.client(fastKmsClientConfig()) / default SDK floor: Describe of 3 stores',
      calls,
      fast,
      '≤ 0.60',
    ),
  );
  const stubbed = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
  });
  const stubs = mockClient(stubbed);
  const described = JSON.parse(
    new TextDecoder().decode(((await describeAll(fakeWith(3)))[0] as [string, { body: Uint8Array }])[1].body),
  );
  stubs.on(DescribeCustomKeyStoresCommand).resolves(described);
  const mock = await compare(floorSide, { name: 'mock', batch: batch(stubbed, scenario) }, rounds, warmUp);
  stubs.restore();
  rows.push(ratioRow('2b', 'aws-sdk-client-mock stub (no serde) / default SDK floor', calls, mock, 'reference'));
  return rows;
}

function ratioRow(
  id: string,
  figure: string,
  calls: number,
  result: Awaited<ReturnType<typeof compare>>,
  target: string,
): Row {
  return row(
    {
      id,
      figure,
      how: `${calls} calls per batch, interleaved, CPU time; ${fmt(median(result.baselineUs))} vs ${fmt(median(result.candidateUs))} µs per call`,
      unit: '×',
      target,
    },
    result.ratios,
  );
}
