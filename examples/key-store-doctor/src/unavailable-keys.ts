import { DescribeKeyCommand, type KMSClient, paginateListKeys } from '@aws-sdk/client-kms';

/**
 * The KMS keys that are `Unavailable` now, by custom key store id: keys of a store that is not connected
 * cannot be used for cryptography until it is connected again, which is what the people who own the
 * applications using them need to hear.
 */
export async function unavailableKeysByStore(kms: KMSClient): Promise<Map<string, string[]>> {
  const byStore = new Map<string, string[]>();
  for await (const page of paginateListKeys({ client: kms }, {})) {
    for (const { KeyId } of page.Keys ?? []) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId }));
      const storeId = KeyMetadata?.CustomKeyStoreId;
      if (KeyMetadata?.KeyState !== 'Unavailable' || !storeId || !KeyId) continue;
      byStore.set(storeId, [...(byStore.get(storeId) ?? []), KeyId]);
    }
  }
  return byStore;
}
