import { FakeKmsUsageError } from '../errors/kms-error.js';
import { KMS_OPERATION_SHAPES, KMS_SHAPES } from '../model/kms-model.generated.js';
import type { ModelShape } from '../model/model-types.js';

// Maps, not the generated objects: validation looks a shape up per member per call, and a Map answers an
// own-key question in one lookup where a several-hundred-key object needs `hasOwn` and then a read.
const OPERATIONS = new Map(Object.entries(KMS_OPERATION_SHAPES));
const SHAPES = new Map(Object.entries(KMS_SHAPES));

/** The input shape name of a KMS operation; anything else is a bug in the caller, not a KMS error. */
export function inputShapeName(operation: string): string {
  const op = OPERATIONS.get(operation);
  if (!op) {
    throw new FakeKmsUsageError(
      `"${operation}" is not an operation of the KMS API model; check the operation name before validating its input.`,
    );
  }
  return op.input;
}

export function shapeNamed(name: string): ModelShape {
  const shape = SHAPES.get(name);
  if (!shape) throw new Error(`fake-kms model is missing shape ${name}; run npm run gen:model`);
  return shape;
}

/** A JSON object (not an array): what awsJson uses for structures and maps. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
