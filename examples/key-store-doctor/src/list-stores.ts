import { type CustomKeyStoresListEntry, type KMSClient, paginateDescribeCustomKeyStores } from '@aws-sdk/client-kms';

/** Every custom key store of the client's account and Region, walking all pages with the SDK's paginator. */
export async function listStores(kms: KMSClient, pageSize?: number): Promise<CustomKeyStoresListEntry[]> {
  const stores: CustomKeyStoresListEntry[] = [];
  const pages = paginateDescribeCustomKeyStores({ client: kms, ...(pageSize ? { pageSize } : {}) }, {});
  for await (const page of pages) stores.push(...(page.CustomKeyStores ?? []));
  return stores;
}
