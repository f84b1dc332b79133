/** AWS's partition for a Region: `aws-cn` and `aws-us-gov` Regions have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * A key's ARN as one flat string. Joined rather than concatenated: a template literal leaves V8 a tree of
 * string pieces that a kept ARN would carry for the key's whole life (about 100 bytes per key).
 */
export function keyArnOf(account: string, region: string, keyId: string): string {
  return ['arn:', partitionOf(region), ':kms:', region, ':', account, ':key/', keyId].join('');
}

/** An alias's ARN, `arn:<partition>:kms:<region>:<account>:alias/<name>`, as one flat string (see {@link keyArnOf}). */
export function aliasArnOf(account: string, region: string, aliasName: string): string {
  return ['arn:', partitionOf(region), ':kms:', region, ':', account, ':', aliasName].join('');
}
