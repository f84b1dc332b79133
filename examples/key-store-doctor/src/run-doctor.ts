import { type CustomKeyStoresListEntry, KMSClient } from '@aws-sdk/client-kms';
import { classifyErrorCode } from './classify-error-code.js';
import { listStores } from './list-stores.js';
import { repairStore } from './repair-store.js';
import { unavailableKeysByStore } from './unavailable-keys.js';
import type { PollOptions } from './wait-for-state.js';

/** What the doctor found for one store, and what it did. */
export interface Finding {
  storeId: string;
  name: string;
  /**
   * - `healthy`: CONNECTED.
   * - `left-alone`: DISCONNECTED (someone disconnected it on purpose) or mid-transition (someone is at work).
   * - `repaired`: it was FAILED with a code a retry can help, and is CONNECTED again.
   * - `needs-a-person`: FAILED with a code only a person can fix, or the retry did not bring it back.
   */
  outcome: 'healthy' | 'left-alone' | 'repaired' | 'needs-a-person';
  /** The ConnectionErrorCode that matters: the one found, or the one the retry ended with. */
  errorCode?: string;
  reason?: string;
  /** Ids of the store's KMS keys that are still `Unavailable` after the doctor's work (only when there are any). */
  unavailableKeys?: string[];
}

export interface DoctorOptions extends Partial<PollOptions> {
  /** Stores per Describe page (the SDK paginator's `pageSize`). Default: the service's default. */
  pageSize?: number;
}

/**
 * Look at every custom key store of the client's account and Region, repair the FAILED ones a retry can
 * help, and report the ones that need a person, with the reason, and the KMS keys each leaves Unavailable. Without a client it builds its own,
 * from the environment (Region, credentials), as a scheduled job would.
 */
export async function runDoctor(kms: KMSClient = new KMSClient({}), options: DoctorOptions = {}): Promise<Finding[]> {
  const poll: PollOptions = { maxPolls: options.maxPolls ?? 10, delayMs: options.delayMs ?? 2_000 };
  const findings: Finding[] = [];
  for (const store of await listStores(kms, options.pageSize)) findings.push(await examine(kms, store, poll));
  // Looked up after the repairs: a repaired store's keys are available again.
  const unavailable = await unavailableKeysByStore(kms);
  return findings.map((f) => {
    const keys = unavailable.get(f.storeId);
    return keys ? { ...f, unavailableKeys: keys } : f;
  });
}

async function examine(kms: KMSClient, store: CustomKeyStoresListEntry, poll: PollOptions): Promise<Finding> {
  const base = { storeId: store.CustomKeyStoreId ?? '', name: store.CustomKeyStoreName ?? '' };
  switch (store.ConnectionState) {
    case 'CONNECTED':
      return { ...base, outcome: 'healthy' };
    case 'FAILED':
      return repairOrReport(kms, base, store.ConnectionErrorCode, poll);
    default:
      return { ...base, outcome: 'left-alone', reason: `${store.ConnectionState}: not failed, so not touched.` };
  }
}

async function repairOrReport(
  kms: KMSClient,
  base: Pick<Finding, 'storeId' | 'name'>,
  code: string | undefined,
  poll: PollOptions,
): Promise<Finding> {
  const diagnosis = classifyErrorCode(code);
  if (diagnosis.action === 'needs-a-person') {
    return { ...base, outcome: 'needs-a-person', ...(code ? { errorCode: code } : {}), reason: diagnosis.reason };
  }
  try {
    const result = await repairStore(kms, base.storeId, poll);
    if (result.connected) return { ...base, outcome: 'repaired', ...(code ? { errorCode: code } : {}) };
    const again = classifyErrorCode(result.errorCode);
    return {
      ...base,
      outcome: 'needs-a-person',
      ...(result.errorCode ? { errorCode: result.errorCode } : {}),
      reason: `a retry after ${code} failed again: ${again.reason}`,
    };
  } catch (error) {
    const { name, message } = error as Error;
    return {
      ...base,
      outcome: 'needs-a-person',
      ...(code ? { errorCode: code } : {}),
      reason: `the repair stopped: ${name}: ${message}`,
    };
  }
}
