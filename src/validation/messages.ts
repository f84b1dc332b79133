/**
 * The exact text of Coral's `ValidationException` (spec §1): one entry per broken constraint,
 *
 *   Value '<v>' at '<path>' failed to satisfy constraint: <rule>
 *
 * joined by `; ` behind `1 validation error detected: ` / `N validation errors detected: `.
 *
 * Evidence (real AWS responses recorded in localstack's KMS snapshot tests): `Value '0' at 'numberOfBytes' failed to
 * satisfy constraint: Member must have value greater than or equal to 1`, `Value at 'plaintext' failed to satisfy
 * constraint: Member must have length less than or equal to 4096` (a sensitive member: no value, single space), and
 * `Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$` (the model's pattern string verbatim).
 * A missing member is `Value null at '<path>' ... Member must not be null` (observed on other Coral services; we
 * print `null` for sensitive members too, since it reveals nothing).
 */

/** `Member must have length greater than or equal to 7` and friends; `limit` is a count, printed in decimal. */
export const RULES = {
  required: () => 'Member must not be null',
  min: (limit: number) => `Member must have length greater than or equal to ${limit}`,
  max: (limit: number) => `Member must have length less than or equal to ${limit}`,
  'range-min': (limit: number) => `Member must have value greater than or equal to ${limit}`,
  'range-max': (limit: number) => `Member must have value less than or equal to ${limit}`,
  pattern: (pattern: string) => `Member must satisfy regular expression pattern: ${pattern}`,
  enum: (values: readonly string[]) => `Member must satisfy enum value set: [${values.join(', ')}]`,
} as const;

/** One entry; `printed` is the value as Coral prints it, `null` for a missing member, `undefined` if sensitive. */
export function violationEntry(path: string, printed: string | null | undefined, rule: string): string {
  const value = printed === null ? ' null' : printed === undefined ? '' : ` '${printed}'`;
  return `Value${value} at '${path}' failed to satisfy constraint: ${rule}`;
}

export function validationMessage(entries: readonly string[]): string {
  const n = entries.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${entries.join('; ')}`;
}

/** `CustomKeyStoreId` -> `customKeyStoreId`: Coral names members lowerCamelCase in paths. */
export function lowerCamel(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

/**
 * Enum value order in the message. Real KMS does not use model order, and no rule reproduces it: a recorded
 * `macAlgorithm` message lists `[HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]` (which is Java `HashSet`
 * iteration order), but recorded `keyUsage` (`[ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC]`) and `keySpec`
 * lists match neither model nor `HashSet` order, and both sets have grown since. So: the order observed on real
 * KMS where the observed set still equals the model's, otherwise model order. For the custom key store enums
 * (`CustomKeyStoreType`, `XksProxyConnectivityType`) `HashSet` order and model order coincide.
 */
const OBSERVED_ENUM_ORDER: Readonly<Record<string, readonly string[]>> = {
  MacAlgorithmSpec: ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'],
};

export function enumMessageOrder(shapeName: string, modelValues: readonly string[]): readonly string[] {
  const observed = OBSERVED_ENUM_ORDER[shapeName];
  const sameSet =
    observed !== undefined && observed.length === modelValues.length && observed.every((v) => modelValues.includes(v));
  return sameSet ? observed : modelValues;
}
