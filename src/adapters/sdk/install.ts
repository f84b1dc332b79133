import { createRequire } from 'node:module';
import { KMSClient } from '@aws-sdk/client-kms';
import { FakeKmsUsageError } from '../../errors/kms-error.js';
import type { Attachments } from './attach.js';
import { hardenEnvironment, releaseEnvironment } from './env-hardening.js';
import { isStampedCall, isStampingSend, sendStamped } from './stamped-send.js';
import { armUnhandledRequestGuard, releaseUnhandledRequestGuard } from './unhandled-request-guard.js';

type Send = (this: KMSClient, ...args: unknown[]) => unknown;
type KmsClientClass = { prototype: { send: Send } };

/**
 * Options of `fake.install()`.
 *
 * @example
 * fake.install(); // KMS, STS and instance-metadata requests that escape every fake fail at once
 * fake.install({ onUnhandledRequest: 'bypass' }); // let them go (not recommended)
 */
export interface InstallOptions {
  /**
   * What happens to a KMS, STS or instance-metadata request that did not come through a fake while this
   * fake is installed (a second copy of the SDK, a client wired some other way): `'error'` (default)
   * fails it at once with a `FakeKmsUsageError`; `'bypass'` lets it go.
   */
  onUnhandledRequest?: 'error' | 'bypass';
  /**
   * Give the clients this install wires (those built by the code under test) the configuration of
   * `fastKmsClientConfig()`: cached middleware, a signer that writes only the credential scope instead of
   * SigV4, and a fixed user agent. The SDK's serializer, deserializer, retries and exceptions still run.
   * Their own settings come back when they are unwired. Default `false`.
   */
  fastClients?: boolean;
}

interface Installation {
  owner: object;
  fastClients: boolean;
  attachments: Attachments;
  restore: Array<() => void>;
}

/**
 * The installed fake, on `globalThis` so that the ES module and CommonJS builds of fake-kms (both can be
 * loaded in one process) agree that only one fake is installed at a time.
 */
const KEY = Symbol.for('fake-kms.installation');
const shared = globalThis as unknown as Record<symbol, { current?: Installation } | undefined>;
const slot = shared[KEY] ?? {};
shared[KEY] = slot;

/**
 * Every copy of KMSClient the process may load: the ES module this file imported and, where the package
 * also ships CommonJS, the `require` copy, so code under test that loads either one answers from the fake.
 * Other copies (another version deeper in node_modules) cannot be found: the unhandled-request guard
 * stops their calls instead.
 */
function kmsClientClasses(): KmsClientClass[] {
  const classes = new Set<KmsClientClass>([KMSClient as unknown as KmsClientClass]);
  try {
    const required = createRequire(import.meta.url)('@aws-sdk/client-kms') as { KMSClient?: KmsClientClass };
    if (required.KMSClient) classes.add(required.KMSClient);
  } catch {
    // Only one module format is installed: the import above covers it.
  }
  return [...classes];
}

/**
 * Make every KMSClient that no fake owns, including ones built inside the code under test, answer from
 * one fake. It relies on one SDK internal, that `send` is looked up on the prototype chain;
 * `assertSdkShape` checks it loudly so that an SDK upgrade that breaks it fails at install time.
 * The environment is hardened now, before any client's constructor reads it.
 */
export function installFor(owner: object, attachments: Attachments, region: string, options: InstallOptions): void {
  const current = slot.current;
  if (current && current.owner !== owner) {
    throw new FakeKmsUsageError(
      'Another fake-kms fake is already installed for every KMSClient. Call uninstall() on it first, or wire this one with fake.client() / fake.attach(client).',
    );
  }
  if (current) {
    // Installing again (useKmsFake does before each test) keeps the wiring and takes the new choice.
    current.fastClients = options.fastClients === true;
    return;
  }
  const classes = kmsClientClasses();
  for (const cls of classes) assertSdkShape(cls);
  const installation: Installation = { owner, fastClients: options.fastClients === true, attachments, restore: [] };
  for (const cls of classes) {
    const proto = cls.prototype;
    const hadOwn = Object.hasOwn(proto, 'send');
    const previous = proto.send;
    proto.send = function send(this: KMSClient, ...args: unknown[]) {
      const installed = slot.current;
      installed?.attachments.claim(this, installed.fastClients);
      // A client the fake wires counts and stamps its calls in a `send` of its own, which calls this one with
      // the stamp: a call that reached the prototype without it (the first one, which wired the client) is
      // counted and stamped by it here, then goes on below this wrapper.
      const own = Object.hasOwn(this, 'send') ? (this as unknown as { send: unknown }).send : undefined;
      if (isStampingSend(own) && !isStampedCall(args[1])) return sendStamped(own, previous, this, args);
      return previous.apply(this, args);
    };
    installation.restore.push(() => {
      if (hadOwn) proto.send = previous;
      else delete (proto as { send?: Send }).send;
    });
  }
  hardenEnvironment(installation, region);
  installation.restore.push(() => releaseEnvironment(installation));
  if (options.onUnhandledRequest !== 'bypass') {
    armUnhandledRequestGuard(installation);
    installation.restore.push(() => releaseUnhandledRequestGuard(installation));
  }
  slot.current = installation;
}

/** Undo exactly what `installFor` did; clients wired with `fake.client()` or `fake.attach()` keep their fake. */
export function uninstallFor(owner: object): void {
  const current = slot.current;
  if (!current || current.owner !== owner) return;
  slot.current = undefined;
  for (const undo of current.restore) undo();
  current.attachments.detachInstalled();
}

export function isInstalled(owner: object): boolean {
  return slot.current?.owner === owner;
}

function assertSdkShape(cls: KmsClientClass): void {
  const proto = cls.prototype as unknown as Record<string, unknown>;
  if (typeof proto.send !== 'function') {
    throw new FakeKmsUsageError(
      'fake-kms install(): this version of @aws-sdk/client-kms has no KMSClient.prototype.send; install() cannot wire it. Use fake.client() or fake.attach(client), and report the SDK version.',
    );
  }
}
