// https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeCustomKeyStores.html
import type { Engine } from '../engine/engine.js';
import type { CallContext, StoreRecord } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';
import { encodeValue } from '../protocol/json-protocol.js';
import { EncodedOutput, type Input, notFoundById, type Output, str } from './common.js';
import { markerAfter, positionAfterMarker } from './page-markers.js';

const DEFAULT_PAGE_SIZE = 100;
const OPERATION = 'DescribeCustomKeyStores';

export function describeCustomKeyStores(engine: Engine, ctx: CallContext, input: Input): EncodedOutput {
  const id = str(input, 'CustomKeyStoreId');
  const name = str(input, 'CustomKeyStoreName');
  const limit = typeof input.Limit === 'number' ? input.Limit : DEFAULT_PAGE_SIZE;
  const marker = str(input, 'Marker');

  if (id !== undefined && name !== undefined && engine.options.describeWithIdAndName === 'reject') {
    throw new KmsError('ValidationException', 'Specify either CustomKeyStoreId or CustomKeyStoreName, but not both.');
  }

  const after = positionAfterMarker(engine, ctx, OPERATION, marker);

  let page: StoreRecord[];
  let truncated: boolean;
  if (id !== undefined || name !== undefined) {
    // Ids are unique per fake and names per account and Region: a filtered Describe finds one store at most.
    const found = id !== undefined ? engine.registry.get(ctx, id) : engine.registry.findByName(ctx, name as string);
    const matches = found !== undefined && (name === undefined || found.name === name);
    if (!matches) {
      if (id !== undefined) throw notFoundById(id);
      throw new KmsError('CustomKeyStoreNotFoundException', `Custom key store with name '${name}' does not exist.`);
    }
    page = found.seq > after ? [found] : [];
    truncated = false; // Limit is at least 1 (the model says so), and one store fits.
  } else {
    ({ items: page, more: truncated } = engine.registry.page(ctx, after, limit));
  }

  const wire: string[] = [];
  const entries = page.map((store) => {
    engine.transitions.settleIfDue(store);
    const fresh = describeEntry(store);
    engine.transitions.observed(store);
    const { entry, json } = encodedEntry(store, fresh);
    wire.push(json);
    return entry;
  });
  const output: Output = { CustomKeyStores: entries, Truncated: truncated };
  const last = page[page.length - 1];
  if (truncated && last) {
    output.NextMarker = markerAfter(engine, ctx, OPERATION, last.seq);
  }
  const next = output.NextMarker === undefined ? '' : `,"NextMarker":${encodeValue(output.NextMarker)}`;
  return new EncodedOutput(output, pageText(engine, wire, `],"Truncated":${truncated}${next}}`));
}

/**
 * The page's wire text. A suite that polls Describe gets the same entries' texts (the same strings, from the
 * entry cache) call after call: the last text built for this fake is reused while they are the same, instead
 * of joining and flattening a copy of every trust anchor on every call.
 */
function pageText(engine: Engine, parts: string[], tail: string): string {
  const last = lastPages.get(engine);
  if (last !== undefined && last.tail === tail && sameStrings(last.parts, parts)) return last.text;
  const text = `{"CustomKeyStores":[${parts.join(',')}${tail}`;
  lastPages.set(engine, { parts, tail, text });
  return text;
}
const lastPages = new WeakMap<Engine, { parts: string[]; tail: string; text: string }>();

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A store as Describe shows it: no secrets, type-specific members only for their type (spec §3.2). */
export function describeEntry(store: StoreRecord): Output {
  const entry: Output = { CustomKeyStoreId: store.id, CustomKeyStoreName: store.name };
  if (store.cloudHsm) {
    entry.CloudHsmClusterId = store.cloudHsm.clusterId;
    entry.TrustAnchorCertificate = store.cloudHsm.trustAnchorCertificate;
  }
  entry.ConnectionState = store.state;
  if (store.state === 'FAILED' && store.errorCode) entry.ConnectionErrorCode = store.errorCode;
  entry.CreationDate = new Date(store.creationDate);
  entry.CustomKeyStoreType = store.type;
  if (store.xks) {
    const x = store.xks;
    const config: Output = {
      Connectivity: x.connectivity,
      AccessKeyId: x.accessKeyId,
      UriEndpoint: x.uriEndpoint,
      UriPath: x.uriPath,
    };
    if (x.connectivity === 'VPC_ENDPOINT_SERVICE') {
      config.VpcEndpointServiceName = x.vpcEndpointServiceName;
      config.VpcEndpointServiceOwner = x.vpcEndpointServiceOwner;
    }
    entry.XksProxyConfiguration = config;
  }
  return entry;
}

/**
 * A store's entry and its wire text. Most of the text is the trust anchor, whose line breaks make it slow to
 * escape, and entries change rarely: an entry equal to the one last encoded for the same store reuses that entry
 * and its text (so journal entries share it too). A bounded cache (oldest out first), so describing 100,000
 * stores does not keep 100,000 texts.
 */
function encodedEntry(store: StoreRecord, fresh: Output): Encoded {
  const cached = encodedEntries.get(store);
  if (cached !== undefined) {
    if (sameEntry(fresh, cached.entry)) return cached;
    // The entry before the last one is kept too (without its own previous one, so nothing chains): a store
    // that goes back and forth (connected, disconnected, connected) finds both of its texts.
    const previous = cached.previous;
    if (previous !== undefined && sameEntry(fresh, previous.entry)) {
      // Swap the two in place: a store that alternates (CONNECTING, CONNECTED, …) allocates nothing.
      const { entry, json } = cached;
      cached.entry = previous.entry;
      cached.json = previous.json;
      previous.entry = entry;
      previous.json = json;
      return cached;
    }
  } else if (encodedEntries.size >= ENTRY_CACHE_SIZE) {
    encodedEntries.delete(encodedEntries.keys().next().value as StoreRecord);
  }
  const encoded: Encoded = { entry: fresh, json: encodeEntry(fresh) };
  if (cached !== undefined) encoded.previous = { entry: cached.entry, json: cached.json };
  encodedEntries.set(store, encoded);
  return encoded;
}
interface Encoded {
  entry: Output;
  json: string;
  previous?: Encoded;
}
const ENTRY_CACHE_SIZE = 1_024;

/**
 * An entry's wire text. A state change makes a new entry, but its trust anchor (most of the text, and slow to
 * escape for its line breaks) is one of a few: its escaped form is remembered and spliced in. In JSON text a
 * quote inside a string is always escaped, so the placeholder member can only be the one written here.
 */
function encodeEntry(entry: Output): string {
  const anchor = entry.TrustAnchorCertificate;
  if (typeof anchor !== 'string' || anchor.length < 256) return encodeValue(entry);
  const json = encodeValue({ ...entry, TrustAnchorCertificate: 0 });
  // A function, so that a `$` in the anchor is never read as a replacement pattern.
  return json.replace('"TrustAnchorCertificate":0', () => `"TrustAnchorCertificate":${escapedAnchor(anchor)}`);
}

function escapedAnchor(anchor: string): string {
  let escaped = escapedAnchors.get(anchor);
  if (escaped === undefined) {
    escaped = JSON.stringify(anchor);
    if (escapedAnchors.size >= ANCHOR_CACHE_SIZE) escapedAnchors.clear();
    escapedAnchors.set(anchor, escaped);
  }
  return escaped;
}
const ANCHOR_CACHE_SIZE = 64;
const escapedAnchors = new Map<string, string>();
const encodedEntries = new Map<StoreRecord, Encoded>();

/** Same members with the same values (timestamps by time, structures member by member). */
function sameEntry(a: Output, b: Output): boolean {
  let members = 0;
  for (const key in a) {
    members += 1;
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (x instanceof Date && y instanceof Date && x.getTime() === y.getTime()) continue;
    if (isRecord(x) && isRecord(y) && sameEntry(x, y)) continue;
    return false;
  }
  return members === Object.keys(b).length;
}

function isRecord(value: unknown): value is Output {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value);
}
