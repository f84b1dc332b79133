import { KMS_OPERATION_SHAPES, KMS_SHAPES } from '../model/kms-model.generated.js';
import type { ModelShape } from '../model/model-types.js';

/**
 * An output as the journal shows it, after {@link encodeOutput} turned its timestamps into numbers: the plain
 * object the SDK would hand the caller, timestamps as `Date`s again (found through the operation's output
 * shape in the KMS model), in place. The journal does this only when someone reads the entry.
 */
export function reviveOutput(operation: string, output: Record<string, unknown>): Record<string, unknown> {
  const shape = KMS_OPERATION_SHAPES[operation]?.output;
  if (shape !== undefined) revive(output, shape);
  return output;
}

function revive(value: unknown, shapeName: string): unknown {
  const shape = Object.hasOwn(KMS_SHAPES, shapeName) ? (KMS_SHAPES[shapeName] as ModelShape) : undefined;
  if (shape === undefined || value === null) return value;
  switch (shape.type) {
    case 'timestamp':
      return typeof value === 'number' ? new Date(Math.round(value * 1000)) : value;
    case 'structure': {
      if (typeof value !== 'object' || shape.members === undefined) return value;
      const record = value as Record<string, unknown>;
      for (const [member, memberShape] of Object.entries(shape.members)) {
        if (Object.hasOwn(record, member)) record[member] = revive(record[member], memberShape);
      }
      return value;
    }
    case 'list':
      if (Array.isArray(value) && shape.member !== undefined) {
        for (let i = 0; i < value.length; i++) value[i] = revive(value[i], shape.member);
      }
      return value;
    case 'map':
      if (typeof value === 'object' && shape.value !== undefined) {
        const record = value as Record<string, unknown>;
        for (const key of Object.keys(record)) record[key] = revive(record[key], shape.value);
      }
      return value;
    default:
      return value;
  }
}

/** The members the journal redacts wherever they appear. `Plaintext` is data the caller encrypts and data keys KMS returns: never journaled (issue 11). */
export const SECRET_MEMBERS: ReadonlySet<string> = new Set(['KeyStorePassword', 'RawSecretAccessKey', 'Plaintext']);

/** Operations whose output shape can carry a member the journal must redact; the others skip the check. */
export function outputMayHoldSecrets(operation: string): boolean {
  let known = secretOutputs.get(operation);
  if (known === undefined) {
    const shape = KMS_OPERATION_SHAPES[operation]?.output;
    // An operation outside the model has no shape to trust: check its outputs.
    known = shape === undefined || reaches(shape, new Set());
    secretOutputs.set(operation, known);
  }
  return known;
}
const secretOutputs = new Map<string, boolean>();

function reaches(shapeName: string, seen: Set<string>): boolean {
  if (seen.has(shapeName)) return false;
  seen.add(shapeName);
  const shape = KMS_SHAPES[shapeName];
  if (shape === undefined) return true;
  // Member names, not the model's `sensitive` flags: Describe's XKS AccessKeyId is sensitive to the model yet
  // shown by KMS, and the journal redacts exactly the members it names.
  for (const [member, memberShape] of Object.entries(shape.members ?? {})) {
    if (SECRET_MEMBERS.has(member) || reaches(memberShape, seen)) return true;
  }
  for (const inner of [shape.member, shape.value]) {
    if (inner !== undefined && reaches(inner, seen)) return true;
  }
  return false;
}
