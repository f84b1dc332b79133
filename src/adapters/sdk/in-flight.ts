import type { KMSClient } from '@aws-sdk/client-kms';
import type { Engine } from '../../engine/engine.js';
import { FakeKmsUsageError } from '../../errors/kms-error.js';
import { headerValue } from './context.js';

const HEADER = 'x-fake-kms-generation';
const STAMP = 'fakeKmsGenerationStamp';
const HEADER_STEP = 'fakeKmsGenerationHeader';
const tokens = new WeakMap<Engine, string>();
let nextToken = 1;

function tokenOf(engine: Engine): string {
  let token = tokens.get(engine);
  if (!token) {
    token = String(nextToken++);
    tokens.set(engine, token);
  }
  return token;
}

/** The stamp of a call that starts now, and the header that carries it to the fake's request handler. */
export function generationStamp(engine: Engine): string {
  // Every call stamps and checks: the text is made once per reset, not twice per call.
  let stamp = stamps.get(engine);
  if (stamp === undefined || stamp.generation !== engine.generation) {
    stamp = { generation: engine.generation, text: `${tokenOf(engine)}/${engine.generation}` };
    stamps.set(engine, stamp);
  }
  return stamp.text;
}
const stamps = new WeakMap<Engine, { generation: number; text: string }>();

/** The key under which a stamped `send()` puts the stamp in the options the SDK hands to the request handler. */
export const STAMP_OPTION: unique symbol = Symbol.for('fake-kms.generationStamp');

/**
 * The middleware form of `stampCalls` (stamped-send.ts), for clients that cache their middleware: remember,
 * when `send()` starts, which reset generation of the fake the call belongs to, and carry it on the request.
 * `send()` runs the first middleware synchronously.
 */
export function stampGeneration(client: KMSClient, engine: () => Engine): void {
  const stack = client.middlewareStack;
  stack.add(
    (next, context) => (args) => {
      (context as Record<string, unknown>)[STAMP] = generationStamp(engine());
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: STAMP, override: true },
  );
  stack.add(
    (next, context) => (args) => {
      const stamp = (context as Record<string, unknown>)[STAMP];
      const request = (args as { request?: { headers?: Record<string, string> } }).request;
      if (typeof stamp === 'string' && request?.headers) request.headers[HEADER] = stamp;
      return next(args);
    },
    // Innermost, after signing: the stamp is not one more header for SigV4 to canonicalize and sign on every call.
    { step: 'deserialize', priority: 'low', name: HEADER_STEP, override: true },
  );
}

export function unstampGeneration(client: KMSClient): void {
  client.middlewareStack.remove(STAMP);
  client.middlewareStack.remove(HEADER_STEP);
}

/**
 * A call that started before `reset()` must not land in the reset state (or leave a journal entry in it):
 * it is refused with a FakeKmsUsageError, which the SDK does not retry.
 */
export function refuseCallsFromBeforeReset(
  headers: Record<string, string>,
  engine: Engine,
  stamped: string | undefined,
): void {
  const stamp = stamped ?? headerValue(headers, HEADER);
  if (!stamp || stamp === generationStamp(engine)) return;
  const [token, generation] = stamp.split('/');
  if (token !== tokenOf(engine) || Number(generation) === engine.generation) return;
  throw new FakeKmsUsageError(
    'This KMS call started before fake.reset() and was still in flight when the fake was reset. It is refused so that it cannot change the reset state: await every call before resetting the fake (useKmsFake resets before each test).',
  );
}
