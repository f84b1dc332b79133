import type { ConnectionErrorCode, KmsFake, StoreSeed } from 'fake-kms';

/**
 * The stores the doctor's tests start from, in one place. Today they are seeded with `addStore`,
 * `setState` and `failNextConnect`; when the backing-world fixtures land, each function can build the
 * world that produces the same state (a locked-out kmsuser, an unreachable proxy, …) instead, and no
 * test has to change.
 */
const CLUSTER = 'cluster-1a23b4cdefg';

function xksSeed(name: string): Omit<StoreSeed, 'ConnectionState'> {
  return {
    CustomKeyStoreName: name,
    CustomKeyStoreType: 'EXTERNAL_KEY_STORE',
    XksProxyConfiguration: {
      Connectivity: 'PUBLIC_ENDPOINT',
      AccessKeyId: 'ABCDE23456ABCDE23456',
      UriEndpoint: `https://${name}.xks.example.com`,
      UriPath: '/kms/xks/v1',
    },
    XksProxyRawSecretAccessKey: 'DXjSUawnel2fr6SKC7G25CNxTyWKE5PF9XX6H/u9pSo=',
  };
}

function cloudHsmSeed(name: string): Omit<StoreSeed, 'ConnectionState'> {
  return { CustomKeyStoreName: name, CloudHsmClusterId: CLUSTER, KeyStorePassword: 'kmsPswd-2026' };
}

/** An XKS store for XKS_* codes, a CloudHSM store for the rest, as KMS would report them. */
function seedFor(name: string, code?: ConnectionErrorCode): Omit<StoreSeed, 'ConnectionState'> {
  return code?.startsWith('XKS_') ? xksSeed(name) : cloudHsmSeed(name);
}

export function connectedStore(fake: KmsFake, name = 'healthy-hsm'): string {
  return fake.addStore({ ...cloudHsmSeed(name), ConnectionState: 'CONNECTED' });
}

export function disconnectedStore(fake: KmsFake, name = 'parked-hsm'): string {
  return fake.addStore({ ...cloudHsmSeed(name), ConnectionState: 'DISCONNECTED' });
}

/** A store someone is connecting right now. */
export function connectingStore(fake: KmsFake, name = 'busy-hsm'): string {
  const id = fake.addStore({ ...cloudHsmSeed(name), ConnectionState: 'DISCONNECTED' });
  fake.setState(id, 'CONNECTING');
  return id;
}

/** A store whose last connect failed with `code`. */
export function failedStore(fake: KmsFake, code: ConnectionErrorCode, name = `failed-${code.toLowerCase()}`): string {
  return fake.addStore({ ...seedFor(name, code), ConnectionState: 'FAILED', ConnectionErrorCode: code });
}

/** The next connect of the store fails again, this time with `code`. */
export function retryWillFail(fake: KmsFake, storeId: string, code: ConnectionErrorCode): void {
  fake.failNextConnect(storeId, code);
}
