import { createRequire } from 'node:module';
import { KMSClient } from '@aws-sdk/client-kms';
import { FakeKmsUsageError } from '../../errors/kms-error.js';
import type { Attachments } from './attach.js';

type Send = (this: KMSClient, ...args: unknown[]) => unknown;
type KmsClientClass = { prototype: { send: Send } };

interface Installation {
  owner: object;
  attachments: Attachments;
  restore: Array<() => void>;
}

let current: Installation | undefined;

/**
 * Every copy of KMSClient the process may load: the ES module this file imported and, where the package
 * also ships CommonJS, the `require` copy, so code under test that loads either one answers from the fake.
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
 * Make every KMSClient, including ones built inside the code under test, answer from one fake. It
 * relies on one SDK internal, that `send` is looked up on the prototype chain; `assertSdkShape` checks
 * the rest loudly so that an SDK upgrade that breaks it fails at install time, not silently.
 */
export function installFor(owner: object, attachments: Attachments): void {
  if (current && current.owner !== owner) {
    throw new FakeKmsUsageError(
      'Another fake-kms fake is already installed for every KMSClient. Call uninstall() on it first.',
    );
  }
  if (current) return;
  const restore: Array<() => void> = [];
  for (const cls of kmsClientClasses()) {
    assertSdkShape(cls);
    const proto = cls.prototype;
    const hadOwn = Object.hasOwn(proto, 'send');
    const previous = proto.send;
    proto.send = function send(this: KMSClient, ...args: unknown[]) {
      if (current) current.attachments.attach(this);
      return previous.apply(this, args);
    };
    restore.push(() => {
      if (hadOwn) proto.send = previous;
      else delete (proto as { send?: Send }).send;
    });
  }
  current = { owner, attachments, restore };
}

export function uninstallFor(owner: object): void {
  if (!current || current.owner !== owner) return;
  for (const undo of current.restore) undo();
  current.attachments.detachAll();
  current = undefined;
}

export function isInstalled(owner: object): boolean {
  return current?.owner === owner;
}

function assertSdkShape(cls: KmsClientClass): void {
  const proto = cls.prototype as unknown as Record<string, unknown>;
  if (typeof proto.send !== 'function') {
    throw new FakeKmsUsageError(
      'fake-kms install(): this version of @aws-sdk/client-kms has no KMSClient.prototype.send; install() cannot wire it. Use fake.client() or fake.attach(client), and report the SDK version.',
    );
  }
}
