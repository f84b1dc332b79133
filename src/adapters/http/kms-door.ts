import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallContext } from '../../engine/types.js';
import { KmsError } from '../../errors/kms-error.js';
import { handleWire, type WireResponse } from '../../protocol/handle-wire.js';
import { CONTENT_TYPE, encodeError } from '../../protocol/json-protocol.js';
import { contextFromRequest } from '../sdk/context.js';
import { MAX_BODY_BYTES, readBody } from './read-body.js';
import type { ServedFake } from './served-fake.js';
import type { SignatureChecker } from './signature-check.js';

/** The awsJson content types KMS reads (Coral takes 1.0 and 1.1 alike). */
const JSON_CONTENT_TYPE = /^application\/x-amz-json-1\.[01]\s*(?:;|$)/i;

/**
 * A KMS request over HTTP: checked as AWS's front end checks it (method, content type, size, signature),
 * then handed to the same protocol layer and engine as the in-process fake. Nothing reaches the engine
 * before the whole body has arrived and every check has passed, so a rejected request changes nothing.
 */
export async function serveKmsRequest(
  request: IncomingMessage,
  response: ServerResponse,
  served: ServedFake,
  signatures: SignatureChecker | undefined,
): Promise<void> {
  const contentType = request.headers['content-type'] ?? '';
  if (request.method !== 'POST' || !JSON_CONTENT_TYPE.test(contentType)) {
    // What Coral answers to a request that is not awsJson: 404 and an XML body, whatever the client wanted.
    request.resume();
    return send(response, {
      statusCode: 404,
      headers: { 'content-type': 'application/xml' },
      body: '<UnknownOperationException/>\n',
    });
  }
  const body = await readBody(request);
  if (body.kind === 'aborted') return; // the client left; nothing to answer, nothing changed
  if (body.kind === 'too-large') {
    const error = new KmsError(
      'SerializationException',
      `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      413,
    );
    // The rest of the body is never read, so the connection cannot be reused.
    response.shouldKeepAlive = false;
    return send(response, errorResponse(error));
  }
  const text = body.bytes.toString('utf8');
  // Node's own header object serves as is: it joins repeated headers already, and only Set-Cookie (which no KMS
  // request reads) stays an array. The signature check alone needs every header flat.
  const headers = request.headers as Record<string, string | undefined>;
  const fake = served.fake;
  const defaults = { account: fake.engine.options.account, region: fake.engine.options.region };
  let ctx: CallContext = contextFromRequest(headers, undefined, defaults);
  if (signatures) {
    try {
      const signed = { method: 'POST', path: pathOf(request.url), headers: flatHeaders(request), body: body.bytes };
      const key = await signatures.check(signed);
      ctx = { account: key.account ?? defaults.account, region: ctx.region };
    } catch (error) {
      return send(
        response,
        errorResponse(
          error instanceof KmsError
            ? error
            : new KmsError('InvalidSignatureException', 'The request signature could not be checked.'),
        ),
      );
    }
  }
  send(response, handleWire(served.fake.engine, headers['x-amz-target'], text, ctx));
}

/** A request refused before the engine sees it; its request id is not drawn from the seed, so seeded ids stay the same. */
function errorResponse(error: KmsError): WireResponse {
  return {
    statusCode: error.httpStatus,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': randomUUID() },
    body: encodeError(error),
  };
}

function send(response: ServerResponse, wire: WireResponse): void {
  if (response.destroyed || response.headersSent) return;
  // Ended with a string, Node writes the head and the body in one piece (one write, no Buffer copy of the body).
  response.writeHead(wire.statusCode, { ...wire.headers, 'content-length': String(Buffer.byteLength(wire.body)) });
  response.end(wire.body);
}

/** Node joins repeated headers with ", " except a few; KMS requests carry none that repeat. */
function flatHeaders(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}
