import type { IncomingMessage } from 'node:http';

/** The largest request body the server reads. KMS requests are a few KiB; anything this big is refused unread. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { kind: 'body'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * The whole request body, or why there is none: larger than {@link MAX_BODY_BYTES} (by `Content-Length` or
 * by counting), or the client went away before sending it all. Never rejects, so no request can crash the server.
 */
export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => onBody(request, resolve, limit));
}

/**
 * {@link readBody} without a promise, for the KMS path where every request pays for one: `done` is called
 * exactly once, at once if `Content-Length` is already too large.
 */
export function onBody(request: IncomingMessage, done: (result: BodyResult) => void, limit = MAX_BODY_BYTES): void {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    done({ kind: 'too-large' });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const finish = (result: BodyResult) => {
    if (settled) return;
    settled = true;
    request.removeListener('data', onData);
    done(result);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) finish({ kind: 'too-large' });
    else chunks.push(chunk);
  };
  request.on('data', onData);
  request.on('end', () => finish({ kind: 'body', bytes: joined(chunks) }));
  request.on('error', () => finish({ kind: 'aborted' }));
  request.on('close', () => finish(request.complete ? { kind: 'body', bytes: joined(chunks) } : { kind: 'aborted' }));
}

/** A KMS request nearly always arrives in one chunk: use it as it is rather than copy it. */
function joined(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}
