import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
  type CustomKeyStoresListEntry,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expect } from 'vitest';

export async function create(kms: KMSClient, input: CreateCustomKeyStoreCommandInput): Promise<string> {
  const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(input));
  expect(CustomKeyStoreId).toMatch(/^cks-[0-9a-f]{17}$/);
  return CustomKeyStoreId as string;
}

export async function describeOne(kms: KMSClient, id: string): Promise<CustomKeyStoresListEntry> {
  const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
  expect(CustomKeyStores).toHaveLength(1);
  return (CustomKeyStores as CustomKeyStoresListEntry[])[0] as CustomKeyStoresListEntry;
}

export async function stateOf(kms: KMSClient, id: string): Promise<string | undefined> {
  return (await describeOne(kms, id)).ConnectionState;
}

/** Connect and poll until the store leaves CONNECTING, as user code does. */
export async function connectAndWait(kms: KMSClient, id: string): Promise<CustomKeyStoresListEntry> {
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  for (let i = 0; i < 10; i++) {
    const entry = await describeOne(kms, id);
    if (entry.ConnectionState !== 'CONNECTING') return entry;
  }
  throw new Error(`store ${id} never left CONNECTING`);
}

export async function disconnectAndWait(kms: KMSClient, id: string): Promise<CustomKeyStoresListEntry> {
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  for (let i = 0; i < 10; i++) {
    const entry = await describeOne(kms, id);
    if (entry.ConnectionState !== 'DISCONNECTING') return entry;
  }
  throw new Error(`store ${id} never left DISCONNECTING`);
}

/** The rejection of a promise, for asserting on SDK exception classes. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to be rejected, but it succeeded');
}

/**
 * The headers of every request `kms` sends, as the transport sees them: a middleware at the deserialize
 * step, after signing (`priority: 'high'` sits outside other deserialize middleware, `'low'` inside).
 */
export function recordSentHeaders(kms: KMSClient, priority: 'high' | 'low' = 'low'): Record<string, string>[] {
  const sent: Record<string, string>[] = [];
  kms.middlewareStack.add(
    (next) => async (args) => {
      sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
      return next(args);
    },
    { step: 'deserialize', priority },
  );
  return sent;
}
