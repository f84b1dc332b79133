import { FakeKmsUsageError } from '../errors/kms-error.js';
import { isKmsOperation } from '../model/operations.js';
import { closest } from './closest.js';
import { describeType } from './describe-type.js';
import { shownValue } from './public-words.js';
import { implementedOperations } from './vocabulary.js';

/**
 * Checks for the arguments of one method of the fake. Every refusal is a `FakeKmsUsageError` that names
 * the method, the argument, what was given (its type; a value only when it is one of a fixed vocabulary
 * and so never a secret) and what is allowed.
 *
 * @example
 * const args = usage('fake.setState(storeId, state, errorCode?)');
 * args.oneOf('state', state, CONNECTION_STATES);
 */
export function usage(method: string) {
  const fail = (argument: string, problem: string): never => {
    throw new FakeKmsUsageError(`${method}: ${argument} ${problem}`);
  };
  return {
    fail,
    /** A value from a fixed list (a state, a code, an option). */
    oneOf<T extends string>(argument: string, value: unknown, allowed: readonly T[], hint = ''): T {
      if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
      const near = typeof value === 'string' ? closest(value, allowed) : undefined;
      return fail(
        argument,
        `must be one of ${allowed.join(', ')}; got ${shownValue(value)}.${near ? ` Did you mean ${near}?` : ''}${hint}`,
      );
    },
    /** A string matching `pattern` (described for people by `example`). */
    text(argument: string, value: unknown, pattern: RegExp, example: string): string {
      if (typeof value === 'string' && pattern.test(value)) return value;
      return fail(argument, `must be ${example}; got ${describeType(value)}.`);
    },
    /** A plain object (or undefined, when `optional`). */
    object(argument: string, value: unknown, optional = true): Record<string, unknown> | undefined {
      if (value === undefined && optional) return undefined;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
      return fail(argument, `must be an object${optional ? ' or left out' : ''}; got ${describeType(value)}.`);
    },
    /** No key outside `known`: a misspelt option is an error, not silently ignored. */
    knownKeys(argument: string, value: Record<string, unknown>, known: readonly string[]): void {
      for (const key of Object.keys(value)) {
        if (known.includes(key)) continue;
        const near = closest(key, known);
        fail(
          argument,
          `has no option "${key}"${near ? ` (did you mean ${near}?)` : ''}. Its options: ${known.join(', ')}.`,
        );
      }
    },
    /** A whole number in [min, max]. */
    wholeNumber(argument: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
      if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
      const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
      return fail(argument, `must be a whole number ${range}; got ${describeType(value)}.`);
    },
    /**
     * An operation, by name or SDK command class; returns the name. Injections need one fake-kms implements;
     * reading the journal (`anyKmsOperation`) accepts any KMS operation, since calls to the others are journaled too.
     */
    operation(argument: string, value: unknown, anyKmsOperation = false): string {
      const implemented = implementedOperations();
      const name = operationName(value);
      if (name === undefined) {
        return fail(
          argument,
          `must name a KMS operation, as a string ('ConnectCustomKeyStore') or an SDK command class (ConnectCustomKeyStoreCommand); got ${describeType(value)}.`,
        );
      }
      if (implemented.includes(name) || (anyKmsOperation && isKmsOperation(name))) return name;
      const near = closest(name, implemented);
      const what = anyKmsOperation && !isKmsOperation(name) ? 'a KMS operation' : 'an operation fake-kms implements';
      return fail(
        argument,
        `${typeof value === 'string' ? shownValue(name) : `the class ${name}Command`} is not ${what}${near ? ` (did you mean ${near}?)` : ''}. fake-kms implements: ${implemented.join(', ')}.`,
      );
    },
  };
}

/** `ConnectCustomKeyStoreCommand` (the class) → `ConnectCustomKeyStore`; a string stays as it is. */
export function operationName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'function' && /^[A-Z]\w*Command$/.test(value.name))
    return value.name.slice(0, -'Command'.length);
  return undefined;
}
