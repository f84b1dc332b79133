import type { Engine } from '../engine/engine.js';
import { uriOf } from '../engine/store-registry.js';
import type { CallContext, ConnectionState, StoreRecord, XksProxyConfig } from '../engine/types.js';
import { KmsError } from '../errors/kms-error.js';

export type Input = Record<string, unknown>;
export type Output = Record<string, unknown>;
/**
 * An output whose wire text the operation built itself, cheaper than encoding the object (from parts it encoded
 * before). `json` must be exactly what encoding `output` would give; the operation's tests say so.
 */
export class EncodedOutput {
  constructor(
    readonly output: Output,
    readonly json: string,
  ) {}
}
export type OperationHandler = (engine: Engine, ctx: CallContext, input: Input) => Output | EncodedOutput;

/** What the engine answers: a handler per KMS operation, and per-operation rewrites before validation. */
export interface OperationTable {
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  readonly beforeValidation: Readonly<Record<string, (input: unknown) => unknown>>;
}

export function str(input: Input, member: string): string | undefined {
  const v = input[member];
  return typeof v === 'string' ? v : undefined;
}

export function notFoundById(id: string): KmsError {
  return new KmsError('CustomKeyStoreNotFoundException', `Custom key store '${id}' does not exist.`);
}

/** The store with this id in the caller's account and Region, or `CustomKeyStoreNotFoundException`. */
export function findStore(engine: Engine, ctx: CallContext, id: string): StoreRecord {
  const store = engine.registry.get(ctx, id);
  if (!store) throw notFoundById(id);
  engine.transitions.settleIfDue(store);
  return store;
}

export function invalidState(store: StoreRecord, why: string): KmsError {
  return new KmsError(
    'CustomKeyStoreInvalidStateException',
    `Custom key store '${store.id}' is ${store.state}. ${why}`,
  );
}

export function requireState(store: StoreRecord, allowed: readonly ConnectionState[], why: string): void {
  if (!allowed.includes(store.state)) throw invalidState(store, why);
}

/** Name uniqueness among every store of the account and Region, both types, exact match (spec §8.8). */
export function assertNameFree(engine: Engine, ctx: CallContext, name: string, self?: StoreRecord): void {
  if ([...engine.registry.withName(ctx, name)].some((s) => s !== self)) {
    throw new KmsError(
      'CustomKeyStoreNameInUseException',
      `The custom key store name '${name}' is already used by another custom key store in this account and Region.`,
    );
  }
}

/** The XKS uniqueness rules of spec §5, in the order of §8.7. */
export function assertXksUnique(engine: Engine, ctx: CallContext, proxy: XksProxyConfig, self?: StoreRecord): void {
  const other = (s: StoreRecord) => s !== self;
  const uri = uriOf(proxy);
  if ([...engine.registry.withUri(ctx, uri)].some(other)) {
    throw new KmsError(
      'XksProxyUriInUseException',
      `The URI ${uri} is already associated with another external key store in this account and Region. Each external key store needs a unique combination of proxy URI endpoint and path.`,
    );
  }
  const isVpc = proxy.connectivity === 'VPC_ENDPOINT_SERVICE';
  const clash = [...engine.registry.withEndpoint(ctx.region, proxy.uriEndpoint)].find(
    (s) => other(s) && (isVpc || s.xks?.connectivity === 'VPC_ENDPOINT_SERVICE'),
  );
  if (clash) throw endpointInUse(proxy, (clash.xks as XksProxyConfig).connectivity);
  if (isVpc && proxy.vpcEndpointServiceName) {
    const service = proxy.vpcEndpointServiceName;
    if ([...engine.registry.withVpcService(ctx.region, service)].some(other)) {
      throw new KmsError(
        'XksProxyVpcEndpointServiceInUseException',
        `The VPC endpoint service ${service} is already associated with another external key store. Each external key store with VPC endpoint service connectivity needs its own VPC endpoint service.`,
      );
    }
  }
}

/**
 * Say which side needs the endpoint to itself: the other store when it uses VPC endpoint service
 * connectivity, else this request, whose VPC store may not share its private DNS name with a public one.
 */
function endpointInUse(proxy: XksProxyConfig, otherConnectivity: XksProxyConfig['connectivity']): KmsError {
  const endpoint = proxy.uriEndpoint;
  const text =
    otherConnectivity === 'VPC_ENDPOINT_SERVICE'
      ? `The URI endpoint ${endpoint} is already associated with an external key store that uses VPC endpoint service connectivity in this Region. Each such store needs its own private DNS name.`
      : `The URI endpoint ${endpoint} is already associated with an external key store that uses public endpoint connectivity in this Region. An external key store with VPC endpoint service connectivity needs a private DNS name that no other external key store uses.`;
  return new KmsError('XksProxyUriEndpointInUseException', text);
}

/** One CloudHSM store per cluster (or related cluster) in the account and Region. */
export function assertClusterFree(engine: Engine, ctx: CallContext, clusterId: string): void {
  // Only stores on a cluster of the same backup lineage can clash; the world names those clusters.
  let inUse: StoreRecord | undefined;
  for (const candidate of engine.world.relatedClusterIds(ctx, clusterId)) {
    for (const s of engine.registry.onCluster(ctx, candidate)) {
      if (s.cloudHsm && engine.world.clustersRelated(ctx, s.cloudHsm.clusterId, clusterId)) {
        if (!inUse || s.seq < inUse.seq) inUse = s; // the oldest, as a scan in creation order finds
      }
    }
  }
  if (inUse) {
    throw new KmsError(
      'CloudHsmClusterInUseException',
      `The CloudHSM cluster ${clusterId} is already associated with custom key store '${inUse.id}', or shares its backup history with that store's cluster.`,
    );
  }
}

export function typeParamError(param: string, problem: 'required' | 'not-allowed', context: string): KmsError {
  const text =
    problem === 'required'
      ? `${param} is required for a custom key store ${context}.`
      : `${param} is not valid for a custom key store ${context}.`;
  return new KmsError('ValidationException', text);
}
