import {
  DescribeCustomKeyStoresCommand,
  type DescribeCustomKeyStoresCommandInput,
  UpdateCustomKeyStoreCommand,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake, type KmsFake } from '../../src/index.js';
import { cloudHsmInput, xksPublicInput, xksVpcInput } from '../support/inputs.js';
import { create, describeOne } from '../support/kms.js';

/** The body the fake sends for a Describe, parsed, beside the output its journal shows for that call. */
async function wireAndJournal(fake: KmsFake, input: DescribeCustomKeyStoresCommandInput = {}) {
  const { response } = await fake.requestHandler.handle({
    headers: { 'x-amz-target': 'TrentService.DescribeCustomKeyStores' },
    body: JSON.stringify(input),
  });
  const calls = fake.calls('DescribeCustomKeyStores');
  const output = calls[calls.length - 1]?.output;
  return { wire: JSON.parse(new TextDecoder().decode(response.body)), output };
}

/** The journal's output as awsJson1_1 writes it: every Date as epoch seconds. */
function asWire(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v) => v),
    (_key, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v).getTime() / 1000 : v),
  );
}

describe('the Describe body on the wire', () => {
  it('is exactly the output the journal records, for every kind of store, paged or not', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const hsm = await create(kms, cloudHsmInput());
    await create(kms, xksPublicInput());
    await create(kms, xksVpcInput());
    fake.setState(hsm, 'FAILED', 'USER_LOCKED_OUT');

    for (const input of [{}, { Limit: 2 }, { CustomKeyStoreId: hsm }]) {
      const { wire, output } = await wireAndJournal(fake, input);
      expect(wire).toEqual(asWire(output));
    }
    const { wire: firstPage } = await wireAndJournal(fake, { Limit: 2 });
    const { wire: rest } = await wireAndJournal(fake, { Marker: firstPage.NextMarker });
    expect(rest.CustomKeyStores).toHaveLength(1);
    expect(firstPage.CustomKeyStores[0].ConnectionErrorCode).toBe('USER_LOCKED_OUT');
  });

  it('carries a trust anchor exactly, whatever characters it holds', async () => {
    const fake = createKmsFake();
    const odd = `-----BEGIN CERTIFICATE-----\n${'A$&$\'$`"\\\u2028é'.repeat(40)}\n-----END CERTIFICATE-----`;
    const id = fake.addStore({
      CustomKeyStoreName: 'odd-anchor',
      CloudHsmClusterId: 'cluster-abcdefghijk',
      TrustAnchorCertificate: odd,
    });
    for (const state of ['DISCONNECTED', 'CONNECTED', 'FAILED'] as const) {
      fake.setState(id, state, state === 'FAILED' ? 'NETWORK_ERRORS' : undefined);
      const { wire, output } = await wireAndJournal(fake, { CustomKeyStoreId: id });
      expect(wire.CustomKeyStores[0].TrustAnchorCertificate).toBe(odd);
      expect(wire).toEqual(asWire(output));
    }
  });

  it('shows every change to a store that was described before: state, error code, name', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const hsm = await create(kms, cloudHsmInput());
    const xks = await create(kms, xksPublicInput());
    const before = await describeOne(kms, hsm);
    await describeOne(kms, xks);

    fake.setState(hsm, 'FAILED', 'NETWORK_ERRORS');
    expect(await describeOne(kms, hsm)).toMatchObject({
      ConnectionState: 'FAILED',
      ConnectionErrorCode: 'NETWORK_ERRORS',
    });
    fake.setState(hsm, 'DISCONNECTED');
    const renamed = `${before.CustomKeyStoreName}-renamed`;
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: hsm, NewCustomKeyStoreName: renamed }));
    const after = await describeOne(kms, hsm);
    expect(after.CustomKeyStoreName).toBe(renamed);
    expect(after.ConnectionErrorCode).toBeUndefined();
    expect(after.CreationDate).toEqual(before.CreationDate);

    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: xks, NewCustomKeyStoreName: 'xks-renamed' }));
    fake.setState(xks, 'CONNECTED');
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({}));
    expect(CustomKeyStores?.map((s) => [s.CustomKeyStoreName, s.ConnectionState])).toEqual([
      [renamed, 'DISCONNECTED'],
      ['xks-renamed', 'CONNECTED'],
    ]);
  });

  it('shows the current state of a store that goes back and forth, listed alone and in a page', async () => {
    const fake = createKmsFake();
    const kms = fake.client();
    const hsm = await create(kms, cloudHsmInput());
    await create(kms, xksPublicInput());
    const states = ['CONNECTED', 'DISCONNECTED', 'CONNECTED', 'FAILED', 'CONNECTED', 'DISCONNECTED'] as const;
    for (const state of states) {
      fake.setState(hsm, state, state === 'FAILED' ? 'NETWORK_ERRORS' : undefined);
      for (let poll = 0; poll < 2; poll++) {
        expect(await describeOne(kms, hsm)).toMatchObject({ ConnectionState: state });
        const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({}));
        expect(CustomKeyStores?.map((s) => s.ConnectionState)).toEqual([state, 'DISCONNECTED']);
        const { wire, output } = await wireAndJournal(fake);
        expect(wire).toEqual(asWire(output));
      }
    }
  });
});
