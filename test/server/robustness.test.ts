import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { KmsServer } from '../../src/adapters/http/kms-server.js';
import { cloudHsmInput } from '../support/inputs.js';
import { kmsRequest, raw, useServer } from './server-support.js';

const server = useServer({ seed: 'robust', requestTimeoutMs: 1500, quota: 10 });

/** Everything a rejected request could have changed: stores, world, journal, and the seeded id sequence. */
function state(s: KmsServer): string {
  return JSON.stringify({ snapshot: s.fake.snapshot(), journal: s.fake.journal.length });
}

async function expectStillServing(s: KmsServer): Promise<void> {
  const res = await kmsRequest(s.url, 'DescribeCustomKeyStores');
  expect(res.status).toBe(200);
}

const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.1' };

describe('requests fake-kms serve refuses, changing nothing', { timeout: 30_000 }, () => {
  it('answers malformed JSON with SerializationException (400)', async () => {
    const before = state(server());
    const res = await kmsRequest(server().url, 'CreateCustomKeyStore', '{"CustomKeyStoreName": ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'SerializationException' });
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(state(server())).toBe(before);
  });

  it('answers a request that is not awsJson (wrong content type, or GET) as Coral does: 404 <UnknownOperationException/>', async () => {
    const before = state(server());
    for (const res of [
      await raw(server().url, {
        headers: { 'content-type': 'text/plain', 'x-amz-target': 'TrentService.CreateCustomKeyStore' },
        body: JSON.stringify(cloudHsmInput()),
      }),
      await raw(server().url, { method: 'GET' }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.trim()).toBe('<UnknownOperationException/>');
    }
    expect(state(server())).toBe(before);
  });

  it('answers a missing or unknown X-Amz-Target with UnknownOperationException', async () => {
    const before = state(server());
    const missing = await raw(server().url, { headers: JSON_HEADERS, body: '{}' });
    const unknown = await raw(server().url, {
      headers: { ...JSON_HEADERS, 'x-amz-target': 'TrentService.MakeCoffee' },
      body: '{}',
    });
    const otherService = await raw(server().url, {
      headers: { ...JSON_HEADERS, 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      body: '{}',
    });
    for (const res of [missing, unknown, otherService]) {
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ __type: 'UnknownOperationException' });
    }
    expect(state(server())).toBe(before);
  });

  it('refuses a body over 1 MiB with 413, whether it declares its length or not', async () => {
    const before = state(server());
    const big = JSON.stringify({ ...cloudHsmInput(), TrustAnchorCertificate: 'A'.repeat(1024 * 1024 + 10) });
    const declared = await kmsRequest(server().url, 'CreateCustomKeyStore', big);
    const chunked = await new Promise<number>((resolve, reject) => {
      const socket = connect(server().port, '127.0.0.1');
      let reply = '';
      socket.on('data', (d) => {
        reply += d.toString();
      });
      socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1])));
      socket.on('error', reject);
      socket.write(
        'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.CreateCustomKeyStore\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const chunk = 'A'.repeat(64 * 1024);
      for (let i = 0; i < 20; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      socket.end('0\r\n\r\n');
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ __type: 'SerializationException' });
    expect(chunked).toBe(413);
    expect(state(server())).toBe(before);
    await expectStillServing(server());
  });

  it('drops a client that disconnects half way through its body, and acts on nothing', async () => {
    const before = state(server());
    const body = JSON.stringify(cloudHsmInput());
    await new Promise<void>((resolve) => {
      const socket = connect(server().port, '127.0.0.1', () => {
        socket.write(
          `POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.CreateCustomKeyStore\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 40)}`,
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await expectStillServing(server());
    // The Describe above is the only new call.
    expect(server().fake.calls('CreateCustomKeyStore')).toHaveLength(0);
    expect(JSON.parse(state(server())).snapshot).toEqual(JSON.parse(before).snapshot);
  });

  it('serves a slow client that sends its body in pieces, and closes on one that stalls', async () => {
    const input = cloudHsmInput();
    const body = JSON.stringify(input);
    const send = (pieces: string[], stallAfter?: number) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(server().port, '127.0.0.1');
        let reply = '';
        socket.on('data', (d) => {
          reply += d.toString();
          if (reply.includes('\r\n\r\n') && reply.includes('}')) socket.end();
        });
        socket.on('close', () => resolve(reply));
        socket.on('error', reject);
        socket.write(
          `POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: TrentService.CreateCustomKeyStore\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        pieces.forEach((piece, i) => {
          if (stallAfter === undefined || i < stallAfter) setTimeout(() => socket.write(piece), 30 * (i + 1));
        });
      });
    // Five pieces well inside the server's request timeout; the stalled client sends two and then nothing.
    const size = Math.ceil(body.length / 5);
    const pieces = Array.from({ length: 5 }, (_, i) => body.slice(i * size, (i + 1) * size));
    const stalled = await send(pieces, 2);
    expect(stalled).not.toMatch(/^HTTP\/1\.1 200/);
    expect(server().fake.calls('CreateCustomKeyStore')).toHaveLength(0);
    const slow = await send(pieces);
    expect(slow).toMatch(/^HTTP\/1\.1 200/);
    expect(
      server()
        .fake.stores()
        .map((s) => s.CustomKeyStoreName),
    ).toContain(input.CustomKeyStoreName);
    server().fake.reset();
  });

  it('answers bytes that are not HTTP with 400 and keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(server().port, '127.0.0.1', () => socket.write('\x16\x03\x01 not http at all\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
      });
      socket.on('close', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    await expectStillServing(server());
  });
});

describe('many clients at once', { timeout: 30_000 }, () => {
  it('lets exactly one of 40 concurrent creates with one name succeed', async () => {
    server().fake.reset();
    const input = cloudHsmInput();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => kmsRequest(server().url, 'CreateCustomKeyStore', input)),
    );
    const codes = results.map((r) => (r.status === 200 ? 'ok' : (JSON.parse(r.body) as { __type: string }).__type));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['CustomKeyStoreNameInUseException']));
    expect(server().fake.stores()).toHaveLength(1);
  });

  it('keeps the quota exact under 40 concurrent creates with different names', async () => {
    server().fake.reset();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => kmsRequest(server().url, 'CreateCustomKeyStore', cloudHsmInput())),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results
      .filter((r) => r.status !== 200)
      .map((r) => (JSON.parse(r.body) as { __type: string }).__type);
    expect(ok).toHaveLength(10);
    expect(new Set(refused)).toEqual(new Set(['LimitExceededException']));
    const ids = ok.map((r) => (JSON.parse(r.body) as { CustomKeyStoreId: string }).CustomKeyStoreId);
    expect(new Set(ids).size).toBe(10);
    expect(
      server()
        .fake.stores()
        .map((s) => s.CustomKeyStoreId)
        .sort(),
    ).toEqual([...ids].sort());
  });
});

describe('answers', { timeout: 30_000 }, () => {
  it('declares the length of an answer with multi-byte characters in bytes, so a client reads all of it', async () => {
    const description = 'clé — 鍵 🔑';
    const res = await kmsRequest(server().url, 'CreateKey', { Description: description });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(JSON.parse(res.body).KeyMetadata.Description).toBe(description);
  });
});
