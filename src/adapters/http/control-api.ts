import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeKmsUsageError, isFakeKmsUsageError } from '../../errors/kms-error.js';
import type { KmsFake } from '../../fake.js';
import { type ControlResult, failure, ok, sendJson } from './control-response.js';
import { readBody } from './read-body.js';
import type { ServedFake } from './served-fake.js';
import { worldRoute } from './world-routes.js';

/** Every control route lives under this prefix, which no KMS request uses (KMS requests are `POST /`). */
export const CONTROL_PREFIX = '/_fake-kms';

type Handler = (
  fake: KmsFake,
  body: Record<string, unknown>,
  served: ServedFake,
  query: URLSearchParams,
) => ControlResult;

/** `METHOD /_fake-kms/<name>` → what it does; the README's control API table lists the same routes. */
const ROUTES: Record<string, Handler> = {
  'GET health': () => ok({ status: 'ready' }),
  'POST reset': (fake) => {
    fake.reset();
    return ok();
  },
  'POST scenario': (_fake, body, served) => {
    const source = body.scenario;
    if (typeof source !== 'string' && (typeof source !== 'object' || source === null)) {
      return failure(
        400,
        'FakeKmsUsageError',
        'Give { "scenario": <a shipped name, a file path or a scenario object> }.',
      );
    }
    return ok({ stores: served.loadScenario(source).stores() });
  },
  'GET stores': (fake) => ok({ stores: fake.stores() }),
  'POST stores': (fake, body) => ok({ CustomKeyStoreId: fake.addStore(body as never) }),
  'GET snapshot': (fake) => ok(fake.snapshot()),
  'GET journal': (fake, _body, _served, query) => {
    const operation = query.get('operation') ?? undefined;
    // The fake checks the name and refuses an unknown one with a FakeKmsUsageError (a 400 here).
    const entries = operation ? fake.calls(operation as never) : fake.journal;
    return ok({ entries });
  },
  'POST settle': (fake, body) => {
    fake.settle(optionalString(body, 'storeId'));
    return ok({ stores: fake.stores() });
  },
  'POST advance': (fake, body, served) => {
    const ms = body.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      return failure(400, 'FakeKmsUsageError', `Give { "ms": <milliseconds ≥ 0> }, got ${JSON.stringify(ms)}.`);
    }
    const now = served.advance(ms);
    return ok({ now: new Date(now).toISOString(), stores: fake.stores() });
  },
  'POST timing': (fake, body) => {
    fake.setTiming(body.timing as never, optionalString(body, 'storeId'));
    return ok();
  },
  'POST state': (fake, body) => {
    fake.setState(
      requireString(body, 'storeId'),
      requireString(body, 'state') as never,
      optionalString(body, 'errorCode') as never,
    );
    return ok({ stores: fake.stores() });
  },
  'POST fail-next': (fake, body) => {
    const { operation: _operation, code: _code, ...options } = body;
    fake.failNext(requireString(body, 'operation') as never, requireString(body, 'code') as never, options);
    return ok();
  },
  'POST fail-next-connect': (fake, body) => {
    fake.failNextConnect(requireString(body, 'storeId'), requireString(body, 'code') as never);
    return ok();
  },
};

/** Handle one `/_fake-kms/…` request. A malformed one is refused with a 4xx and changes nothing. */
export async function serveControlRequest(
  request: IncomingMessage,
  response: ServerResponse,
  served: ServedFake,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake-kms');
  const method = request.method ?? 'GET';
  const raw = await readBody(request);
  if (raw.kind === 'aborted') return;
  if (raw.kind === 'too-large') {
    response.shouldKeepAlive = false;
    return sendJson(response, failure(413, 'PayloadTooLarge', 'Control requests are limited to 1 MiB.'));
  }
  let body: unknown;
  const text = raw.bytes.toString('utf8');
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return sendJson(response, failure(400, 'BadRequest', 'The request body is not valid JSON.'));
  }
  sendJson(response, route(method, url, body, served));
}

function route(method: string, url: URL, body: unknown, served: ServedFake): ControlResult {
  const segments = url.pathname.slice(CONTROL_PREFIX.length).split('/').filter(Boolean).map(decodeSegment);
  try {
    if (segments[0] === 'world') return worldRoute(served.fake.world, method, segments.slice(1), body);
    const name = segments.join('/');
    const handler = ROUTES[`${method} ${name}`];
    if (!handler) {
      const known = Object.keys(ROUTES).some((r) => r.endsWith(` ${name}`));
      return known
        ? failure(405, 'MethodNotAllowed', `${method} is not allowed on ${CONTROL_PREFIX}/${name}.`)
        : failure(
            404,
            'NotFound',
            `No control route ${CONTROL_PREFIX}/${name}. Routes: ${Object.keys(ROUTES).join(', ')}, and ${CONTROL_PREFIX}/world….`,
          );
    }
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      return failure(400, 'BadRequest', `${CONTROL_PREFIX}/${name} takes a JSON object.`);
    }
    return handler(served.fake, (body ?? {}) as Record<string, unknown>, served, url.searchParams);
  } catch (error) {
    if (isFakeKmsUsageError(error)) return failure(400, 'FakeKmsUsageError', error.message);
    throw error;
  }
}

function requireString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string')
    throw new FakeKmsUsageError(`Give "${name}" as a string, got ${JSON.stringify(value) ?? 'nothing'}.`);
  return value;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
