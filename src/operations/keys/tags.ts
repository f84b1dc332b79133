import { KmsError } from '../../errors/kms-error.js';

/** Tags of a request (already valid against the model) as a map, refusing what KMS refuses (TagException). */
export function tagsFrom(value: unknown): Map<string, string> {
  const tags = new Map<string, string>();
  for (const tag of (Array.isArray(value) ? value : []) as { TagKey: string; TagValue: string }[]) {
    if (tag.TagKey.startsWith('aws:')) {
      throw new KmsError(
        'TagException',
        `Tag keys beginning with aws: are reserved for AWS use. Tag key: ${tag.TagKey}`,
      );
    }
    if (tags.has(tag.TagKey)) {
      throw new KmsError('TagException', `Duplicate tag keys are not allowed. Tag key: ${tag.TagKey}`);
    }
    tags.set(tag.TagKey, tag.TagValue);
  }
  return tags;
}
