/**
 * Cost of key operations in the fake, side by side with the SDK floor (the same KMSClient answered by a canned
 * response), as ratios: Encrypt under a key in a CloudHSM store, and a ListKeys page deep into 10,000 keys
 * (paging keeps its place by binary search, so a late page costs what an early one does). Never asserted.
 *
 *   npx tsx bench/keys.ts
 */
import { EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { createKmsFake } from '../src/index.js';

const CALLS = 1_000;

async function perCall(client: KMSClient, command: () => object): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await client.send(command() as never);
  return Number(process.hrtime.bigint() - start) / 1e6 / CALLS;
}

function floorFor(response: { statusCode: number; headers: Record<string, string>; body: Uint8Array }): KMSClient {
  return new KMSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDFLOOR', secretAccessKey: 'floor' },
    requestHandler: { handle: async () => ({ response: { ...response, body: new Uint8Array(response.body) } }) },
  });
}

async function main(): Promise<void> {
  const fake = createKmsFake({
    stores: [
      {
        CustomKeyStoreId: 'cks-1234567890abcdef0',
        CustomKeyStoreName: 'bench-hsm',
        CloudHsmClusterId: 'cluster-benchstorea',
        ConnectionState: 'CONNECTED',
        KeyCount: 10_000,
      },
    ],
  });
  const kms = fake.client();
  const keyId = fake.keys()[0]?.KeyId as string;
  const plaintext = new Uint8Array(256);
  const encrypt = () => new EncryptCommand({ KeyId: keyId, Plaintext: plaintext });
  let marker: string | undefined;
  for (let i = 0; i < 9; i++)
    marker = (await kms.send(new ListKeysCommand({ Limit: 1000, Marker: marker }))).NextMarker;
  const lastPage = () => new ListKeysCommand({ Limit: 100, Marker: marker });
  const firstPage = () => new ListKeysCommand({ Limit: 100 });

  const cases: [string, () => object, string, object][] = [
    ['Encrypt (256 bytes)', encrypt, 'Encrypt', { KeyId: keyId, Plaintext: Buffer.from(plaintext).toString('base64') }],
    ['ListKeys, first page of 100', firstPage, 'ListKeys', { Limit: 100 }],
    ['ListKeys, page of 100 after 9,000 keys', lastPage, 'ListKeys', { Limit: 100, Marker: marker }],
  ];
  for (const [name, command, target, input] of cases) {
    const body = JSON.stringify(input);
    const { response } = await fake.requestHandler.handle({
      headers: { 'x-amz-target': `TrentService.${target}` },
      body,
    });
    const floor = floorFor(response);
    await perCall(kms, command);
    await perCall(floor, command);
    const f = await perCall(floor, command);
    const k = await perCall(kms, command);
    console.log(
      `${name}: SDK floor ${f.toFixed(3)} ms/call, fake ${k.toFixed(3)} ms/call, ratio ${(k / f).toFixed(2)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
