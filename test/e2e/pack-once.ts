import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildAndPack } from './pack.js';

/**
 * Global setup of the e2e run: build and pack the library once (the build is the slow part) and give
 * every e2e file the tarball's path; each file copies it into a project of its own.
 */
export default function packOnce(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'fake-kms-e2e-pack-'));
  project.provide('fakeKmsTarball', buildAndPack(dir));
  return () => rmSync(dir, { recursive: true, force: true });
}
