import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand, type KMSClient } from '@aws-sdk/client-kms';
import { type PollOptions, waitForState } from './wait-for-state.js';

/** How a repair ended: CONNECTED again, or FAILED again with the new code. */
export type RepairResult = { connected: true } | { connected: false; errorCode: string | undefined };

/**
 * Retry a FAILED store the way AWS documents it: disconnect, wait for DISCONNECTED, connect, wait for
 * CONNECTED or FAILED. A FAILED store cannot be connected directly (KMS answers
 * CustomKeyStoreInvalidStateException), which is why the disconnect comes first.
 */
export async function repairStore(kms: KMSClient, storeId: string, poll: PollOptions): Promise<RepairResult> {
  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  await waitForState(kms, storeId, ['DISCONNECTED'], poll);
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  const settled = await waitForState(kms, storeId, ['CONNECTED', 'FAILED'], poll);
  return settled.ConnectionState === 'CONNECTED'
    ? { connected: true }
    : { connected: false, errorCode: settled.ConnectionErrorCode };
}
