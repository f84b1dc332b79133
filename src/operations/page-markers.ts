import type { Engine } from '../engine/engine.js';
import type { CallContext } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';

/**
 * The position a paging marker names (spec §8.9), or 0 without one. Markers are opaque and signed for one
 * operation, account, Region and fake generation; anything else is `InvalidMarkerException`.
 */
export function positionAfterMarker(
  engine: Engine,
  ctx: CallContext,
  operation: string,
  marker: string | undefined,
): number {
  if (marker === undefined) return 0;
  const decoded = engine.markers.decode(marker, { a: ctx.account, r: ctx.region, o: operation, g: engine.generation });
  if (decoded === undefined) {
    throw new KmsError('InvalidMarkerException', 'The request was rejected because the marker is not valid.');
  }
  return decoded;
}

/** The marker of the position after `seq`, the last item a truncated page returned. */
export function markerAfter(engine: Engine, ctx: CallContext, operation: string, seq: number): string {
  return engine.markers.encode({ a: ctx.account, r: ctx.region, o: operation, s: seq, g: engine.generation });
}
