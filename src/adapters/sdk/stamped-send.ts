import type { KMSClient } from '@aws-sdk/client-kms';
import type { Engine } from '../../engine/engine.js';
import { generationStamp, STAMP_OPTION, stampGeneration } from './in-flight.js';

export type Send = (command: unknown, optionsOrCallback?: unknown, callback?: unknown) => unknown;
type Callback = (error: unknown, output?: unknown) => void;

/** Marks the `send` functions below, so install()'s prototype `send` can tell one from a user's own. */
const STAMPING = Symbol.for('fake-kms.stampingSend');

/** Whether the options of a `send()` call already carry a reset stamp (the call came through a stamping send). */
export function isStampedCall(options: unknown): boolean {
  return typeof options === 'object' && options !== null && STAMP_OPTION in options;
}

/** Whether `send` is one made by {@link stampingSend}. */
export function isStampingSend(send: unknown): boolean {
  return typeof send === 'function' && typeof (send as unknown as Record<symbol, unknown>)[STAMPING] === 'function';
}

/**
 * Run a call through a stamping `send`, but on to `next` rather than to the prototype's `send`: install()'s
 * prototype `send` sends the call that wired a client this way, so a mock over the prototype sees it once.
 */
export function sendStamped(stamping: unknown, next: Send, thisArg: unknown, args: unknown[]): unknown {
  const run = (stamping as unknown as Record<symbol, Run>)[STAMPING] as Run;
  return run(next, thisArg, args[0], args[1], args[2]);
}

type Run = (next: Send, thisArg: unknown, command: unknown, optionsOrCallback?: unknown, callback?: unknown) => unknown;

/**
 * A `send` for one client that stamps each call with the fake's reset generation when it starts and hands the
 * stamp to the request handler in the call's options (which the SDK passes unchanged to every attempt), then
 * calls the `send` it covers, looked up when called (an install() or a mock may wrap the prototype's after the
 * client exists). `calls` hears when a call starts and when it has ended, retries included.
 *
 * No middleware: without `cacheMiddleware` the SDK copies and sorts its middleware stack on every call, and
 * each middleware costs a few percent of a call. Options turn `cacheMiddleware`'s handler cache off, so
 * clients that cache keep middlewares instead.
 */
export function stampingSend(
  client: KMSClient,
  engine: () => Engine,
  calls?: { started(): void; ended(): void },
): Send {
  const run: Run = (next, thisArg, command, optionsOrCallback, callback) => {
    const stamp = { [STAMP_OPTION]: generationStamp(engine()) };
    const withCallback = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
    const options =
      typeof optionsOrCallback === 'function' ? stamp : { ...(optionsOrCallback as object | undefined), ...stamp };
    if (!calls) return next.call(thisArg, command, options, withCallback);
    if (typeof withCallback === 'function') {
      calls.started();
      const ended: Callback = (error, output) => {
        calls.ended();
        (withCallback as Callback)(error, output);
      };
      try {
        return next.call(thisArg, command, options, ended);
      } catch (error) {
        calls.ended();
        throw error;
      }
    }
    return counted(calls, () => next.call(thisArg, command, options) as Promise<unknown>);
  };
  const send: Send = function send(this: KMSClient, command, optionsOrCallback, callback) {
    return run((Object.getPrototypeOf(client) as { send: Send }).send, this, command, optionsOrCallback, callback);
  };
  (send as unknown as Record<symbol, unknown>)[STAMPING] = run;
  return send;
}

/**
 * Stamp the calls of a client the fake built, with the generation current when `send()` is called, so a
 * `reset()` that follows the call in the test (without awaiting it) is always later than the stamp, and so
 * are the SDK's retries. Without `cacheMiddleware` the SDK resolves its middleware stack on every call, and
 * each middleware in it costs a sort and a copy per call: the stamp travels instead in the options of
 * `send()`, which the SDK hands unchanged to the request handler on every attempt. With `cacheMiddleware`
 * the handler chain is built once (and options would turn that cache off), so two middlewares carry it.
 */
export function stampCalls(client: KMSClient, engine: () => Engine): void {
  if ((client.config as { cacheMiddleware?: boolean }).cacheMiddleware === true) stampGeneration(client, engine);
  else (client as unknown as { send: unknown }).send = stampingSend(client, engine);
}

/**
 * Run one call, telling `calls` when it starts and when it has ended, whether it settles or throws at once
 * (a throw becomes a rejection, as it would from an async function). Promise callbacks rather than an async
 * function: one promise less per call.
 */
export function counted<T>(calls: { started(): void; ended(): void }, call: () => Promise<T>): Promise<T> {
  calls.started();
  let result: Promise<T>;
  try {
    result = call();
  } catch (error) {
    calls.ended();
    return Promise.reject(error);
  }
  return result.then(
    (output) => {
      calls.ended();
      return output;
    },
    (error: unknown) => {
      calls.ended();
      throw error;
    },
  );
}
