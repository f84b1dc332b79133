import type { ShapeType } from '../model/model-types.js';
import { enumMessageOrder, lowerCamel } from './messages.js';
import { inputShapeName, shapeNamed } from './model-lookup.js';

/**
 * What one constraint checks. `type` is the JSON type of the member (breaking it is a `SerializationException`);
 * `min`/`max` are lengths (characters, bytes or list entries), `range-min`/`range-max` integer bounds.
 */
export type ConstraintKind = 'type' | 'required' | 'min' | 'max' | 'pattern' | 'enum' | 'range-min' | 'range-max';

export interface InputConstraint {
  /** Path as the ValidationException prints it: `limit`, `xksProxyAuthenticationCredential.accessKeyId`, `tags.1.member.tagKey`. */
  readonly path: string;
  /** Where the value sits in the request body: wire member names, and 0-based indexes for list items. */
  readonly location: readonly (string | number)[];
  readonly shape: string;
  readonly type: ShapeType;
  readonly kind: ConstraintKind;
  /** The value is never printed in messages (its shape, or an enclosing one, is sensitive). */
  readonly sensitive: boolean;
  /** The bound of `min`, `max`, `range-min` and `range-max`. */
  readonly limit?: number;
  /** The model's Java pattern, verbatim. */
  readonly pattern?: string;
  /** Enum values in the order the message lists them. */
  readonly enumValues?: readonly string[];
}

/**
 * Every constraint on an operation's input, in the order `validateInput` checks them (model member order, depth
 * first; list items appear once, as item 1). Pure: for tests that prove each one is enforced.
 *
 * @example
 * listConstraints('DescribeCustomKeyStores').find((c) => c.path === 'limit' && c.kind === 'range-min')?.limit; // 1
 */
export function listConstraints(operation: string): InputConstraint[] {
  const out: InputConstraint[] = [];
  walkMembers(inputShapeName(operation), '', [], false, new Set(), out);
  return out;
}

function walkMembers(
  structureName: string,
  prefix: string,
  location: readonly (string | number)[],
  sensitive: boolean,
  open: ReadonlySet<string>,
  out: InputConstraint[],
): void {
  const structure = shapeNamed(structureName);
  const inside = new Set(open).add(structureName);
  for (const [member, shapeName] of Object.entries(structure.members ?? {})) {
    const path = prefix === '' ? lowerCamel(member) : `${prefix}.${lowerCamel(member)}`;
    const at = [...location, member];
    const base = { path, location: at, shape: shapeName, type: shapeNamed(shapeName).type };
    out.push({ ...base, kind: 'type', sensitive: sensitive || shapeNamed(shapeName).sensitive === true });
    if (structure.required?.includes(member)) {
      out.push({ ...base, kind: 'required', sensitive: sensitive || shapeNamed(shapeName).sensitive === true });
    }
    walkValue(shapeName, path, at, sensitive, inside, out);
  }
}

function walkValue(
  shapeName: string,
  path: string,
  location: readonly (string | number)[],
  inheritedSensitive: boolean,
  open: ReadonlySet<string>,
  out: InputConstraint[],
): void {
  const shape = shapeNamed(shapeName);
  const sensitive = inheritedSensitive || shape.sensitive === true;
  const base = { path, location, shape: shapeName, type: shape.type, sensitive };
  const isLength = shape.type === 'string' || shape.type === 'blob' || shape.type === 'list' || shape.type === 'map';
  const isRange = shape.type === 'integer' || shape.type === 'long';
  // A length minimum of 0 cannot be broken, so it is not a constraint.
  if (isLength && shape.min !== undefined && shape.min > 0) out.push({ ...base, kind: 'min', limit: shape.min });
  if (isLength && shape.max !== undefined) out.push({ ...base, kind: 'max', limit: shape.max });
  if (isRange && shape.min !== undefined) out.push({ ...base, kind: 'range-min', limit: shape.min });
  if (isRange && shape.max !== undefined) out.push({ ...base, kind: 'range-max', limit: shape.max });
  if (shape.type === 'string' && shape.pattern !== undefined)
    out.push({ ...base, kind: 'pattern', pattern: shape.pattern });
  if (shape.type === 'string' && shape.enum !== undefined) {
    out.push({ ...base, kind: 'enum', enumValues: enumMessageOrder(shapeName, shape.enum) });
  }

  if (open.has(shapeName)) return; // a recursive shape: its constraints are already listed once
  if (shape.type === 'structure') walkMembers(shapeName, path, location, sensitive, open, out);
  if (shape.type === 'list') {
    const item = shape.member as string;
    const itemPath = `${path}.1.member`;
    const itemAt = [...location, 0];
    const itemSensitive = sensitive || shapeNamed(item).sensitive === true;
    out.push({
      path: itemPath,
      location: itemAt,
      shape: item,
      type: shapeNamed(item).type,
      kind: 'type',
      sensitive: itemSensitive,
    });
    walkValue(item, itemPath, itemAt, sensitive, open, out);
  }
}
