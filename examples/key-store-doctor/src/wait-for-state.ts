import {
  type ConnectionStateType,
  type CustomKeyStoresListEntry,
  DescribeCustomKeyStoresCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';

export interface PollOptions {
  /** Describe calls before giving up. */
  maxPolls: number;
  /** Wait between two Describe calls, in milliseconds (a real `setTimeout`, so fake timers drive it). */
  delayMs: number;
}

/** The store did not reach any of the states it was waited for within the polls allowed. */
export class GaveUpWaiting extends Error {
  override readonly name = 'GaveUpWaiting';
  constructor(
    readonly storeId: string,
    readonly wanted: readonly ConnectionStateType[],
    readonly lastState: string | undefined,
    readonly polls: number,
  ) {
    super(`store ${storeId} was still ${lastState} after ${polls} polls, waiting for ${wanted.join(' or ')}`);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Describe the store until its ConnectionState is one of `wanted`, waiting `delayMs` between polls. */
export async function waitForState(
  kms: KMSClient,
  storeId: string,
  wanted: readonly ConnectionStateType[],
  { maxPolls, delayMs }: PollOptions,
): Promise<CustomKeyStoresListEntry> {
  let last: CustomKeyStoresListEntry | undefined;
  for (let poll = 1; poll <= maxPolls; poll++) {
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
    last = CustomKeyStores?.[0];
    if (last?.ConnectionState && wanted.includes(last.ConnectionState)) return last;
    if (poll < maxPolls) await sleep(delayMs);
  }
  throw new GaveUpWaiting(storeId, wanted, last?.ConnectionState, maxPolls);
}
