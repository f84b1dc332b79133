import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

interface MarkerPayload {
  /** account */
  a: string;
  /** Region */
  r: string;
  /** operation */
  o: string;
  /** creation sequence number of the last item returned */
  s: number;
  /** reset generation of the fake that issued it */
  g: number;
}

/**
 * Opaque paging markers (spec §8.9). A marker names the position after the last item returned, not an
 * offset, so stores created or deleted between pages never shift the walk. It is signed with a key
 * unique to this fake instance, so a marker that was forged, edited, or issued by another fake,
 * account, Region, operation or before a reset is recognised as invalid.
 */
export class MarkerCodec {
  private readonly key = randomBytes(32);

  encode(payload: MarkerPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The position after which the next page starts, or `undefined` if the marker is not valid here. */
  decode(marker: string, expected: Omit<MarkerPayload, 's'>): number | undefined {
    const dot = marker.indexOf('.');
    if (dot <= 0) return undefined;
    const body = marker.slice(0, dot);
    const given = Buffer.from(marker.slice(dot + 1));
    const wanted = Buffer.from(this.sign(body));
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return undefined;
    let payload: MarkerPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as MarkerPayload;
    } catch {
      return undefined;
    }
    const matches =
      payload.a === expected.a && payload.r === expected.r && payload.o === expected.o && payload.g === expected.g;
    return matches && Number.isInteger(payload.s) ? payload.s : undefined;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
