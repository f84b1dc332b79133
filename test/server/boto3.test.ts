import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRUST_ANCHOR } from '../support/inputs.js';
import { runClient } from './python-client.js';
import { useServer } from './server-support.js';

const KEY = { accessKeyId: 'AKIAFAKEKMSBOTO30001', secretAccessKey: 'boto3/secret/for/fake-kms/tests/000000001' };
const plain = useServer({ seed: 'boto3' });
const signed = useServer({ verifySignature: [KEY] });

describe('boto3 against fake-kms serve', () => {
  it('drives every custom key store operation and a key round trip, and gets the outputs and error codes AWS gives', async () => {
    const result = await runClient(
      'python3',
      [join(import.meta.dirname, 'clients', 'boto3_custom_key_stores.py'), '-v'],
      {
        FAKE_KMS_URL: plain().url,
        FAKE_KMS_TRUST_ANCHOR: TRUST_ANCHOR,
        FAKE_KMS_SIGNED_URL: signed().url,
        FAKE_KMS_KEY_ID: KEY.accessKeyId,
        FAKE_KMS_SECRET: KEY.secretAccessKey,
      },
    );
    // unittest reports on stderr: one line per test, then "Ran N tests" and "OK".
    expect(result.stderr, result.stderr).toMatch(/Ran (\d+) tests?[\s\S]*\nOK\s*$/);
    expect(Number(/Ran (\d+) tests?/.exec(result.stderr)?.[1])).toBe(11);
    expect(result.stderr).not.toMatch(/skipped/);
    expect(result.code).toBe(0);
  }, 120_000);
});
