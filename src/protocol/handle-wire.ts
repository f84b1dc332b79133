import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { isKmsOperation } from '../model/operations.js';
import { EncodedOutput } from '../operations/common.js';
import { CONTENT_TYPE, decodeBody, encodeError, encodeOutput, operationFromTarget } from './json-protocol.js';

export interface WireResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One awsJson1_1 exchange: target + body in, status + headers + body out. Every door into the fake (the
 * SDK request handler, the SDK middleware, a future HTTP server) goes through here, so all of them get
 * the same errors. It never throws: a bug in the fake becomes a well-formed `KMSInternalException`.
 */
export function handleWire(engine: Engine, target: string | undefined, body: string, ctx: CallContext): WireResponse {
  const requestId = engine.random.uuid();
  const headers = { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId };
  try {
    const operation = operationFromTarget(target, isKmsOperation);
    const input = decodeBody(body);
    const output = engine.call(operation, input, ctx, requestId);
    return { statusCode: 200, headers, body: output instanceof EncodedOutput ? output.json : encodeOutput(output) };
  } catch (error) {
    const kmsError =
      error instanceof KmsError
        ? error
        : new KmsError('KMSInternalException', `fake-kms failed unexpectedly: ${describe(error)}`);
    return { statusCode: kmsError.httpStatus, headers, body: encodeError(kmsError) };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
