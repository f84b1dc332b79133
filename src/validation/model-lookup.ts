import { FakeKmsUsageError } from '../errors/kms-error.js';
import { KMS_OPERATION_SHAPES, KMS_SHAPES } from '../model/kms-model.generated.js';
import type { ModelShape } from '../model/model-types.js';

/** The input shape name of a KMS operation; anything else is a bug in the caller, not a KMS error. */
export function inputShapeName(operation: string): string {
  const op = Object.hasOwn(KMS_OPERATION_SHAPES, operation) ? KMS_OPERATION_SHAPES[operation] : undefined;
  if (!op) {
    throw new FakeKmsUsageError(
      `"${operation}" is not an operation of the KMS API model; check the operation name before validating its input.`,
    );
  }
  return op.input;
}

export function shapeNamed(name: string): ModelShape {
  const shape = Object.hasOwn(KMS_SHAPES, name) ? KMS_SHAPES[name] : undefined;
  if (!shape) throw new Error(`fake-kms model is missing shape ${name}; run npm run gen:model`);
  return shape;
}

/** A JSON object (not an array): what awsJson uses for structures and maps. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
