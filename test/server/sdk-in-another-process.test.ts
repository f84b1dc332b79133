import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRUST_ANCHOR } from '../support/inputs.js';
import { runClient } from './python-client.js';
import { useServer } from './server-support.js';

const server = useServer({ timing: 'immediate' });

describe('@aws-sdk/client-kms in another Node process, pointed at the server by AWS_ENDPOINT_URL_KMS', () => {
  it('runs every custom key store operation with nothing but the environment to find the fake', {
    timeout: 60_000,
  }, async () => {
    const script = join(import.meta.dirname, 'clients', 'sdk-in-another-process.mjs');
    const result = await runClient(process.execPath, [script], {
      AWS_ENDPOINT_URL_KMS: server().url,
      AWS_REGION: 'eu-north-1',
      FAKE_KMS_TRUST_ANCHOR: TRUST_ANCHOR,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      id: expect.stringMatching(/^cks-[0-9a-f]{17}$/),
      connected: { state: 'CONNECTED', creationDateIsDate: true },
      renamed: { name: 'renamed-in-another-process', state: 'DISCONNECTED' },
      afterDelete: { name: 'CustomKeyStoreNotFoundException', status: 400 },
      region: 'eu-north-1',
    });
    expect(
      server()
        .fake.calls()
        .every((call) => call.region === 'eu-north-1'),
    ).toBe(true);
  });
});
