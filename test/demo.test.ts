import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the demo (npm start)', () => {
  it('walks both stores through the lifecycle, one ending FAILED with its code, and opens no socket', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
      encoding: 'utf8',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      timeout: 60_000,
    });
    expect(out).toMatch(/partner-xks +EXTERNAL_KEY_STORE +FAILED +XKS_PROXY_INVALID_TLS_CONFIGURATION/);
    expect(out).toMatch(/payments-hsm +AWS_CLOUDHSM +CONNECTED/);
    expect(out).toContain('CustomKeyStoreInvalidStateException (HTTP 400)');
    expect(out).toMatch(/partner-xks-v2 +EXTERNAL_KEY_STORE +CONNECTED/);
    expect(out).toMatch(/page 3: .*team-5-hsm/);
    expect(out).toContain('decrypted: "November payroll"');
    expect(out).toContain('store disconnected: the key is Unavailable');
    expect(out).toMatch(
      /Encrypt is refused: KMSInvalidStateException: arn:aws:kms:eu-west-1:111122223333:key\/[0-9a-f-]{36} is unavailable\./,
    );
    expect(out).toContain('store reconnected: the key is Enabled again');
    expect(out).toMatch(/ 0 sockets opened\.$/m);
    expect(out).not.toContain('c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==');
  });
});
