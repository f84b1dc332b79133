/** Where the secrets test looks: raw response bytes, SDK outputs and errors, SDK log lines, console writes. */
import { inspect } from 'node:util';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { KmsFake } from '../../../src/index.js';
import { type SecretScanner, safeJson } from './scanner.js';

const decoder = new TextDecoder();

type Handler = KmsFake['requestHandler'];
export type SdkCall = { send: (command: never) => Promise<unknown> };

/** Records what the console, stdout and stderr receive until `restore()`; the output still goes through. */
export function captureOutput(): { written: string[]; restore: () => void } {
  const written: string[] = [];
  const restores: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = original as typeof stream.write;
    });
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      written.push(inspect(args, { depth: null }));
      original.apply(console, args);
    };
    restores.push(() => {
      console[level] = original;
    });
  }
  return {
    written,
    restore: () => {
      for (const undo of restores.splice(0)) undo();
    },
  };
}

/** A request handler that scans the raw bytes and headers of every response before the SDK sees them. */
export function scanningHandler(scanner: SecretScanner, fake: KmsFake): Handler {
  const handle: Handler['handle'] = async (request, options) => {
    const out = await fake.requestHandler.handle(request, options);
    const body = decoder.decode(out.response.body);
    const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
    const place = `${target} → HTTP ${out.response.statusCode}`;
    scanner.scan('raw response body', place, body, out.response.statusCode !== 200);
    scanner.scan('raw response headers', place, safeJson(out.response.headers), out.response.statusCode !== 200);
    return out;
  };
  return Object.assign(Object.create(fake.requestHandler), { handle }) as Handler;
}

export function sdkLogger(scanner: SecretScanner): KMSClient['config']['logger'] {
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      scanner.scan('SDK log line', level, `${safeJson(args)}\n${inspect(args, { depth: null })}`);
  return {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    trace: record('trace'),
  };
}

/** Send through the SDK; scan the output or every form of the error. */
export async function send(scanner: SecretScanner, kms: SdkCall, command: unknown, label: string): Promise<string> {
  try {
    const output = await kms.send(command as never);
    scanner.scanValue('SDK output', label, output);
    return 'ok';
  } catch (error) {
    const e = error as Error;
    scanner.scanValue('SDK error', label, e, true);
    scanner.scan('SDK error', `${label} (message, stack, String)`, `${e.message}\n${e.stack}\n${String(e)}`, true);
    return e.name;
  }
}

/** A raw awsJson1_1 request, for bodies the SDK would never send. */
export async function raw(scanner: SecretScanner, fake: KmsFake, operation: string, body: string): Promise<string> {
  const { response } = await scanningHandler(scanner, fake).handle({
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': `TrentService.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
    body,
  });
  return (JSON.parse(decoder.decode(response.body)) as { __type?: string }).__type ?? 'ok';
}
