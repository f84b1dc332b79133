import { FakeKmsUsageError } from '../../errors/kms-error.js';

/** One thing wrong with a seed, a scenario or a world change, at a JSON path such as `$.stores[2].ConnectionState`. */
export interface SpecIssue {
  path: string;
  problem: string;
}

/**
 * Collects everything wrong with a description before refusing it, so one error lists every mistake.
 * The message names the source (a file, or the call that received the data), each JSON path and what is wrong.
 */
export class SpecIssues {
  readonly list: SpecIssue[] = [];

  add(path: string, problem: string): void {
    this.list.push({ path, problem });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** Throws a `FakeKmsUsageError` naming `source` and every issue; does nothing when there is none. */
  throwIfAny(source: string): void {
    if (this.empty) return;
    const lines = this.list.map((i) => `  ${i.path}: ${i.problem}`);
    const count = this.list.length === 1 ? '1 problem' : `${this.list.length} problems`;
    throw new FakeKmsUsageError(`${source} is not a valid description (${count}):\n${lines.join('\n')}`);
  }
}

/** `$.a` + `b` → `$.a.b`; `$.a` + 2 → `$.a[2]`. */
export function child(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;
}

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
