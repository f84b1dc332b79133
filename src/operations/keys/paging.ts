import type { Engine } from '../../engine/engine.js';
import type { CallContext } from '../../engine/types.js';
import type { Input, Output } from '../common.js';
import { markerAfter, positionAfterMarker } from '../page-markers.js';

/**
 * Paging of the key lists like Describe's (spec §8.9): the marker is opaque, signed, names the position after
 * the last item returned (so items created or deleted between pages never shift the walk), and is refused as
 * `InvalidMarkerException` when it was forged or issued for another operation, account, Region or fake.
 */
export function pageOf<T extends { seq: number }>(
  engine: Engine,
  ctx: CallContext,
  input: Input,
  operation: string,
  fetch: (after: number, limit: number) => { items: T[]; truncated: boolean },
): { items: T[]; paging: Output } {
  const limit = typeof input.Limit === 'number' ? input.Limit : 100;
  const after = positionAfterMarker(
    engine,
    ctx,
    operation,
    typeof input.Marker === 'string' ? input.Marker : undefined,
  );
  const { items, truncated } = fetch(after, limit);
  const paging: Output = { Truncated: truncated };
  const last = items[items.length - 1];
  if (truncated && last) {
    paging.NextMarker = markerAfter(engine, ctx, operation, last.seq);
  }
  return { items, paging };
}
