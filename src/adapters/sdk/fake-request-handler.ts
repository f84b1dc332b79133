import type { Engine } from '../../engine/engine.js';
import { handleWire } from '../../protocol/handle-wire.js';
import { contextFromRequest, headerValue } from './context.js';
import { refuseCallsFromBeforeReset, STAMP_OPTION } from './in-flight.js';

/** The parts of the SDK's HttpRequest the fake reads. */
export interface SdkHttpRequest {
  method?: string;
  hostname?: string;
  path?: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** What the SDK hands a request handler with each request: the options of `send()`. */
interface HandlerOptions {
  abortSignal?: { aborted?: boolean };
  [STAMP_OPTION]?: string;
}

const decoder = new TextDecoder();

/**
 * A `requestHandler` for a real `KMSClient`: it takes the request the SDK serialized and signed, runs it
 * through the fake, and hands back bytes for the SDK's own deserializer. It never opens a socket.
 */
export class FakeRequestHandler {
  readonly metadata = { handlerProtocol: 'fake-kms' };

  constructor(readonly engine: () => Engine) {}

  handle(request: SdkHttpRequest, options?: HandlerOptions): Promise<{ response: SdkHttpResponse }> {
    return this.handleAs(request, options, undefined);
  }

  /**
   * A request handler that answers as `account` (the wiring of `attach` and `install` binds one), with the
   * same rules as `handle`: an aborted call is refused, a stamped call from before a reset too.
   */
  boundTo(account: string) {
    return {
      metadata: this.metadata,
      handle: (request: SdkHttpRequest, options?: HandlerOptions) => this.handleAs(request, options, account),
      updateHttpClientConfig(): void {},
      httpHandlerConfigs: (): Record<string, never> => ({}),
      destroy(): void {},
    };
  }

  private handleAs(
    request: SdkHttpRequest,
    options: HandlerOptions = {},
    account: string | undefined,
  ): Promise<{ response: SdkHttpResponse }> {
    if (options.abortSignal?.aborted) {
      const error = new Error('Request aborted');
      error.name = 'AbortError';
      return Promise.reject(error);
    }
    // The answer's own promise, not one wrapped in another: no extra turns of the microtask queue per call.
    return this.answer(request, account, options[STAMP_OPTION]);
  }

  /**
   * Answer a request, as `account` when the wiring bound one (attach, install), else as the account its
   * SigV4 credentials name, else the fake's. A call stamped (by `stamp`, or the request's stamp header) with a
   * generation from before the last `reset()` is refused.
   */
  async answer(request: SdkHttpRequest, account?: string, stamp?: string): Promise<{ response: SdkHttpResponse }> {
    const engine = this.engine();
    refuseCallsFromBeforeReset(request.headers, engine, stamp);
    const ctx = contextFromRequest(request.headers, request.hostname, {
      account: engine.options.account,
      region: engine.options.region,
    });
    if (account) ctx.account = account;
    const wire = handleWire(engine, headerValue(request.headers, 'x-amz-target'), bodyText(request.body), ctx);
    // A fresh Buffer (a Uint8Array) per response: the SDK's body collector adopts it, so it must not be shared.
    const body = Buffer.from(wire.body, 'utf8');
    const headers = wire.headers;
    headers['content-length'] = String(body.byteLength);
    return { response: { statusCode: wire.statusCode, headers, body } };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

/** Whether a client's `requestHandler` is a fake's (of any copy of fake-kms loaded in the process). */
export function isFakeRequestHandler(value: unknown): boolean {
  return (value as { metadata?: { handlerProtocol?: unknown } } | undefined)?.metadata?.handlerProtocol === 'fake-kms';
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  if (body instanceof ArrayBuffer) return decoder.decode(new Uint8Array(body));
  // The fake only speaks awsJson1_1, whose bodies the SDK always serializes to a string or bytes.
  throw new TypeError(`fake-kms cannot read a request body of type ${Object.prototype.toString.call(body)}.`);
}
