import type { Agent } from 'node:http';
import { number, send, storeIdOf, type WireRequest, type Workload } from './server-load.js';

/**
 * An operation `npm run bench:server` measures. `setup` runs on a freshly reset server and gives the workload
 * (undefined when that server cannot set it up); `probe` sends it once and says why it fails, if it does.
 */
export interface Operation {
  name: string;
  setup: (agent: Agent, url: string) => Promise<Workload | undefined>;
}

const repeat = (target: string, body: string): Workload => ({ kind: 'repeat', request: { target, body } });

/** A key to describe or encrypt under, or undefined when the server cannot make one. */
async function oneKey(agent: Agent, url: string): Promise<string | undefined> {
  const res = await send(agent, url, { target: 'CreateKey', body: '{}' });
  return res.status === 200
    ? (JSON.parse(res.body) as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId
    : undefined;
}

/** A public-endpoint XKS store; `%N%` is numbered per request, so names and endpoints stay unique. */
const XKS_STORE = JSON.stringify({
  CustomKeyStoreName: 'bench-%N%',
  CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
  XksProxyConnectivity: 'PUBLIC_ENDPOINT',
  XksProxyUriEndpoint: 'https://xks-%N%.example.com',
  XksProxyUriPath: '/kms/xks/v1',
  XksProxyAuthenticationCredential: {
    AccessKeyId: 'ABCDE23456ABCDE23456',
    RawSecretAccessKey: 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=',
  },
});

export const OPERATIONS: Operation[] = [
  {
    name: 'ListKeys (1 key)',
    setup: async (agent, url) => ((await oneKey(agent, url)) ? repeat('ListKeys', '{}') : undefined),
  },
  {
    name: 'DescribeKey',
    setup: async (agent, url) => {
      const id = await oneKey(agent, url);
      return id ? repeat('DescribeKey', JSON.stringify({ KeyId: id })) : undefined;
    },
  },
  {
    name: 'Encrypt',
    setup: async (agent, url) => {
      const id = await oneKey(agent, url);
      const plaintext = Buffer.from('fake-kms benchmark').toString('base64');
      return id ? repeat('Encrypt', JSON.stringify({ KeyId: id, Plaintext: plaintext })) : undefined;
    },
  },
  { name: 'CreateKey', setup: async () => repeat('CreateKey', '{}') },
  {
    name: 'DescribeCustomKeyStores (5 stores)',
    setup: async (agent, url) => {
      // A server that cannot create stores still shows what it answers to Describe, in the probe.
      for (let i = 1; i <= 5; i++)
        await send(agent, url, { target: 'CreateCustomKeyStore', body: number(XKS_STORE, 1_000_000 + i) });
      return repeat('DescribeCustomKeyStores', '{}');
    },
  },
  {
    name: 'CreateCustomKeyStore + DeleteCustomKeyStore (each a request)',
    setup: async () => ({ kind: 'create-delete', template: XKS_STORE }),
  },
];

/** Send the workload once; undefined when the server answers it, else why not (status and error type). */
export async function probe(agent: Agent, url: string, workload: Workload): Promise<string | undefined> {
  const why = (res: { status: number; body: string }) =>
    `${res.status} ${/"__type":\s*"([^"]+)"/.exec(res.body)?.[1] ?? ''}`.trim();
  if (workload.kind === 'repeat') {
    const res = await send(agent, url, workload.request);
    return res.status === 200 ? undefined : why(res);
  }
  const created = await send(agent, url, { target: 'CreateCustomKeyStore', body: number(workload.template, 0) });
  const id = storeIdOf(created);
  if (!id) return why(created);
  const deleted = await send(agent, url, deleteStore(id));
  return deleted.status === 200 ? undefined : why(deleted);
}

const deleteStore = (id: string): WireRequest => ({
  target: 'DeleteCustomKeyStore',
  body: JSON.stringify({ CustomKeyStoreId: id }),
});
