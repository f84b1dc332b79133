import type { CallEntry } from '../../index.js';
import { usage } from '../../usage/arguments.js';
import { describeCall, describeValue } from './describe-value.js';
import { asFake } from './find-store.js';
import { matchesSubset } from './match-subset.js';
import type { KmsFakeLike, KmsOperationRef, MatcherContext, MatcherResult } from './types.js';

/**
 * The operation a matcher names, by name or command class. A misspelt one is a `FakeKmsUsageError`, so that
 * `.not.toHaveReceivedKmsCall('DeleteCustomKeyStores')` fails instead of passing for ever.
 */
export function operationName(matcher: string, operation: KmsOperationRef): string {
  return usage(`expect(fake).${matcher}(operation, …)`).operation('operation', operation, true);
}

function checkInput(matcher: string, input: unknown): Record<string, unknown> | undefined {
  return usage(`expect(fake).${matcher}(operation, …, input?)`).object('input', input);
}

function withInput(input: Record<string, unknown> | undefined): string {
  return input === undefined ? '' : ` with an input containing ${describeValue(input)}`;
}

/** What the fake did receive, so a failure shows the calls instead of only a count. */
function received(fake: KmsFakeLike, operation: string): string {
  const calls = fake.calls(operation);
  if (calls.length > 0)
    return `It received ${calls.length} ${operation} call(s):\n${calls.map(describeCall).join('\n')}`;
  const all = fake.calls();
  if (all.length === 0) return 'It received no calls at all.';
  const counts = new Map<string, number>();
  for (const call of all) counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
  return `It received no ${operation} call; it received ${[...counts].map(([op, n]) => `${op} ×${n}`).join(', ')}.`;
}

function matching(ctx: MatcherContext, calls: CallEntry[], input: Record<string, unknown> | undefined): CallEntry[] {
  if (input === undefined) return calls;
  return calls.filter((call) => matchesSubset(call.input, input, (a, b) => ctx.equals(a, b)));
}

export function toHaveReceivedKmsCall(
  this: MatcherContext,
  fakeValue: unknown,
  operation: KmsOperationRef,
  input?: Record<string, unknown>,
): MatcherResult {
  const fake = asFake(fakeValue);
  if (typeof fake === 'string') return { pass: Boolean(this.isNot), message: () => fake };
  const name = operationName('toHaveReceivedKmsCall', operation);
  checkInput('toHaveReceivedKmsCall', input);
  const hits = matching(this, fake.calls(name), input);
  const pass = hits.length > 0;
  return {
    pass,
    message: () =>
      pass
        ? `Expected the fake not to have received ${name}${withInput(input)}, but it did ${hits.length} time(s):\n${hits.map(describeCall).join('\n')}`
        : `Expected the fake to have received ${name}${withInput(input)}.\n${received(fake, name)}`,
  };
}

export function toHaveReceivedKmsCallTimes(
  this: MatcherContext,
  fakeValue: unknown,
  operation: KmsOperationRef,
  times: number,
  input?: Record<string, unknown>,
): MatcherResult {
  const fake = asFake(fakeValue);
  if (typeof fake === 'string') return { pass: Boolean(this.isNot), message: () => fake };
  const name = operationName('toHaveReceivedKmsCallTimes', operation);
  usage('expect(fake).toHaveReceivedKmsCallTimes(operation, times, input?)').wholeNumber('times', times, 0);
  checkInput('toHaveReceivedKmsCallTimes', input);
  const count = matching(this, fake.calls(name), input).length;
  const pass = count === times;
  return {
    pass,
    actual: count,
    expected: times,
    message: () =>
      `Expected the fake ${pass ? 'not ' : ''}to have received ${name}${withInput(input)} ${times} time(s), and it received it ${count} time(s).\n${received(fake, name)}`,
  };
}
