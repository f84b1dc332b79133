import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { KmsError } from '../../errors/kms-error.js';

/** An access key the server accepts when it checks signatures, and the account it acts as. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** The account the key belongs to. Default: the server's account. */
  account?: string;
}

/** What the signature check needs of a request, as it arrived. */
export interface SignedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The body bytes as they arrived (a re-encoded string could hash differently). */
  body: Uint8Array;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

// Real KMS's texts for these cases (they are AWS-wide, not in the KMS model).
const MISSING_TOKEN = 'Request is missing Authentication Token';
const UNRECOGNIZED = 'The security token included in the request is invalid.';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Checks SigV4 signatures the way AWS does, by signing the request again with `@smithy/signature-v4` and the
 * secret of the access key it names: an unknown key is `UnrecognizedClientException`, a wrong signature
 * `InvalidSignatureException`. Returns the account of the key.
 */
export class SignatureChecker {
  private readonly keys: Map<string, AccessKey>;

  constructor(keys: readonly AccessKey[]) {
    this.keys = new Map(keys.map((k) => [k.accessKeyId, k]));
  }

  async check(request: SignedRequest): Promise<AccessKey> {
    const authorization = request.headers.authorization;
    if (authorization === undefined) throw new KmsError('MissingAuthenticationTokenException', MISSING_TOKEN, 400);
    const parts = AUTHORIZATION.exec(authorization);
    if (!parts) throw new KmsError('IncompleteSignatureException', incompleteMessage(authorization), 400);
    const [, accessKeyId = '', shortDate = '', region = '', service = '', signedHeaders = '', signature = ''] = parts;
    const key = this.keys.get(accessKeyId);
    if (!key) throw new KmsError('UnrecognizedClientException', UNRECOGNIZED, 400);
    const signingDate = parseAmzDate(request.headers['x-amz-date']);
    if (!signingDate || !request.headers['x-amz-date']?.startsWith(shortDate) || service !== 'kms') {
      throw new KmsError('InvalidSignatureException', MISMATCH, 400);
    }
    // The signer trusts a payload hash header; AWS checks it against the body that arrived.
    const payloadHash = request.headers['x-amz-content-sha256'];
    if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(request.body).digest('hex')) {
      throw new KmsError('InvalidSignatureException', MISMATCH, 400);
    }
    const names = signedHeaders.split(';');
    const headers: Record<string, string> = {};
    for (const name of names) {
      const value = request.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey: key.secretAccessKey },
      region,
      service,
      sha256: Sha256,
      // Sign exactly the headers the client signed: adding a payload hash header would change the signature.
      applyChecksum: false,
    });
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: '',
        path: request.path,
        query: {},
        headers,
        body: request.body,
      },
      { signingDate, signableHeaders: new Set(names) },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
    const expectedHeaders = /SignedHeaders=([^,]+),/.exec(String(signed.headers.authorization))?.[1];
    if (expectedHeaders !== signedHeaders || !sameHex(expected, signature)) {
      throw new KmsError('InvalidSignatureException', MISMATCH, 400);
    }
    return key;
  }
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const m = AMZ_DATE.exec(value ?? '');
  if (!m) return undefined;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** AWS names each part missing from a malformed Authorization header; the header itself is not echoed (it may hold a key id). */
function incompleteMessage(authorization: string): string {
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((p) => !authorization.includes(`${p}=`));
  if (missing.length === 0) return 'Authorization header is malformed.';
  return missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ');
}
