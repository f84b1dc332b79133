import { KmsError } from '../errors/kms-error.js';
import type { ModelShape } from '../model/model-types.js';
import { isJsonObject, shapeNamed } from './model-lookup.js';

/**
 * The deserialization step that runs before any constraint check: a member whose JSON type cannot become its model
 * type stops the request with a `SerializationException` (spec §8.4). Like a streaming deserializer it reports the
 * first problem in document order; members the model does not know are skipped without a look (AWS ignores
 * them), and `null` counts as absent.
 *
 * Message texts are Coral's, as recorded against real DynamoDB (another awsJson Coral service) in dynalite's test
 * helpers (mhart/dynalite, `assertType`): `NUMBER_VALUE cannot be converted to String`, `TRUE_VALUE cannot be
 * converted to String`, `DECIMAL_VALUE cannot be converted to String`, `STRING_VALUE cannot be converted to
 * Integer`, `Unrecognized collection type class java.lang.String` (an array), `Start of structure or map found
 * where not expected` (an object), `Unexpected token received from parser` (a string for a boolean),
 * `Unexpected field type` (a scalar for a list, map or structure), `only base-64-encoded strings are convertible
 * to bytes`, `Base64 encoded length is expected a multiple of 4 bytes but found: 5`. The older
 * `class java.lang.Boolean can not be converted to an String` form (spec §1) is what Coral sent before; we follow
 * the newer one. Uncertain and chosen by analogy: a fraction for an integer (`DECIMAL_VALUE cannot be converted to
 * Integer`; Coral might instead truncate), anything but a number for a timestamp (`... to Date`), the Java class
 * named for an array given where a KMS structure belongs (`class com.amazonaws.kms.<Shape>`), and the message for
 * a base64 string with a bad character.
 */
export function assertJsonTypes(shapeName: string, body: unknown): void {
  const problem = body === null ? UNEXPECTED_FIELD : firstTypeProblem(shapeName, body);
  if (problem !== undefined) throw new KmsError('SerializationException', problem);
}

const START_OF_OBJECT = 'Start of structure or map found where not expected';
const UNEXPECTED_FIELD = 'Unexpected field type';
const JAVA_CLASS: Readonly<Record<string, string>> = {
  string: 'java.lang.String',
  integer: 'java.lang.Integer',
  long: 'java.lang.Long',
  boolean: 'java.lang.Boolean',
  timestamp: 'java.util.Date',
  blob: 'java.nio.ByteBuffer',
};
const CONVERSION_TARGET: Readonly<Record<string, string>> = {
  string: 'String',
  integer: 'Integer',
  long: 'Long',
  boolean: 'Boolean',
  timestamp: 'Date',
};

function firstTypeProblem(shapeName: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const shape = shapeNamed(shapeName);
  switch (shape.type) {
    case 'structure':
      if (!isJsonObject(value)) {
        return Array.isArray(value) ? collection(javaClassOf(shapeName, shape)) : UNEXPECTED_FIELD;
      }
      for (const [member, memberValue] of Object.entries(value)) {
        const members = shape.members ?? {};
        if (!Object.hasOwn(members, member)) continue;
        const problem = firstTypeProblem(members[member] as string, memberValue);
        if (problem !== undefined) return problem;
      }
      return undefined;
    case 'list':
      if (!Array.isArray(value)) return isJsonObject(value) ? START_OF_OBJECT : UNEXPECTED_FIELD;
      for (const item of value) {
        const problem = firstTypeProblem(shape.member as string, item);
        if (problem !== undefined) return problem;
      }
      return undefined;
    case 'map':
      if (!isJsonObject(value)) {
        if (!Array.isArray(value)) return UNEXPECTED_FIELD;
        const valueShape = shape.value as string;
        return `Unrecognized collection type java.util.Map<java.lang.String, ${javaClassOf(valueShape, shapeNamed(valueShape))}>`;
      }
      for (const item of Object.values(value)) {
        const problem = firstTypeProblem(shape.value as string, item);
        if (problem !== undefined) return problem;
      }
      return undefined;
    default:
      return scalarProblem(shape, value);
  }
}

function scalarProblem(shape: ModelShape, value: unknown): string | undefined {
  if (isJsonObject(value)) return START_OF_OBJECT;
  if (Array.isArray(value)) return collection(JAVA_CLASS[shape.type] as string);
  const token = tokenOf(value);
  switch (shape.type) {
    case 'string':
      return typeof value === 'string' ? undefined : converted(token, shape);
    case 'integer':
    case 'long':
      return Number.isInteger(value) ? undefined : converted(token, shape);
    case 'boolean':
      if (typeof value === 'boolean') return undefined;
      return typeof value === 'string' ? 'Unexpected token received from parser' : converted(token, shape);
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : converted(token, shape);
    case 'blob':
      return typeof value === 'string' ? base64Problem(value) : 'only base-64-encoded strings are convertible to bytes';
    default:
      return undefined;
  }
}

function converted(token: string, shape: ModelShape): string {
  return `${token} cannot be converted to ${CONVERSION_TARGET[shape.type]}`;
}

/** Coral's name for the JSON token it found. */
function tokenOf(value: unknown): string {
  if (value === true) return 'TRUE_VALUE';
  if (value === false) return 'FALSE_VALUE';
  if (typeof value === 'number') return Number.isInteger(value) ? 'NUMBER_VALUE' : 'DECIMAL_VALUE';
  return 'STRING_VALUE';
}

function collection(javaClass: string): string {
  return `Unrecognized collection type class ${javaClass}`;
}

function javaClassOf(shapeName: string, shape: ModelShape): string {
  return JAVA_CLASS[shape.type] ?? `com.amazonaws.kms.${shapeName}`;
}

const BASE64 = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function base64Problem(value: string): string | undefined {
  if (value.length % 4 !== 0)
    return `Base64 encoded length is expected a multiple of 4 bytes but found: ${value.length}`;
  return BASE64.test(value) ? undefined : 'Invalid last non-pad Base64 character dectected';
}

/** Bytes a valid base64 string decodes to. */
export function base64ByteLength(value: string): number {
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}
