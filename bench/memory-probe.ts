/**
 * Run by bench/memory.ts in its own process with `--expose-gc`, so the heap holds nothing but what each
 * measurement builds. Prints one JSON object.
 */
import { createKmsFake, type StoreSeed } from '../src/index.js';
import { clusterIdFor, TRUST_ANCHOR } from './lib/floor.js';

const gc = (globalThis as { gc?: () => void }).gc as () => void;
function heap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const rounds = Number(process.argv[2] ?? 3);
const seeds: StoreSeed[] = Array.from({ length: 10_000 }, (_, i) => ({
  CustomKeyStoreName: `store-${i}`,
  CloudHsmClusterId: clusterIdFor(i),
  TrustAnchorCertificate: TRUST_ANCHOR,
  KeyStorePassword: 'bench-password',
}));

async function describeCalls(stores: number, calls: number, journalLimit: number): Promise<number> {
  const fake = createKmsFake({ quota: stores, journalLimit });
  for (let i = 0; i < stores; i++) fake.addStore(seeds[i] as StoreSeed);
  const request = { headers: { 'x-amz-target': 'TrentService.DescribeCustomKeyStores' }, body: '{}' };
  await fake.requestHandler.handle(request);
  fake.reset();
  for (let i = 0; i < stores; i++) fake.addStore(seeds[i] as StoreSeed);
  const before = heap();
  for (let i = 0; i < calls; i++) await fake.requestHandler.handle(request);
  const after = heap();
  if (fake.callCount() !== calls) throw new Error('lost calls');
  return after - before;
}

/** Heap growth over `more` calls made after the journal is already full at `limit` entries. */
async function growthBeyondLimit(limit: number, more: number): Promise<number> {
  const fake = createKmsFake({ quota: 3, journalLimit: limit });
  for (let i = 0; i < 3; i++) fake.addStore(seeds[i] as StoreSeed);
  const request = { headers: { 'x-amz-target': 'TrentService.DescribeCustomKeyStores' }, body: '{}' };
  for (let i = 0; i < limit; i++) await fake.requestHandler.handle(request);
  const before = heap();
  for (let i = 0; i < more; i++) await fake.requestHandler.handle(request);
  const after = heap();
  if (fake.callCount() !== limit + more || fake.journal.length !== limit) throw new Error('journal miscounted');
  return after - before;
}

/** Heap per key of a fake holding 10,000 keys, made by `make` (the seeds it reads are allocated before). */
function perKey(make: () => unknown): number {
  const before = heap();
  const fake = make();
  const after = heap();
  void fake;
  return (after - before) / 10_000;
}
const kmsKeySeeds = Array.from({ length: 10_000 }, () => ({}));
const storeOfKeys: StoreSeed[] = [{ ...(seeds[0] as StoreSeed), ConnectionState: 'CONNECTED', KeyCount: 10_000 }];

const out: Record<string, number[]> = {
  perStore: [],
  perKmsKey: [],
  perHsmKey: [],
  perEntry3: [],
  perEntry100: [],
  bounded: [],
};
for (let round = 0; round < rounds; round++) {
  const before = heap();
  let fake = createKmsFake({ stores: seeds, quota: seeds.length });
  const after = heap();
  out.perStore?.push((after - before) / seeds.length);
  fake = createKmsFake();
  void fake;
  out.perKmsKey?.push(perKey(() => createKmsFake({ keys: kmsKeySeeds })));
  out.perHsmKey?.push(perKey(() => createKmsFake({ stores: storeOfKeys })));
  out.perEntry3?.push((await describeCalls(3, 10_000, Number.POSITIVE_INFINITY)) / 10_000);
  out.perEntry100?.push((await describeCalls(100, 2_000, Number.POSITIVE_INFINITY)) / 2_000);
  // The default limit of 10,000 entries: calls 10,001 to 50,000 add nothing to the heap.
  out.bounded?.push((await growthBeyondLimit(10_000, 40_000)) / 1024 / 1024);
}
console.log(JSON.stringify(out));
