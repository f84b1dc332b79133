import type { ConnectionErrorCode, KmsFake, StoreSeed } from 'fake-kms';

/**
 * The stores the doctor's tests start from, in one place. Stores are seeded as Describe shows them
 * (`addStore`, `setState`); what happens on the next connect comes from the backing world
 * (`fake.world`): a retry fails because the cluster or proxy is still broken, in the way that yields the
 * code, and `failNextConnect` covers the codes the world cannot produce on that store type.
 */
let clusters = 0;

/**
 * A cluster of its own for each CloudHSM store, as on AWS (one store per cluster): KMS rotates the
 * `kmsuser` password when it connects, so two stores sharing a cluster would lock each other out.
 */
function nextCluster(): string {
  clusters += 1;
  const letters = clusters
    .toString(26)
    .replace(/[0-9a-p]/g, (d) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(d, 26)] as string);
  return `cluster-doctor${letters.padStart(5, 'a')}`;
}

function xksSeed(name: string): Omit<StoreSeed, 'ConnectionState'> {
  return {
    CustomKeyStoreName: name,
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyConfiguration: {
      Connectivity: 'PUBLIC_ENDPOINT',
      AccessKeyId: 'ABCDE23456ABCDE23456',
      // A host name has no underscores (the store names here come from codes such as XKS_PROXY_TIMED_OUT).
      UriEndpoint: `https://${name.replaceAll('_', '-')}.xks.example.com`,
      UriPath: '/kms/xks/v1',
    },
    XksProxyRawSecretAccessKey: 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=',
  };
}

function cloudHsmSeed(name: string): Omit<StoreSeed, 'ConnectionState'> {
  return { CustomKeyStoreName: name, CloudHsmClusterId: nextCluster(), KeyStorePassword: 'kmsPswd-2026' };
}

/** An XKS store for XKS_* codes, a CloudHSM store for the rest, as KMS would report them. */
function seedFor(name: string, code?: ConnectionErrorCode): Omit<StoreSeed, 'ConnectionState'> {
  return code?.startsWith('XKS_') ? xksSeed(name) : cloudHsmSeed(name);
}

export function connectedStore(fake: KmsFake, name = 'healthy-hsm'): string {
  return fake.addStore({ ...cloudHsmSeed(name), ConnectionState: 'CONNECTED' });
}

export function disconnectedSeed(name: string): StoreSeed {
  return { ...cloudHsmSeed(name), ConnectionState: 'DISCONNECTED' };
}

export function disconnectedStore(fake: KmsFake, name = 'parked-hsm'): string {
  return fake.addStore(disconnectedSeed(name));
}

export function failedSeed(code: ConnectionErrorCode, name: string): StoreSeed {
  return { ...seedFor(name, code), ConnectionState: 'FAILED', ConnectionErrorCode: code };
}

/** A store someone is connecting right now. */
export function connectingStore(fake: KmsFake, name = 'busy-hsm'): string {
  const id = fake.addStore({ ...cloudHsmSeed(name), ConnectionState: 'DISCONNECTED' });
  fake.setState(id, 'CONNECTING');
  return id;
}

/** A store whose last connect failed with `code`. */
export function failedStore(fake: KmsFake, code: ConnectionErrorCode, name = `failed-${code.toLowerCase()}`): string {
  return fake.addStore(failedSeed(code, name));
}

type WorldBreak = (fake: KmsFake, store: StoreSeed) => void;

/** How the backing world looks when a connect ends with each code, per store type. */
const CLUSTER_BREAKS: Partial<Record<ConnectionErrorCode, WorldBreak>> = {
  INVALID_CREDENTIALS: (f, s) =>
    f.world.cluster(s.CloudHsmClusterId as string).changeKmsUserPassword('rotated-by-hand'),
  USER_LOCKED_OUT: (f, s) => f.world.cluster(s.CloudHsmClusterId as string).lockOutKmsUser(),
  USER_LOGGED_IN: (f, s) => f.world.cluster(s.CloudHsmClusterId as string).logInKmsUser(),
  USER_NOT_FOUND: (f, s) => f.world.cluster(s.CloudHsmClusterId as string).removeKmsUser(),
  INSUFFICIENT_CLOUDHSM_HSMS: (f, s) => f.world.cluster(s.CloudHsmClusterId as string).removeAllHsms(),
  CLUSTER_NOT_FOUND: (f, s) => f.world.cluster(s.CloudHsmClusterId as string).delete(),
};
const PROXY_BREAKS: Partial<Record<ConnectionErrorCode, WorldBreak>> = {
  XKS_PROXY_NOT_REACHABLE: (f, s) => f.world.proxy(s.XksProxyConfiguration?.UriEndpoint as string).takeOffline(),
  XKS_PROXY_TIMED_OUT: (f, s) => f.world.proxy(s.XksProxyConfiguration?.UriEndpoint as string).respondAfter(5_000),
  XKS_PROXY_ACCESS_DENIED: (f, s) => f.world.proxy(s.XksProxyConfiguration?.UriEndpoint as string).denyKms(),
};

/** The next connect of the store fails again with `code`: the world is (still) broken that way. */
export function retryWillFail(fake: KmsFake, storeId: string, code: ConnectionErrorCode): void {
  const store = fake.stores().find((s) => s.CustomKeyStoreId === storeId);
  if (!store) throw new Error(`no store ${storeId}`);
  const breaks = store.CustomKeyStoreType === 'EXTERNAL_KEY_STORE' ? PROXY_BREAKS : CLUSTER_BREAKS;
  const breakWorld = breaks[code];
  if (breakWorld) breakWorld(fake, store);
  else fake.failNextConnect(storeId, code);
}
