/** Shape types of the KMS model (awsJson1_1). */
export type ShapeType = 'structure' | 'string' | 'integer' | 'long' | 'boolean' | 'list' | 'map' | 'blob' | 'timestamp';

/**
 * One shape of the KMS API model, as `scripts/gen-model.mjs` writes it. `min`/`max` are lengths for strings
 * (UTF-16 units), blobs (bytes) and lists/maps (entries), and value bounds for integers and longs. `pattern` is
 * the model's Java regular expression, verbatim. Structure `members` map each wire member name to its shape, in
 * model order.
 */
export interface ModelShape {
  readonly type: ShapeType;
  readonly members?: Readonly<Record<string, string>>;
  readonly required?: readonly string[];
  readonly member?: string;
  readonly key?: string;
  readonly value?: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly sensitive?: boolean;
  readonly exception?: boolean;
  readonly fault?: boolean;
}

export interface ModelOperation {
  readonly input: string;
  readonly output?: string;
  readonly errors: readonly string[];
}

export interface KmsModelMetadata {
  readonly apiVersion: string;
  readonly jsonVersion: string;
  readonly protocol: string;
  readonly serviceId: string;
  readonly signingName: string;
  readonly targetPrefix: string;
}
