import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallContext } from '../../engine/types.js';
import { KmsError } from '../../errors/kms-error.js';
import { handleWire, type WireResponse } from '../../protocol/handle-wire.js';
import { CONTENT_TYPE, encodeError } from '../../protocol/json-protocol.js';
import { contextFromRequest } from '../sdk/context.js';
import { sendInternalError } from './control-response.js';
import { type BodyResult, MAX_BODY_BYTES, onBody } from './read-body.js';
import type { ServedFake } from './served-fake.js';
import type { SignatureChecker } from './signature-check.js';

/** The awsJson content types KMS reads (Coral takes 1.0 and 1.1 alike). */
const JSON_CONTENT_TYPE = /^application\/x-amz-json-1\.[01]\s*(?:;|$)/i;

/**
 * A KMS request over HTTP: checked as AWS's front end checks it (method, content type, size, signature),
 * then handed to the same protocol layer and engine as the in-process fake. Nothing reaches the engine
 * before the whole body has arrived and every check has passed, so a rejected request changes nothing.
 */
export function serveKmsRequest(
  request: IncomingMessage,
  response: ServerResponse,
  served: ServedFake,
  signatures: SignatureChecker | undefined,
): void {
  const contentType = request.headers['content-type'] ?? '';
  if (request.method !== 'POST' || !JSON_CONTENT_TYPE.test(contentType)) {
    // What Coral answers to a request that is not awsJson: 404 and an XML body, whatever the client wanted.
    request.resume();
    send(response, {
      statusCode: 404,
      headers: { 'content-type': 'application/xml' },
      body: '<UnknownOperationException/>\n',
    });
    return;
  }
  // Callbacks rather than promises: this is the path every KMS request takes.
  onBody(request, (body) => {
    try {
      answer(request, response, served, signatures, body);
    } catch (error) {
      sendInternalError(response, error);
    }
  });
}

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  served: ServedFake,
  signatures: SignatureChecker | undefined,
  body: BodyResult,
): void {
  if (body.kind === 'aborted') return; // the client left; nothing to answer, nothing changed
  if (body.kind === 'too-large') {
    const error = new KmsError(
      'SerializationException',
      `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      413,
    );
    // The rest of the body is never read, so the connection cannot be reused.
    response.shouldKeepAlive = false;
    send(response, errorResponse(error));
    return;
  }
  // Node's own header object serves as is: it joins repeated headers already, and only Set-Cookie (which no KMS
  // request reads) stays an array. The signature check alone needs every header flat.
  const headers = request.headers as Record<string, string | undefined>;
  const { account, region } = served.fake.engine.options;
  const ctx: CallContext = contextFromRequest(headers, undefined, { account, region });
  if (signatures) {
    answerSigned(request, response, served, signatures, body.bytes, ctx).catch((error: unknown) =>
      sendInternalError(response, error),
    );
    return;
  }
  send(response, handleWire(served.fake.engine, headers['x-amz-target'], body.bytes.toString('utf8'), ctx));
}

/** The same answer once the signature has been checked; the key's account, if it names one, is the caller's. */
async function answerSigned(
  request: IncomingMessage,
  response: ServerResponse,
  served: ServedFake,
  signatures: SignatureChecker,
  bytes: Buffer,
  ctx: CallContext,
): Promise<void> {
  let caller = ctx;
  try {
    const key = await signatures.check({
      method: 'POST',
      path: pathOf(request.url),
      headers: flatHeaders(request),
      body: bytes,
    });
    // A checked key acts as its own account or the server's, never as the one a FAKE… key id would name.
    caller = { account: key.account ?? served.fake.engine.options.account, region: ctx.region };
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
  const target = (request.headers as Record<string, string | undefined>)['x-amz-target'];
  send(response, handleWire(served.fake.engine, target, bytes.toString('utf8'), caller));
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
