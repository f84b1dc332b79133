import { CustomKeyStoreInvalidStateException, KMSClient } from '@aws-sdk/client-kms';
import type { ConnectionErrorCode } from 'fake-kms';
import { classifyErrorCode, DIAGNOSES, runDoctor } from '../src/index.js';
import type { Runner } from './runner.js';
import {
  connectedStore,
  connectingStore,
  disconnectedSeed,
  disconnectedStore,
  failedSeed,
  failedStore,
  retryWillFail,
} from './stores.js';

const RETRYABLE: ConnectionErrorCode[] = [
  'INTERNAL_ERROR',
  'NETWORK_ERRORS',
  'XKS_PROXY_NOT_REACHABLE',
  'XKS_PROXY_TIMED_OUT',
];
const FAST = { delayMs: 0 };

/** The key store doctor's tests, for any runner. */
export function doctorTests({ describe, it, afterEach, expect, useKmsFake, timers }: Runner): void {
  const kms = useKmsFake({ seed: 'doctor' });

  describe('the key store doctor', () => {
    afterEach(() => timers.useReal());

    it('reports a CONNECTED store as healthy and touches nothing', async () => {
      const id = connectedStore(kms);
      expect(await runDoctor(new KMSClient({}), FAST)).toEqual([
        { storeId: id, name: 'healthy-hsm', outcome: 'healthy' },
      ]);
      expect(kms).toHaveReceivedKmsCallTimes('ConnectCustomKeyStore', 0);
      expect(kms).toHaveReceivedKmsCallTimes('DisconnectCustomKeyStore', 0);
    });

    it('builds its own KMSClient when given none, and the installed fake answers it', async () => {
      const id = failedStore(kms, 'XKS_PROXY_NOT_REACHABLE', 'own-client-xks');
      expect(await runDoctor(undefined, FAST)).toMatchObject([{ storeId: id, outcome: 'repaired' }]);
      expect(kms).toHaveStoreState(id, 'CONNECTED');
    });

    it('leaves alone a store someone disconnected and one someone is connecting', async () => {
      const parked = disconnectedStore(kms);
      const busy = connectingStore(kms);
      const findings = await runDoctor(new KMSClient({}), FAST);
      expect(findings).toMatchObject([
        { storeId: parked, outcome: 'left-alone', reason: 'DISCONNECTED: not failed, so not touched.' },
        { storeId: busy, outcome: 'left-alone', reason: 'CONNECTING: not failed, so not touched.' },
      ]);
      expect(kms).toHaveStoreState(parked, 'DISCONNECTED');
    });

    it('names the KMS keys a store leaves Unavailable, and none of a store it repaired', async () => {
      const parked = kms.addStore({ ...disconnectedSeed('parked-with-keys'), KeyCount: 2 });
      const repaired = kms.addStore({ ...failedSeed('NETWORK_ERRORS', 'repaired-with-keys'), KeyCount: 1 });
      const findings = await runDoctor(new KMSClient({}), FAST);
      expect(findings).toMatchObject([
        { storeId: parked, outcome: 'left-alone' },
        { storeId: repaired, outcome: 'repaired' },
      ]);
      expect(findings[0]?.unavailableKeys).toHaveLength(2);
      expect(Object.keys(findings[1] ?? {})).not.toContain('unavailableKeys');
      for (const keyId of findings[0]?.unavailableKeys ?? []) expect(kms).toHaveKeyState(keyId, 'Unavailable');
    });

    it('repairs a store that failed with NETWORK_ERRORS: disconnect, wait, connect, wait', async () => {
      const id = failedStore(kms, 'NETWORK_ERRORS', 'flaky-hsm');
      const findings = await runDoctor(new KMSClient({}), FAST);
      expect(findings).toEqual([{ storeId: id, name: 'flaky-hsm', outcome: 'repaired', errorCode: 'NETWORK_ERRORS' }]);
      expect(kms).toHaveStoreState(id, 'CONNECTED');
      expect(kms).toHaveStoreErrorCode(id, undefined);
      expect(kms).toHaveReceivedKmsCallTimes('DisconnectCustomKeyStore', 1, { CustomKeyStoreId: id });
      expect(kms).toHaveReceivedKmsCallTimes('ConnectCustomKeyStore', 1, { CustomKeyStoreId: id });
    });

    it('repairs every code a retry can help with, on CloudHSM and XKS stores alike', async () => {
      const ids = RETRYABLE.map((code) => failedStore(kms, code));
      const findings = await runDoctor(new KMSClient({}), FAST);
      expect(findings.map((f) => f.outcome)).toEqual(RETRYABLE.map(() => 'repaired'));
      for (const id of ids) expect(kms).toHaveStoreState(id, 'CONNECTED');
    });

    it('reports the stores that need a person, with the reason, and does not retry them', async () => {
      const locked = failedStore(kms, 'USER_LOCKED_OUT', 'locked-hsm');
      const tls = failedStore(kms, 'XKS_PROXY_INVALID_TLS_CONFIGURATION', 'tls-xks');
      const findings = await runDoctor(new KMSClient({}), FAST);
      expect(findings).toEqual([
        {
          storeId: locked,
          name: 'locked-hsm',
          outcome: 'needs-a-person',
          errorCode: 'USER_LOCKED_OUT',
          reason: DIAGNOSES.USER_LOCKED_OUT.reason,
        },
        {
          storeId: tls,
          name: 'tls-xks',
          outcome: 'needs-a-person',
          errorCode: 'XKS_PROXY_INVALID_TLS_CONFIGURATION',
          reason: DIAGNOSES.XKS_PROXY_INVALID_TLS_CONFIGURATION.reason,
        },
      ]);
      expect(kms).toHaveReceivedKmsCallTimes('DisconnectCustomKeyStore', 0);
      expect(kms).toHaveStoreErrorCode(locked, 'USER_LOCKED_OUT');
    });

    it('hands a store to a person when the retry fails again, with the new code', async () => {
      const id = failedStore(kms, 'INTERNAL_ERROR', 'unlucky-hsm');
      retryWillFail(kms, id, 'INVALID_CREDENTIALS');
      const [finding] = await runDoctor(new KMSClient({}), FAST);
      expect(finding).toEqual({
        storeId: id,
        name: 'unlucky-hsm',
        outcome: 'needs-a-person',
        errorCode: 'INVALID_CREDENTIALS',
        reason: `a retry after INTERNAL_ERROR failed again: ${DIAGNOSES.INVALID_CREDENTIALS.reason}`,
      });
      expect(kms).toHaveStoreErrorCode(id, 'INVALID_CREDENTIALS');
    });

    it('hands an XKS store to a person when its proxy is still unreachable on the retry', async () => {
      const id = failedStore(kms, 'XKS_PROXY_NOT_REACHABLE', 'down-xks');
      retryWillFail(kms, id, 'XKS_PROXY_NOT_REACHABLE');
      const [finding] = await runDoctor(new KMSClient({}), FAST);
      expect(finding).toMatchObject({ outcome: 'needs-a-person', errorCode: 'XKS_PROXY_NOT_REACHABLE' });
      expect(finding?.reason).toContain('a retry after XKS_PROXY_NOT_REACHABLE failed again');
      expect(kms).toHaveStoreState(id, 'FAILED');
    });

    it('gives up after the allowed polls when a store never settles, and says so', async () => {
      const id = failedStore(kms, 'XKS_PROXY_TIMED_OUT', 'stuck-xks');
      kms.setTiming('manual', id);
      const [finding] = await runDoctor(new KMSClient({}), { maxPolls: 3, delayMs: 0 });
      expect(finding).toMatchObject({
        outcome: 'needs-a-person',
        errorCode: 'XKS_PROXY_TIMED_OUT',
        reason: `the repair stopped: GaveUpWaiting: store ${id} was still DISCONNECTING after 3 polls, waiting for DISCONNECTED`,
      });
      expect(kms).toHaveReceivedKmsCallTimes('DescribeCustomKeyStores', 3, { CustomKeyStoreId: id });
    });

    it('reports a repair that KMS refuses, with the SDK exception', async () => {
      const id = failedStore(kms, 'NETWORK_ERRORS');
      kms.failNext('DisconnectCustomKeyStore', CustomKeyStoreInvalidStateException, {
        message: 'someone else is at it',
      });
      const [finding] = await runDoctor(new KMSClient({}), FAST);
      expect(finding).toMatchObject({
        storeId: id,
        outcome: 'needs-a-person',
        reason: 'the repair stopped: CustomKeyStoreInvalidStateException: someone else is at it',
      });
    });

    it('walks every page of stores with the SDK paginator, each store once', async () => {
      const ids = Array.from({ length: 7 }, (_, i) => connectedStore(kms, `store-${i}`));
      const findings = await runDoctor(new KMSClient({}), { pageSize: 2 });
      expect(findings.map((f) => f.storeId)).toEqual(ids);
      expect(kms).toHaveReceivedKmsCallTimes('DescribeCustomKeyStores', 4);
    });

    it('waits between polls with setTimeout, so fake timers drive a slow reconnect', async () => {
      timers.useFake();
      const id = failedStore(kms, 'NETWORK_ERRORS', 'slow-hsm');
      kms.setTiming({ afterMs: 45_000 }, id);
      const doctor = runDoctor(new KMSClient({}), { maxPolls: 5, delayMs: 30_000 });
      await timers.advance(30_000);
      expect(kms).toHaveStoreState(id, 'DISCONNECTING');
      await timers.advance(30_000);
      expect(kms).toHaveStoreState(id, 'CONNECTING');
      await timers.advance(60_000);
      expect(await doctor).toMatchObject([{ storeId: id, outcome: 'repaired' }]);
      // disconnect: DISCONNECTING at 0 s and 30 s, DISCONNECTED at 60 s; connect: CONNECTING at 60 s, CONNECTED at 120 s.
      expect(kms).toHaveReceivedKmsCallTimes('DescribeCustomKeyStores', 1 + 3 + 3);
    });
  });

  describe('the classification of ConnectionErrorCode values', () => {
    it('covers all 18 codes: 4 a retry can help with, 14 for a person', async () => {
      const codes = Object.keys(DIAGNOSES);
      expect(codes).toHaveLength(18);
      expect(codes.filter((c) => classifyErrorCode(c).action === 'retry').sort()).toEqual([...RETRYABLE].sort());
    });

    it('leaves a code it does not know to a person', async () => {
      expect(classifyErrorCode('SOME_FUTURE_CODE')).toMatchObject({ action: 'needs-a-person' });
      expect(classifyErrorCode(undefined).reason).toContain('no ConnectionErrorCode');
    });
  });
}
