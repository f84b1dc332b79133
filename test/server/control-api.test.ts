import { beforeEach, describe, expect, it } from 'vitest';
import { cloudHsmInput, xksPublicInput } from '../support/inputs.js';
import { control, kmsRequest, raw, useServer } from './server-support.js';

const server = useServer({ seed: 'control', timing: { observations: 1 } });

beforeEach(async () => {
  expect((await control(server(), 'POST', 'scenario', { scenario: { stores: [] } })).status).toBe(200);
});

async function createStore(input = cloudHsmInput()): Promise<string> {
  const res = await kmsRequest(server().url, 'CreateCustomKeyStore', input);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { CustomKeyStoreId: string }).CustomKeyStoreId;
}

async function describeState(id: string): Promise<string> {
  const res = await kmsRequest(server().url, 'DescribeCustomKeyStores', { CustomKeyStoreId: id });
  return (JSON.parse(res.body) as { CustomKeyStores: Array<{ ConnectionState: string }> }).CustomKeyStores[0]
    ?.ConnectionState as string;
}

describe('the control API under /_fake-kms', { timeout: 30_000 }, () => {
  it('reports readiness on GET /_fake-kms/health', async () => {
    expect(await control(server(), 'GET', 'health')).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('resets to the seeded state on POST /_fake-kms/reset', async () => {
    await createStore();
    expect((await control(server(), 'POST', 'reset')).status).toBe(200);
    expect((await control(server(), 'GET', 'stores')).body).toEqual({ stores: [] });
    expect(server().fake.journal).toEqual([]);
  });

  it('loads a shipped scenario by name, and reset returns to it', async () => {
    const loaded = await control(server(), 'POST', 'scenario', { scenario: 'example-key-store' });
    expect(loaded.status).toBe(200);
    expect(loaded.body.stores).toEqual([expect.objectContaining({ CustomKeyStoreName: 'ExampleKeyStore' })]);
    await createStore();
    await control(server(), 'POST', 'reset');
    const { body } = await control(server(), 'GET', 'stores');
    expect((body.stores as Array<{ CustomKeyStoreName: string }>).map((s) => s.CustomKeyStoreName)).toEqual([
      'ExampleKeyStore',
    ]);
  });

  it('refuses a bad scenario with FakeKmsUsageError and keeps the running fake', async () => {
    const id = await createStore();
    const res = await control(server(), 'POST', 'scenario', { scenario: { stores: [{ ConnectionState: 'NOPE' }] } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'FakeKmsUsageError', message: expect.stringContaining('$.stores[0]') });
    expect(await describeState(id)).toBe('DISCONNECTED');
  });

  it('adds a store from a seed on POST /_fake-kms/stores and lists stores without secrets', async () => {
    const res = await control(server(), 'POST', 'stores', {
      CustomKeyStoreName: 'seeded-over-http',
      CloudHsmClusterId: 'cluster-abcdefghijk',
      TrustAnchorCertificate: cloudHsmInput().TrustAnchorCertificate,
      KeyStorePassword: 'kmsPswd-seeded',
      ConnectionState: 'CONNECTED',
    });
    expect(res.body.CustomKeyStoreId).toMatch(/^cks-/);
    const listed = await raw(server().url, { method: 'GET', path: '/_fake-kms/stores' });
    expect(listed.body).toContain('seeded-over-http');
    expect(listed.body).not.toContain('kmsPswd-seeded');
    expect(await describeState(res.body.CustomKeyStoreId as string)).toBe('CONNECTED');
  });

  it('returns the whole state as a scenario on GET /_fake-kms/snapshot, secrets left out', async () => {
    await createStore(xksPublicInput());
    const res = await raw(server().url, { method: 'GET', path: '/_fake-kms/snapshot' });
    const snapshot = JSON.parse(res.body) as { stores: unknown[]; clusters: unknown[] };
    expect(snapshot.stores).toHaveLength(1);
    expect(res.body).not.toContain(xksPublicInput().XksProxyAuthenticationCredential?.RawSecretAccessKey);
  });

  it('reads the call journal on GET /_fake-kms/journal, optionally of one operation, secrets redacted', async () => {
    const input = cloudHsmInput();
    await createStore(input);
    await kmsRequest(server().url, 'DescribeCustomKeyStores');
    const all = await raw(server().url, { method: 'GET', path: '/_fake-kms/journal' });
    expect(all.body).not.toContain(input.KeyStorePassword);
    const entries = (JSON.parse(all.body) as { entries: Array<{ operation: string }> }).entries;
    expect(entries.map((e) => e.operation)).toEqual(['CreateCustomKeyStore', 'DescribeCustomKeyStores']);
    const creates = await control(server(), 'GET', 'journal?operation=CreateCustomKeyStore');
    expect(creates.body.entries).toEqual([
      expect.objectContaining({
        operation: 'CreateCustomKeyStore',
        input: expect.objectContaining({ KeyStorePassword: '**redacted**' }),
      }),
    ]);
  });

  it('settles a pending transition on POST /_fake-kms/settle', async () => {
    await control(server(), 'POST', 'timing', { timing: 'manual' });
    const id = await createStore();
    await kmsRequest(server().url, 'ConnectCustomKeyStore', { CustomKeyStoreId: id });
    expect(await describeState(id)).toBe('CONNECTING');
    expect(await describeState(id)).toBe('CONNECTING');
    expect((await control(server(), 'POST', 'settle', { storeId: id })).status).toBe(200);
    expect(await describeState(id)).toBe('CONNECTED');
  });

  it('moves the server clock on POST /_fake-kms/advance, settling { afterMs } transitions', async () => {
    await control(server(), 'POST', 'timing', { timing: { afterMs: 60_000 } });
    const id = await createStore();
    await kmsRequest(server().url, 'ConnectCustomKeyStore', { CustomKeyStoreId: id });
    expect(await describeState(id)).toBe('CONNECTING');
    const advanced = await control(server(), 'POST', 'advance', { ms: 60_000 });
    expect(advanced.status).toBe(200);
    expect(await describeState(id)).toBe('CONNECTED');
    expect((await control(server(), 'POST', 'advance', { ms: -1 })).status).toBe(400);
  });

  it('puts a store in any state on POST /_fake-kms/state', async () => {
    const id = await createStore();
    await control(server(), 'POST', 'state', { storeId: id, state: 'FAILED', errorCode: 'NETWORK_ERRORS' });
    expect(await describeState(id)).toBe('FAILED');
    const bad = await control(server(), 'POST', 'state', { storeId: id, state: 'FAILED' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'FakeKmsUsageError' } });
    expect(await describeState(id)).toBe('FAILED');
  });

  it('injects a failure on POST /_fake-kms/fail-next, answered over the wire as KMS would', async () => {
    await control(server(), 'POST', 'fail-next', {
      operation: 'DescribeCustomKeyStores',
      code: 'KMSInternalException',
      times: 1,
    });
    const failed = await kmsRequest(server().url, 'DescribeCustomKeyStores');
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.body)).toMatchObject({ __type: 'KMSInternalException' });
    expect((await kmsRequest(server().url, 'DescribeCustomKeyStores')).status).toBe(200);
  });

  it('fails the next connect on POST /_fake-kms/fail-next-connect', async () => {
    await control(server(), 'POST', 'timing', { timing: 'immediate' });
    const id = await createStore();
    await control(server(), 'POST', 'fail-next-connect', { storeId: id, code: 'USER_LOCKED_OUT' });
    await kmsRequest(server().url, 'ConnectCustomKeyStore', { CustomKeyStoreId: id });
    const res = await kmsRequest(server().url, 'DescribeCustomKeyStores', { CustomKeyStoreId: id });
    expect(JSON.parse(res.body).CustomKeyStores[0]).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'USER_LOCKED_OUT',
    });
    const unknown = await control(server(), 'POST', 'fail-next-connect', {
      storeId: 'cks-00000000000000000',
      code: 'X',
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'FakeKmsUsageError' } });
  });

  it('says 404 for an unknown route, 405 for a wrong method and 400 for a body that is not JSON', async () => {
    expect((await control(server(), 'GET', 'nope')).status).toBe(404);
    expect((await control(server(), 'GET', 'reset')).status).toBe(405);
    const bad = await raw(server().url, { method: 'POST', path: '/_fake-kms/reset', body: '{' });
    expect(bad.status).toBe(400);
  });
});

describe('the backing world through /_fake-kms/world', { timeout: 30_000 }, () => {
  const cluster = 'cluster-abcdefghijk';

  it('describes, changes and adds world entities, and the next Connect sees the change', async () => {
    await control(server(), 'POST', 'timing', { timing: 'immediate' });
    const id = await createStore(cloudHsmInput({ CloudHsmClusterId: cluster }));
    const locked = await control(server(), 'POST', `world/clusters/${cluster}/lockOutKmsUser`);
    expect(locked.body).toMatchObject({ clusterId: cluster, kmsUser: expect.objectContaining({ lockedOut: true }) });
    await kmsRequest(server().url, 'ConnectCustomKeyStore', { CustomKeyStoreId: id });
    const res = await kmsRequest(server().url, 'DescribeCustomKeyStores', { CustomKeyStoreId: id });
    expect(JSON.parse(res.body).CustomKeyStores[0].ConnectionErrorCode).toBe('USER_LOCKED_OUT');
    const world = await control(server(), 'GET', 'world');
    expect(world.body.clusters).toEqual([expect.objectContaining({ clusterId: cluster })]);
  });

  it('passes a JSON body as the arguments of a handle method, and changes proxies by endpoint', async () => {
    const updated = await control(server(), 'POST', `world/clusters/${cluster}/update`, { state: 'DEGRADED' });
    expect(updated.body.state).toBe('DEGRADED');
    const proxy = encodeURIComponent('https://xks.example.com');
    const slow = await control(server(), 'POST', `world/proxies/${proxy}/respondAfter`, [400]);
    expect(slow.body).toMatchObject({ uriEndpoint: 'https://xks.example.com', latencyMs: 400 });
    const described = await control(server(), 'GET', `world/proxies/${proxy}`);
    expect(described.body.latencyMs).toBe(400);
  });

  it('adds a VPC endpoint service from a spec and never shows a secret', async () => {
    const name = 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0';
    const added = await control(server(), 'POST', 'world/vpc-endpoint-services', {
      serviceName: name,
      acceptanceRequired: true,
    });
    expect(added.body).toMatchObject({ serviceName: name, acceptanceRequired: true });
    await control(server(), 'POST', `world/clusters/${cluster}/changeKmsUserPassword`, 'kmsPswd-rotated');
    const described = await raw(server().url, { method: 'GET', path: `/_fake-kms/world/clusters/${cluster}` });
    expect(described.body).not.toContain('kmsPswd-rotated');
  });

  it('refuses an unknown method or a malformed id with 404 or 400, changing nothing', async () => {
    const before = JSON.stringify(server().fake.snapshot());
    expect((await control(server(), 'POST', `world/clusters/${cluster}/constructor`)).status).toBe(404);
    expect((await control(server(), 'POST', 'world/clusters/not-a-cluster/delete')).body).toMatchObject({
      error: 'FakeKmsUsageError',
    });
    expect((await control(server(), 'POST', `world/clusters/${cluster}/setState`, 'BROKEN')).status).toBe(400);
    expect(JSON.stringify(server().fake.snapshot())).toBe(before);
  });
});
