/**
 * Issue 5, "Concurrency": 50 real KMSClients run 200 interleaved operations each, through `Promise.all`, on
 * the same stores of one account and Region, drawing names, clusters, endpoints and services from small
 * shared pools so that they collide, under a quota they keep hitting. Invariants:
 * - names are unique in every Describe and at the end;
 * - every ConnectionState change the engine announces is in the spec §4 table, and what each client sees
 *   in Describe is a subsequence of each store's announced history (no state appears out of order);
 * - `ConnectionErrorCode` is shown exactly when FAILED;
 * - the number of stores is never above the quota and ends as creates succeeded − deletes succeeded;
 * - every call ends in an outcome its operation can have, and a paging walk never returns a store twice.
 * Deterministic per seed (CONCURRENCY_SEED pins it; the default is fixed).
 */

import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  type CustomKeyStoresListEntry,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  type KMSClient,
  paginateDescribeCustomKeyStores,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { LEGAL_TRANSITIONS } from '../../src/engine/state-machine.js';
import { trustAnchorCertificate } from '../../src/fixtures/trust-anchor/trust-anchor-pool.js';
import { createKmsFake, isFakeKmsUsageError } from '../../src/index.js';
import { SPEC_TRANSITIONS } from './model/system.js';

const SEED = Number(process.env.CONCURRENCY_SEED ?? 20260501);
const CLIENTS = 50;
const OPERATIONS_EACH = 200;
const QUOTA = 8;

const NAMES = Array.from({ length: 14 }, (_, i) => `store-${i}`);
const CLUSTERS = Array.from({ length: 10 }, (_, i) => `cluster-${'abcdefghijk'.slice(0, 10)}${'mnpqrstuvw'[i]}`);
const ENDPOINTS = Array.from({ length: 5 }, (_, i) => `https://xks-${i}.example.com`);
const PATHS = ['/kms/xks/v1', '/kms/xks/v2'];
const SERVICES = Array.from({ length: 4 }, (_, i) => `com.amazonaws.vpce.us-east-1.vpce-svc-0c0c0c${i}`);
const CREDENTIAL = { AccessKeyId: 'ABCDEFGHIJKLMNOPQRST', RawSecretAccessKey: 'c'.repeat(43) };
const TRUST_ANCHOR = trustAnchorCertificate(3);

/** Outcomes each kind of call may have under contention; anything else is a bug. */
const ALLOWED: Record<string, string[]> = {
  create: [
    'ok',
    'CustomKeyStoreNameInUseException',
    'LimitExceededException',
    'CloudHsmClusterInUseException',
    'XksProxyUriInUseException',
    'XksProxyUriEndpointInUseException',
    'XksProxyVpcEndpointServiceInUseException',
  ],
  describeOne: ['ok', 'CustomKeyStoreNotFoundException'],
  connect: ['ok', 'CustomKeyStoreNotFoundException', 'CustomKeyStoreInvalidStateException'],
  disconnect: ['ok', 'CustomKeyStoreNotFoundException', 'CustomKeyStoreInvalidStateException'],
  rename: [
    'ok',
    'CustomKeyStoreNotFoundException',
    'CustomKeyStoreInvalidStateException',
    'CustomKeyStoreNameInUseException',
  ],
  delete: ['ok', 'CustomKeyStoreNotFoundException', 'CustomKeyStoreInvalidStateException'],
  describeAll: ['ok'],
  walk: ['ok'],
};

/** mulberry32: a tiny seeded generator, one per client. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('50 clients × 200 interleaved operations on shared stores', () => {
  it('keep names unique, transitions legal, the count consistent and within the quota', async () => {
    const fake = createKmsFake({ quota: QUOTA, timing: { observations: 2 }, seed: `concurrency-${SEED}` });
    const violations: string[] = [];
    const histories = new Map<string, string[]>();
    const transitions = new Map<string, number>();
    fake.engine.onTransition((store, from) => {
      const change = `${from}->${store.state}`;
      transitions.set(change, (transitions.get(change) ?? 0) + 1);
      if (!SPEC_TRANSITIONS.has(change)) violations.push(`illegal transition ${store.id}: ${change}`);
      const history = histories.get(store.id) ?? [from];
      history.push(store.state);
      histories.set(store.id, history);
    });
    const countNow = () => {
      const n = fake.stores().length;
      if (n > QUOTA) violations.push(`${n} stores, above the quota of ${QUOTA}`);
    };

    /** Ids of stores created and not (yet) deleted, and every id ever issued. */
    const ids: string[] = [];
    const everIds: string[] = [];
    const outcomes = new Map<string, number>();
    let createsOk = 0;
    let deletesOk = 0;

    /** Check one Describe page as seen by one client: names unique, code iff FAILED, order of states. */
    function observe(seen: Map<string, number>, entries: CustomKeyStoresListEntry[], whole: boolean): void {
      const names = entries.map((e) => e.CustomKeyStoreName);
      if (new Set(names).size !== names.length) violations.push(`duplicate names in one Describe: ${names.join(',')}`);
      if (whole && entries.length > QUOTA) violations.push(`Describe listed ${entries.length} stores`);
      for (const e of entries) {
        const id = e.CustomKeyStoreId as string;
        if ((e.ConnectionState === 'FAILED') !== (e.ConnectionErrorCode !== undefined)) {
          violations.push(`${id}: ${e.ConnectionState} with ConnectionErrorCode ${e.ConnectionErrorCode}`);
        }
        const history = histories.get(id) ?? ['DISCONNECTED'];
        const from = seen.get(id) ?? 0;
        const at = history.indexOf(e.ConnectionState as string, from);
        if (at < 0) violations.push(`${id}: saw ${e.ConnectionState} after position ${from} of ${history.join('>')}`);
        else seen.set(id, at);
      }
    }

    async function runClient(kms: KMSClient, index: number): Promise<void> {
      const next = random(SEED + index * 7919);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
      const anyId = () => {
        const from = next() < 0.85 && ids.length > 0 ? ids : everIds;
        return from.length > 0 ? pick(from) : 'cks-00000000000000000';
      };
      const seen = new Map<string, number>();
      for (let i = 0; i < OPERATIONS_EACH; i++) {
        const roll = next();
        let kind: string;
        let call: () => Promise<unknown>;
        if (roll < 0.22) {
          kind = 'create';
          const type = next();
          const name = pick(NAMES);
          const input =
            type < 0.4
              ? {
                  CustomKeyStoreName: name,
                  CloudHsmClusterId: pick(CLUSTERS),
                  TrustAnchorCertificate: TRUST_ANCHOR,
                  KeyStorePassword: 'kmsPswd-123',
                }
              : {
                  CustomKeyStoreName: name,
                  CustomKeyStoreType: 'EXTERNAL_KEY_STORE' as const,
                  XksProxyUriEndpoint: pick(ENDPOINTS),
                  XksProxyUriPath: pick(PATHS),
                  XksProxyAuthenticationCredential: CREDENTIAL,
                  ...(type < 0.75
                    ? { XksProxyConnectivity: 'PUBLIC_ENDPOINT' as const }
                    : {
                        XksProxyConnectivity: 'VPC_ENDPOINT_SERVICE' as const,
                        XksProxyVpcEndpointServiceName: pick(SERVICES),
                      }),
                };
          call = async () => {
            const { CustomKeyStoreId } = await kms.send(new CreateCustomKeyStoreCommand(input));
            createsOk += 1;
            ids.push(CustomKeyStoreId as string);
            everIds.push(CustomKeyStoreId as string);
          };
        } else if (roll < 0.36) {
          kind = 'describeAll';
          call = async () =>
            observe(seen, (await kms.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores ?? [], true);
        } else if (roll < 0.42) {
          kind = 'describeOne';
          const id = anyId();
          call = async () =>
            observe(
              seen,
              (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores ?? [],
              false,
            );
        } else if (roll < 0.46) {
          kind = 'walk';
          call = async () => {
            const walked: string[] = [];
            for await (const page of paginateDescribeCustomKeyStores({ client: kms, pageSize: 3 }, {})) {
              observe(seen, page.CustomKeyStores ?? [], false);
              walked.push(...(page.CustomKeyStores ?? []).map((s) => s.CustomKeyStoreId as string));
            }
            if (new Set(walked).size !== walked.length)
              violations.push(`a paging walk returned a store twice: ${walked.join(',')}`);
          };
        } else if (roll < 0.62) {
          kind = 'connect';
          const id = anyId();
          if (next() < 0.15) {
            try {
              fake.failNextConnect(id, pick(['NETWORK_ERRORS', 'INTERNAL_ERROR', 'XKS_PROXY_TIMED_OUT'] as const));
            } catch (error) {
              if (!isFakeKmsUsageError(error)) throw error; // the store was deleted meanwhile
            }
          }
          call = () => kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
        } else if (roll < 0.76) {
          kind = 'disconnect';
          const id = anyId();
          call = () => kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
        } else if (roll < 0.86) {
          kind = 'rename';
          const input = { CustomKeyStoreId: anyId(), NewCustomKeyStoreName: pick(NAMES) };
          call = () => kms.send(new UpdateCustomKeyStoreCommand(input));
        } else {
          kind = 'delete';
          const id = anyId();
          call = async () => {
            await kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id }));
            deletesOk += 1;
            if (ids.includes(id)) ids.splice(ids.indexOf(id), 1);
          };
        }
        let outcome = 'ok';
        try {
          await call();
        } catch (error) {
          outcome = (error as Error).name;
        }
        countNow();
        const key = `${kind} → ${outcome}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (!ALLOWED[kind]?.includes(outcome)) violations.push(`${kind} ended ${outcome}`);
      }
    }

    const clients = Array.from({ length: CLIENTS }, () => fake.client({ maxAttempts: 1 }));
    await Promise.all(clients.map((kms, i) => runClient(kms, i)));

    const final = fake.stores();
    const names = final.map((s) => s.CustomKeyStoreName);
    const walked: string[] = [];
    for await (const page of paginateDescribeCustomKeyStores({ client: fake.client(), pageSize: 2 }, {})) {
      walked.push(...(page.CustomKeyStores ?? []).map((s) => s.CustomKeyStoreId as string));
    }
    const table = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `  ${k}: ${n}`);
    console.log(
      `concurrency (seed ${SEED}): ${CLIENTS * OPERATIONS_EACH} operations, ${createsOk} creates and ${deletesOk} deletes succeeded, ` +
        `${final.length} stores left; transitions ${JSON.stringify(Object.fromEntries(transitions))}\n${table.join('\n')}`,
    );

    expect(violations.slice(0, 20)).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(final.length).toBe(createsOk - deletesOk);
    expect(final.length).toBeLessThanOrEqual(QUOTA);
    expect(walked).toEqual(final.map((s) => s.CustomKeyStoreId));
    // The contention this test is about really happened.
    for (const needed of [
      'create → LimitExceededException',
      'create → CustomKeyStoreNameInUseException',
      'rename → CustomKeyStoreNameInUseException',
      'delete → ok',
      'connect → ok',
    ]) {
      expect(outcomes.get(needed) ?? 0, needed).toBeGreaterThan(0);
    }
    for (const change of SPEC_TRANSITIONS) expect(transitions.get(change) ?? 0, change).toBeGreaterThan(0);
    // The engine's own table agrees with the spec's (a cross-check, not the reference).
    expect([...LEGAL_TRANSITIONS].sort()).toEqual([...SPEC_TRANSITIONS].sort());
  }, 300_000);
});
