import type { ServerResponse } from 'node:http';

/** A control API answer: a status and a JSON body. */
export interface ControlResult {
  status: number;
  body: unknown;
}

export const ok = (body: unknown = {}): ControlResult => ({ status: 200, body });

/** A control API error: the fake's own vocabulary (`FakeKmsUsageError`, `NotFound`, …), never a KMS error. */
export const failure = (status: number, error: string, message: string): ControlResult => ({
  status,
  body: { error, message },
});

export function sendJson(response: ServerResponse, result: ControlResult): void {
  if (response.destroyed || response.headersSent) return;
  const body = Buffer.from(`${JSON.stringify(result.body)}\n`, 'utf8');
  response.writeHead(result.status, { 'content-type': 'application/json', 'content-length': String(body.byteLength) });
  response.end(body);
}

/** The last line of defence: whatever goes wrong, the request gets a 500 and the server keeps serving. */
export function sendInternalError(response: ServerResponse, error: unknown): void {
  const message = `fake-kms failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
  sendJson(response, failure(500, 'InternalError', message));
}

// The world's secret fields; KMS-shaped data (stores, journal) is already redacted by the engine.
const SECRET_FIELDS = new Set(['password', 'secretAccessKey']);

/** A deep copy without secret fields: what the control API says about the world must not leak a password. */
export function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSecrets) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!SECRET_FIELDS.has(k)) out[k] = withoutSecrets(v);
  }
  return out as T;
}
