import type { KMSClient } from '@aws-sdk/client-kms';
import { FakeKmsUsageError } from '../../errors/kms-error.js';
import { fakeCredentials } from './client-factory.js';
import { hardenEnvironment, releaseEnvironment } from './env-hardening.js';
import { type FakeRequestHandler, isFakeRequestHandler, type SdkHttpRequest } from './fake-request-handler.js';
import { useFastConfiguration } from './fast-client-config.js';
import { generationStamp, unstampGeneration } from './in-flight.js';
import { clearOwner, nextFakeName, ownerOf, setOwner, type WiringKind } from './ownership.js';
import { useInstantRetries } from './retry.js';
import { counted, isStampingSend, stampingSend } from './stamped-send.js';

export const MIDDLEWARE_NAME = 'fakeKmsTransport';
const IN_FLIGHT_NAME = 'fakeKmsInFlight';
/** Where the in-flight middleware keeps the call's reset generation for the transport to put on the request. */
const STAMP = 'fakeKmsWiredGeneration';

interface Wired {
  credentials: unknown;
  region: unknown;
  signer: unknown;
  restoreRetries?: () => void;
  /** Undoes `install({ fastClients: true })`'s fast configuration. */
  restoreFast?: () => void;
  kind: WiringKind;
  /** Calls started while wired that have not finished (their retries included). */
  inFlight: number;
  /** Detached, but calls are in flight: restore the client's own credentials and Region when they end. */
  detached: boolean;
  /** The client's own request handler, put back by detach. */
  requestHandler: unknown;
  /** The fake's stamping `send` was set on the client (it had no `send` of its own). */
  stampingSend?: boolean;
}

type ClientConfig = { credentials: unknown; region: unknown; signer?: unknown; requestHandler?: unknown };

/**
 * Routes KMSClients the fake did not build to it, through a middleware at the innermost end of their
 * stack: the SDK still serializes, signs, retries and deserializes; only the socket is replaced.
 *
 * Each wiring binds the fake and the account when it is made, and the SDK builds a call's handler chain
 * when the call starts: a call in flight (an SDK retry in backoff included) keeps being answered by the
 * fake it started with, whatever detach, uninstall or another fake does meanwhile. The middleware never
 * calls the next handler, so no request that reached it can go to the SDK's real transport. The SDK signs
 * every attempt with the client's current credentials, so `detach` puts the client's own credentials
 * back only once its calls in flight have ended: a retry never runs the real provider chain.
 */
export class Attachments {
  /** How this fake is named in messages about ownership. */
  readonly name: string;
  private readonly wired = new Map<KMSClient, Wired>();
  /** Clients built by `fake.client()` that keep their handler chains (`cacheMiddleware: true`). */
  private readonly cachingOwn = new Set<WeakRef<KMSClient>>();

  constructor(
    private readonly handler: FakeRequestHandler,
    private readonly defaults: () => { account: string; region: string; retryDelays?: 'none' | 'real' },
  ) {
    const { account, region } = defaults();
    this.name = nextFakeName(account, region);
  }

  /** Explicit wiring (`fake.attach`): refused if another fake wired the client explicitly or built it. */
  attach(client: KMSClient, account?: string): void {
    const owner = ownerOf(client);
    if (owner && owner.fake !== this) {
      if (owner.kind === 'detaching') {
        throw new FakeKmsUsageError(
          `This KMSClient still has calls in flight that ${owner.name} answers (it was detached from it while they ran). Await them, then attach it to this fake.`,
        );
      }
      if (owner.kind !== 'install') {
        const how = owner.kind === 'client' ? 'was built by' : 'is attached to';
        throw new FakeKmsUsageError(
          `This KMSClient ${how} another fake, ${owner.name}; a client belongs to one fake at a time. ` +
            `${owner.kind === 'client' ? 'Build a client of this fake with fake.client()' : 'Call detach(client) on that fake first'}, or use that fake.`,
        );
      }
      // Explicit wiring beats another fake's install(): the client now keeps this fake under any install.
      owner.release();
    }
    this.wire(client, account, 'attach');
  }

  /** Wiring by `install()` at a client's first `send`: only for clients no fake owns. */
  claim(client: KMSClient, fast = false): void {
    const owner = ownerOf(client);
    if (owner && !(owner.fake === this && owner.kind === 'detaching')) return;
    const { requestHandler } = client.config as unknown as ClientConfig;
    // A client built with another fake's `requestHandler` already answers from that fake.
    if (isFakeRequestHandler(requestHandler) && requestHandler !== this.handler) return;
    this.wire(client, undefined, 'install', fast);
  }

  /** Record that `fake.client()` built this client: it keeps this fake and its account for life. */
  own(client: KMSClient): void {
    setOwner(client, { fake: this, name: this.name, kind: 'client', release: () => clearOwner(client, this) });
    if (cachesHandlers(client)) this.cachingOwn.add(new WeakRef(client));
  }

  /**
   * Called by `reset()`. With `cacheMiddleware: true` the SDK runs every call of a command on a client through
   * one handler chain with one shared context, where the reset generation is stamped: a call started after the
   * reset would overwrite the stamp of one still in flight from before, which would then land in the reset state.
   * Forgetting the chains gives calls after the reset a chain, and a context, of their own. Wired clients count
   * their calls, so only those with calls in flight pay for new chains; clients from `fake.client()` always do.
   */
  forgetCachedHandlersAtReset(): void {
    for (const [client, wired] of this.wired)
      if (wired.inFlight > 0 && cachesHandlers(client)) forgetCachedHandlers(client);
    for (const ref of this.cachingOwn) {
      const client = ref.deref();
      if (client) forgetCachedHandlers(client);
      else this.cachingOwn.delete(ref);
    }
  }

  detach(client: KMSClient): void {
    const wired = this.wired.get(client);
    if (!wired || wired.detached) return;
    unwireCalls(client, wired);
    unstampGeneration(client);
    forgetCachedHandlers(client);
    wired.detached = true;
    if (wired.inFlight === 0) this.restore(client, wired);
    else setOwner(client, { fake: this, name: this.name, kind: 'detaching', release: () => {} });
  }

  private restore(client: KMSClient, wired: Wired): void {
    if (this.wired.get(client) !== wired) return;
    const config = client.config as unknown as ClientConfig;
    config.credentials = wired.credentials;
    config.region = wired.region;
    config.signer = wired.signer;
    wired.restoreRetries?.();
    wired.restoreFast?.();
    this.wired.delete(client);
    clearOwner(client, this);
    if (this.wired.size === 0) releaseEnvironment(this);
  }

  /** Undo what `install()` wired, and only that: clients wired with `attach()` stay attached. */
  detachInstalled(): void {
    for (const [client, wired] of [...this.wired]) if (wired.kind === 'install') this.detach(client);
  }

  isAttached(client: KMSClient): boolean {
    return this.wired.get(client)?.detached === false;
  }

  private wire(client: KMSClient, account: string | undefined, kind: WiringKind, fast = false): void {
    hardenEnvironment(this, this.defaults().region);
    const config = client.config as unknown as ClientConfig;
    let wired = this.wired.get(client);
    if (!wired) {
      wired = {
        credentials: config.credentials,
        region: config.region,
        signer: config.signer,
        restoreRetries: this.defaults().retryDelays === 'real' ? undefined : useInstantRetries(client),
        kind,
        inFlight: 0,
        detached: false,
        requestHandler: config.requestHandler,
      };
      this.wired.set(client, wired);
      this.replaceRegion(config);
    }
    wired.kind = kind;
    wired.detached = false;
    if (fast && !wired.restoreFast)
      wired.restoreFast = useFastConfiguration(config as unknown as Record<string, unknown>);
    else if (!fast && wired.restoreFast) {
      wired.restoreFast();
      wired.restoreFast = undefined;
    }
    const counted = wired;
    const bound = account ?? this.defaults().account;
    // One object, as static credentials are: the SDK asks for them on every call.
    const credentials = fakeCredentials(bound);
    const identity = async () => credentials;
    config.credentials = identity;
    config.signer = signerWith(wired.signer, identity);
    const handler = this.handler;
    const engine = handler.engine;
    unwireCalls(client, wired);
    const calls = {
      started: () => {
        counted.inFlight++;
      },
      ended: () => {
        counted.inFlight--;
        if (counted.inFlight === 0 && counted.detached) this.restore(client, counted);
      },
    };
    // A client that caches its handler chains (options would turn the cache off), or whose `send` is someone's
    // own (a mock's stub, a spy), keeps middlewares: the fake must not stand in front of that `send`.
    if (cachesHandlers(client) || Object.hasOwn(client, 'send')) this.wireMiddlewares(client, bound, calls);
    else {
      // No middleware (the SDK copies and sorts its stack on every call): the fake stands in for the client's
      // request handler, which the SDK reads when a call starts, so a call keeps the fake it started with; a
      // `send` of the client's own counts the call and stamps it (see stamped-send.ts).
      config.requestHandler = handler.boundTo(bound);
      (client as unknown as { send: unknown }).send = stampingSend(client, engine, calls);
      wired.stampingSend = true;
    }
    forgetCachedHandlers(client);
    setOwner(client, { fake: this, name: this.name, kind, release: () => this.detach(client) });
  }

  /**
   * For clients that cache their handler chains (`cacheMiddleware: true`, where options would turn the cache
   * off) or whose `send` is someone else's: two middlewares, the fewest that keep every guarantee. The whole
   * call is counted (retries included) and stamped with the reset generation when send() starts; the
   * transport, innermost, hands the stamp to the fake, which refuses a call from before a reset (see
   * in-flight.ts). It never calls the next handler.
   */
  private wireMiddlewares(client: KMSClient, bound: string, calls: { started(): void; ended(): void }): void {
    const handler = this.handler;
    const engine = handler.engine;
    client.middlewareStack.add(
      (_next, context) => (args) => {
        const request = (args as unknown as { request: SdkHttpRequest }).request;
        const stamp = (context as Record<string, unknown>)[STAMP];
        return handler
          .answer(request, bound, typeof stamp === 'string' ? stamp : undefined)
          .then(({ response }) => ({ response, output: undefined as never }));
      },
      { step: 'deserialize', priority: 'low', name: MIDDLEWARE_NAME, override: true, tags: ['FAKE_KMS'] },
    );
    client.middlewareStack.add(
      (next, context) => (args) => {
        (context as Record<string, unknown>)[STAMP] = generationStamp(engine());
        return counted(calls, () => next(args));
      },
      { step: 'initialize', priority: 'high', name: IN_FLIGHT_NAME, override: true, tags: ['FAKE_KMS'] },
    );
    assertInnermost(client);
  }

  /** A client with no Region anywhere gets the fake's. */
  private replaceRegion(config: ClientConfig): void {
    const userRegion = config.region as (() => Promise<string | undefined>) | undefined;
    const defaultRegion = () => this.defaults().region;
    // The SDK asks three times per call: promise callbacks, not an async function with an await, each time.
    // No Region configured anywhere (nothing, or a provider that fails): the fake's default keeps the client usable.
    config.region = () => {
      let region: Promise<string | undefined> | undefined;
      try {
        region = userRegion?.();
      } catch {
        return Promise.resolve(defaultRegion());
      }
      return Promise.resolve(region).then(
        (value) => value || defaultRegion(),
        () => defaultRegion(),
      );
    };
  }
}

/**
 * Take the fake out of a client's calls, whichever way it was wired: its middlewares, or its request handler
 * and stamping `send` (the client's own request handler comes back).
 */
function unwireCalls(client: KMSClient, wired: Wired): void {
  client.middlewareStack.remove(MIDDLEWARE_NAME);
  client.middlewareStack.remove(IN_FLIGHT_NAME);
  (client.config as unknown as ClientConfig).requestHandler = wired.requestHandler;
  // Only the fake's own `send` goes: one someone set over it (a spy wrapping it) stays theirs.
  const own = client as unknown as Record<string, unknown>;
  if (wired.stampingSend && isStampingSend(own.send)) delete own.send;
  wired.stampingSend = undefined;
}

/**
 * The SDK builds its SigV4 signer over the credential provider the client was constructed with, not over
 * `config.credentials` (3.600 to at least 3.750 build it once; later versions build one per call). The
 * signer it returns is copied, never changed (it may be shared), so that it signs with the fake's
 * credentials and no provider chain runs. The copy has the signer's own class as prototype: a copy made with
 * the signer itself as prototype (as this once was) made V8 turn every new signer into a prototype, about
 * 17 µs a call. A signer the SDK returns again gets the copy it got before.
 */
function signerWith(original: unknown, identity: () => Promise<unknown>): unknown {
  if (typeof original !== 'function') return original;
  let last: object | undefined;
  let lastCopy: object | undefined;
  return async (...args: unknown[]) => {
    const signer = await (original as (...a: unknown[]) => Promise<object>)(...args);
    if (signer !== last || lastCopy === undefined) {
      const copy = Object.assign(Object.create(Object.getPrototypeOf(signer)) as object, signer);
      (copy as { credentialProvider: unknown }).credentialProvider = identity;
      last = signer;
      lastCopy = copy;
    }
    return lastCopy;
  };
}

function cachesHandlers(client: KMSClient): boolean {
  return (client.config as { cacheMiddleware?: boolean }).cacheMiddleware === true;
}

/** With `cacheMiddleware: true` the SDK keeps built handler chains; a rewired client must build new ones. */
function forgetCachedHandlers(client: KMSClient): void {
  delete (client as unknown as { handlers?: unknown }).handlers;
}

/**
 * The middleware must sit inside the SDK's deserializer, so that the SDK parses what the fake returns.
 * Recent SDKs put the deserializer on the client's stack, where its place can be checked; older ones
 * (3.907 and before) add it per command, at the same step with a higher priority than the fake's, so it wraps
 * the fake (the e2e test runs the oldest supported SDK to prove it). If a client-level deserializer sits
 * inside the fake, the SDK's shape has changed: say so at once rather than answer without deserializing.
 */
function assertInnermost(client: KMSClient): void {
  const ids = client.middlewareStack.identify();
  const ours = ids.findIndex((id) => id.startsWith(MIDDLEWARE_NAME));
  const deserializer = ids.findIndex((id) => id.startsWith('deserializerMiddleware'));
  if (deserializer >= 0 && ours < deserializer) {
    throw new FakeKmsUsageError(
      `fake-kms cannot wire this KMSClient: its deserializerMiddleware sits inside the fake (${ids.join(' | ')}). Use fake.client() instead and report the @aws-sdk/client-kms version.`,
    );
  }
}
