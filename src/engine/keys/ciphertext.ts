import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The fake's ciphertext blob: opaque to callers, as on AWS, and bound to its key and encryption context.
 *
 *   version (1 byte) | key id (16 bytes, the UUID) | IV (12) | GCM tag (16) | AES-256-GCM ciphertext
 *
 * The additional authenticated data is the key ARN and the canonical encryption context, so a changed
 * context, another key's material, or any flipped bit (header included) fails authentication.
 */
const VERSION = 1;
const HEADER = 1 + 16 + 12 + 16;

export type EncryptionContext = Readonly<Record<string, string>>;

export function seal(
  material: Buffer,
  keyId: string,
  keyArn: string,
  context: EncryptionContext,
  plaintext: Buffer,
): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(additionalData(keyArn, context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), uuidBytes(keyId), iv, cipher.getAuthTag(), body]);
}

/** The key id a blob names, or `undefined` when it is not a blob of this fake. */
export function keyIdOf(blob: Buffer): string | undefined {
  if (blob.length < HEADER || blob[0] !== VERSION) return undefined;
  const h = blob.subarray(1, 17).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The plaintext, or `undefined` if the blob was changed or belongs to another key or context. */
export function open(material: Buffer, keyArn: string, context: EncryptionContext, blob: Buffer): Buffer | undefined {
  if (blob.length < HEADER) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, blob.subarray(17, 29));
    decipher.setAAD(additionalData(keyArn, context));
    decipher.setAuthTag(blob.subarray(29, 45));
    return Buffer.concat([decipher.update(blob.subarray(45)), decipher.final()]);
  } catch {
    return undefined;
  }
}

function additionalData(keyArn: string, context: EncryptionContext): Buffer {
  const canonical = Object.keys(context)
    .sort()
    .map((k) => [k, context[k]]);
  return Buffer.from(JSON.stringify([VERSION, keyArn, canonical]));
}

function uuidBytes(keyId: string): Buffer {
  return Buffer.from(keyId.replace(/-/g, ''), 'hex');
}
