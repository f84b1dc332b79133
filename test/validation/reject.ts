import { isKmsError } from '../../src/errors/kms-error.js';
import { validateInput } from '../../src/validation/validate-input.js';
import { VALID_INPUTS } from './valid-inputs.js';

/** The KMS error `validateInput` throws for this request; fails the test if it accepts it or throws anything else. */
export function rejection(operation: string, input: unknown): { code: string; message: string; httpStatus: number } {
  try {
    validateInput(operation, input);
  } catch (error) {
    if (isKmsError(error)) return { code: error.code, message: error.message, httpStatus: error.httpStatus };
    throw error;
  }
  throw new Error(`${operation} accepted ${JSON.stringify(input)}`);
}

/** The valid request of `operation` with some members replaced (`undefined` removes one). */
export function validWith(operation: string, patch: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = { ...structuredClone(VALID_INPUTS[operation]), ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete input[key];
  return input;
}

export function oneError(entry: string): string {
  return `1 validation error detected: ${entry}`;
}
