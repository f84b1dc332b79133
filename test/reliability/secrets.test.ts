/**
 * Issue 5, "Secrets never leak" (spec §8.18). Every operation runs with its own canary secrets: creates of
 * both types, updates of the password and the credential, validation failures of bad secrets, wrong JSON
 * types, truncated bodies, uniqueness and state errors, world-driven failures, injected failures, Describe
 * and Delete. Then every response body (raw bytes and headers), every SDK output and error, every journal
 * entry, `fake.stores()`, the snapshots, every SDK log line and everything written to the console or to
 * stdout/stderr is scanned: no canary may appear (AccessKeyIds: none in error messages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { captureOutput } from './secrets/probes.js';
import { SecretScanner } from './secrets/scanner.js';
import { runEveryOperation } from './secrets/scenario.js';

const scanner = new SecretScanner();

describe('secrets never leak (§8.18)', () => {
  let fake: KmsFake;
  let outcomes: Record<string, string> = {};
  let capture: ReturnType<typeof captureOutput> | undefined;
  let written: string[] = [];

  beforeAll(async () => {
    capture = captureOutput();
    try {
      ({ fake, outcomes } = await runEveryOperation(scanner));
    } finally {
      written = capture.written;
      capture.restore();
    }
  });

  afterAll(() => {
    capture?.restore();
  });

  it('ran every kind of call, with the outcomes they are meant to have', () => {
    expect(outcomes).toMatchObject({
      'create CloudHSM': 'ok',
      'create public XKS': 'ok',
      'create VPC XKS': 'ok',
      'password too short': 'ValidationException',
      'password too long': 'ValidationException',
      'secret key off-pattern': 'ValidationException',
      'secret key too short': 'ValidationException',
      'AccessKeyId off-pattern': 'ValidationException',
      'password on an XKS store (§8.2)': 'ValidationException',
      'name in use': 'CustomKeyStoreNameInUseException',
      'URI in use': 'XksProxyUriInUseException',
      'cluster in use': 'CloudHsmClusterInUseException',
      'proxy rejects the credential (world)': 'XksProxyIncorrectAuthenticationCredentialException',
      'update password': 'ok',
      'update credential the proxy never got': 'XksProxyIncorrectAuthenticationCredentialException',
      'update credential': 'ok',
      'update credential off-pattern': 'ValidationException',
      'update password of an XKS store': 'ValidationException',
      'update endpoint + credential onto a used URI': 'XksProxyUriInUseException',
      'update password while CONNECTED': 'CustomKeyStoreInvalidStateException',
      'update credential while FAILED': 'CustomKeyStoreInvalidStateException',
      'injected KMSInternalException on create': 'KMSInternalException',
      'injected DependencyTimeout on update': 'DependencyTimeoutException',
      'password as an array': 'SerializationException',
      'credential as a string': 'SerializationException',
      'truncated body': 'SerializationException',
      'delete again': 'CustomKeyStoreNotFoundException',
    });
  });

  it('refuses a world description with bad secrets without echoing them', () => {
    const worldScanner = new SecretScanner();
    const refusals: Record<string, string> = {};
    for (const [label, kmsUser] of [
      ['kmsuser password too short', { password: worldScanner.custom('Wq#5~z', 'world: short password') }],
      ['kmsuser password of the wrong type', { password: [worldScanner.password('world: password in a list')] }],
    ] as const) {
      try {
        createKmsFake({ clusters: [{ clusterId: 'cluster-abcdefghijk', kmsUser: kmsUser as never }] });
        refusals[label] = 'accepted';
      } catch (error) {
        refusals[label] = (error as Error).name;
        worldScanner.scanValue('usage error', label, error, true);
        worldScanner.scan('usage error', `${label} (message)`, (error as Error).message, true);
      }
    }
    expect(refusals).toEqual({
      'kmsuser password too short': 'FakeKmsUsageError',
      'kmsuser password of the wrong type': 'FakeKmsUsageError',
    });
    expect(worldScanner.hits.map((h) => `${h.place} ← ${h.canary.use}: ${h.canary.value}`)).toEqual([]);
  });

  it('leaves no canary in any response, output, error, journal entry, snapshot, log line or console write', () => {
    fake.journal.forEach((entry, i) => {
      scanner.scanValue('journal entry', `#${i} ${entry.kind === 'call' ? entry.operation : entry.injection}`, entry);
      if (entry.kind === 'call' && entry.error)
        scanner.scan('journal error message', `#${i}`, entry.error.message, true);
    });
    scanner.scanValue('fake.calls()', 'all', fake.calls());
    scanner.scanValue('fake.stores()', 'all', fake.stores());
    scanner.scanValue('world snapshot', 'fake.world.snapshot()', fake.world.snapshot());
    const snapshot = (fake as unknown as { snapshot?: () => unknown }).snapshot;
    if (typeof snapshot === 'function') scanner.scanValue('fake snapshot', 'fake.snapshot()', snapshot.call(fake));
    written.forEach((text, i) => {
      scanner.scan('console/stdout/stderr write', `#${i}`, text);
    });

    const summary = [...scanner.byKind].map(([kind, n]) => `${kind}: ${n}`).join(', ');
    console.log(
      `secrets: ${scanner.canaries.length} canaries, ${scanner.placesScanned} places scanned (${summary}); ` +
        `fake.snapshot() ${typeof snapshot === 'function' ? 'scanned' : 'does not exist yet'}; ${scanner.hits.length} hits.`,
    );
    expect(scanner.hits.map((h) => `${h.place} ← ${h.canary.use}: ${h.canary.value}`)).toEqual([]);
  });
});
