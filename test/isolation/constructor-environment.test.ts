import { KMSClient } from '@aws-sdk/client-kms';
import { expect, it, vi } from 'vitest';
import { createKmsFake } from '../../src/index.js';

/**
 * Issue 8: install() hardens the environment before any client's constructor reads it. The SDK decides
 * at construction, once per process, whether to print its Node-version warning; this file constructs no
 * other client, so the first constructor below is the one that would print it.
 */
it('a client constructed under install() sees the hardened environment: no Node-version warning, no metadata look-up', () => {
  delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  delete process.env.AWS_EC2_METADATA_DISABLED;
  const warnings = vi.spyOn(process, 'emitWarning');
  const fake = createKmsFake().install();
  try {
    new KMSClient({});
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('true');
  } finally {
    fake.uninstall();
    warnings.mockRestore();
  }
  expect(warnings.mock.calls.map((call) => String(call[0]))).not.toContainEqual(
    expect.stringContaining('NodeVersionSupportWarning'),
  );
  expect(process.env.AWS_EC2_METADATA_DISABLED).toBeUndefined();
});
