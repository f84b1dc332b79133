/**
 * Per-call cost of the fake against the SDK floor, measured side by side in one run and reported as a
 * ratio (never asserted in tests). The floor is the same KMSClient with a request handler that returns a
 * canned response: everything the SDK does (serialize, sign, retry bookkeeping, deserialize) and nothing else.
 *
 *   npm run bench
 */
import { DescribeCustomKeyStoresCommand, KMSClient } from '@aws-sdk/client-kms';
import { createKmsFake } from '../src/index.js';

const ROUNDS = 5;
const CALLS = 2_000;

async function timeCalls(client: KMSClient, command: () => DescribeCustomKeyStoresCommand): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await client.send(command());
  return Number(process.hrtime.bigint() - start) / 1e6 / CALLS;
}

async function main(): Promise<void> {
  const fake = createKmsFake({ quota: 100 });
  for (let i = 0; i < 20; i++) {
    fake.addStore({
      CustomKeyStoreName: `store-${i}`,
      CloudHsmClusterId: `cluster-benchstore${'abcdefghijkmnopqrstu'[i]}`,
    });
  }
  const viaFake = fake.client();
  const { response } = await fake.requestHandler.handle({
    headers: { 'x-amz-target': 'TrentService.DescribeCustomKeyStores' },
    body: '{}',
  });
  const canned = response;
  const floor = new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDFLOOR', secretAccessKey: 'floor' },
    requestHandler: { handle: async () => ({ response: { ...canned, body: new Uint8Array(canned.body) } }) },
  });
  const describe = () => new DescribeCustomKeyStoresCommand({});

  // Warm both paths up, then alternate so that neither benefits from running second.
  await timeCalls(viaFake, describe);
  await timeCalls(floor, describe);
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const f = await timeCalls(floor, describe);
    const k = await timeCalls(viaFake, describe);
    ratios.push(k / f);
    console.log(
      `round ${round + 1}: SDK floor ${f.toFixed(3)} ms/call, fake ${k.toFixed(3)} ms/call, ratio ${(k / f).toFixed(2)}`,
    );
  }
  ratios.sort((a, b) => a - b);
  console.log(`median ratio fake / SDK floor (Describe of 20 stores): ${ratios[Math.floor(ROUNDS / 2)]?.toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
