import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KmsFake, KmsFakeOptions } from '../../fake.js';
import { CONTROL_PREFIX, serveControlRequest } from './control-api.js';
import { sendInternalError } from './control-response.js';
import { serveKmsRequest } from './kms-door.js';
import { ServedFake } from './served-fake.js';
import type { AccessKey, SignatureChecker } from './signature-check.js';

export interface KmsServerOptions extends KmsFakeOptions {
  /** The address to listen on. Default `127.0.0.1`: nothing but this machine can reach the fake. */
  host?: string;
  /** The port. Default 4599; 0 picks a free one (read it from `server.port`). */
  port?: number;
  /** A shipped scenario name, a scenario file path, or a scenario object to start from. */
  scenario?: string | object;
  /**
   * Check SigV4 signatures against these access keys: an unknown key gets `UnrecognizedClientException`, a wrong
   * signature `InvalidSignatureException`. Without it any signature (or none) is accepted.
   */
  verifySignature?: readonly AccessKey[];
  /** How long a client may take to send one whole request before its connection is closed. Default 30 s. */
  requestTimeoutMs?: number;
}

/** A running fake-kms HTTP endpoint. */
export interface KmsServer {
  /** `http://HOST:PORT`, for `--endpoint-url`, `AWS_ENDPOINT_URL_KMS` or a KMSClient's `endpoint`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The fake answering now (loading a scenario through the control API replaces it). */
  readonly fake: KmsFake;
  /** Stop accepting connections, let requests in flight finish, then close every connection. */
  close(): Promise<void>;
}

/**
 * Serve a fake over HTTP: awsJson1_1 KMS requests on `POST /`, the control API under `/_fake-kms/`. It
 * listens on loopback unless told otherwise.
 *
 * @example
 * const server = await startKmsServer({ port: 0, seed: 1 });
 * const kms = new KMSClient({ endpoint: server.url, region: 'us-east-1' });
 * await server.close();
 */
export async function startKmsServer(options: KmsServerOptions = {}): Promise<KmsServer> {
  const {
    host = '127.0.0.1',
    port = 4599,
    scenario,
    verifySignature,
    requestTimeoutMs = 30_000,
    ...fakeOptions
  } = options;
  const served = new ServedFake(fakeOptions, scenario);
  // Loaded only when asked for, so that importing fake-kms does not load the SigV4 signer.
  const signatures = verifySignature
    ? new (await import('./signature-check.js')).SignatureChecker(verifySignature)
    : undefined;
  const timeouts = {
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs,
    // Node looks for overdue requests at this interval; a short timeout needs a closer look.
    connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(requestTimeoutMs / 4))),
  };
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer(timeouts, (req, res) => {
    // Once closing, every answer ends its connection, so close() is not held open by keep-alive.
    if (closing) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
    handle(req, res, served, signatures);
  });
  // A client that sends garbage instead of HTTP gets a 400 and a closed socket; the server carries on.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    get fake() {
      return served.fake;
    },
    close: () => {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      return close(server);
    },
  };
}

function handle(req: IncomingMessage, res: ServerResponse, served: ServedFake, signatures?: SignatureChecker): void {
  const isControl = req.url === CONTROL_PREFIX || req.url?.startsWith(`${CONTROL_PREFIX}/`) === true;
  if (isControl) {
    serveControlRequest(req, res, served).catch((error: unknown) => sendInternalError(res, error));
    return;
  }
  // The KMS door answers through callbacks (no promise per request) and catches what goes wrong in them itself.
  try {
    serveKmsRequest(req, res, served, signatures);
  } catch (error) {
    sendInternalError(res, error);
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Idle keep-alive connections would hold close() open; requests in flight still finish.
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5_000);
    force.unref();
    server.once('close', () => clearTimeout(force));
  });
}
