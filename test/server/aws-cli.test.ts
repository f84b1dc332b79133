import { describe, expect, it } from 'vitest';
import { TRUST_ANCHOR } from '../support/inputs.js';
import { runClient } from './python-client.js';
import { useServer } from './server-support.js';

const server = useServer({ seed: 'aws-cli', timing: 'immediate' });

/** `aws kms <command> …` against the server; JSON output parsed when there is any. */
async function aws(command: string, ...args: string[]) {
  const result = await runClient('aws', ['kms', command, ...args, '--endpoint-url', server().url, '--output', 'json']);
  const output = result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  return { ...result, output };
}

/** The error code the AWS CLI names in "An error occurred (Code) when calling …". */
const errorCode = (stderr: string) =>
  /An error occurred \((\w+)\) when calling the (\w+) operation/.exec(stderr)?.slice(1);

describe('the AWS CLI against fake-kms serve', () => {
  it('runs every custom key store command and gets AWS-shaped output', { timeout: 120_000 }, async () => {
    const created = await aws(
      'create-custom-key-store',
      '--custom-key-store-name',
      'cli-hsm',
      '--cloud-hsm-cluster-id',
      'cluster-abcdefghijk',
      '--trust-anchor-certificate',
      TRUST_ANCHOR,
      '--key-store-password',
      'kmsPswd-cli',
    );
    expect(created.code, created.stderr).toBe(0);
    const id = created.output.CustomKeyStoreId as string;
    expect(id).toMatch(/^cks-[0-9a-f]{17}$/);

    const described = await aws('describe-custom-key-stores', '--custom-key-store-name', 'cli-hsm');
    expect(described.output.CustomKeyStores).toEqual([
      expect.objectContaining({
        CustomKeyStoreId: id,
        ConnectionState: 'DISCONNECTED',
        CloudHsmClusterId: 'cluster-abcdefghijk',
      }),
    ]);
    expect(described.stdout).not.toContain('kmsPswd-cli');

    expect((await aws('connect-custom-key-store', '--custom-key-store-id', id)).code).toBe(0);
    const inUse = await aws('delete-custom-key-store', '--custom-key-store-id', id);
    expect(inUse.code).not.toBe(0);
    expect(errorCode(inUse.stderr)).toEqual(['CustomKeyStoreInvalidStateException', 'DeleteCustomKeyStore']);

    const renamed = await aws(
      'update-custom-key-store',
      '--custom-key-store-id',
      id,
      '--new-custom-key-store-name',
      'cli-hsm-2',
    );
    expect(renamed.code, renamed.stderr).toBe(0);
    expect((await aws('disconnect-custom-key-store', '--custom-key-store-id', id)).code).toBe(0);
    const after = await aws('describe-custom-key-stores', '--custom-key-store-id', id);
    expect(after.output.CustomKeyStores).toEqual([
      expect.objectContaining({ CustomKeyStoreName: 'cli-hsm-2', ConnectionState: 'DISCONNECTED' }),
    ]);

    expect((await aws('delete-custom-key-store', '--custom-key-store-id', id)).code).toBe(0);
    const gone = await aws('describe-custom-key-stores', '--custom-key-store-id', id);
    expect(gone.code).not.toBe(0);
    expect(errorCode(gone.stderr)).toEqual(['CustomKeyStoreNotFoundException', 'DescribeCustomKeyStores']);
  });

  it('shows a validation error the way AWS words it', { timeout: 60_000 }, async () => {
    const result = await aws('describe-custom-key-stores', '--custom-key-store-id', 'c'.repeat(65));
    expect(errorCode(result.stderr)).toEqual(['ValidationException', 'DescribeCustomKeyStores']);
    expect(result.stderr).toContain("at 'customKeyStoreId' failed to satisfy constraint");
  });
});
