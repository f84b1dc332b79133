import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { packLibrary } from './temp-project.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The library, built and packed once for every end-to-end test file (`inject('packedTarball')`). */
    packedTarball: string;
  }
}

/** Global setup of the end-to-end run: one build and one `npm pack`, whatever the number of test files. */
export default function packOnce(project: TestProject): () => void {
  const { dir, tarball } = packLibrary();
  project.provide('packedTarball', tarball);
  return () => rmSync(dir, { recursive: true, force: true });
}
