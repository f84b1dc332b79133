import type { World } from '../../world/index.js';
import { type ControlResult, failure, ok, withoutSecrets } from './control-response.js';

/** What each kind of world entity can be asked to do over HTTP: its handle's methods, nothing else. */
const ENTITIES = {
  clusters: {
    handle: (world: World, id: string) => world.cluster(id),
    add: (world: World, spec: unknown) => world.addCluster(spec as Parameters<World['addCluster']>[0]),
    methods: [
      'update',
      'setState',
      'delete',
      'addHsm',
      'removeAllHsms',
      'deleteSubnet',
      'exhaustSubnet',
      'breakSecurityGroup',
      'removeKmsUser',
      'createKmsUser',
      'lockOutKmsUser',
      'logInKmsUser',
      'logOutKmsUser',
      'changeKmsUserPassword',
    ],
  },
  proxies: {
    // In a URL path the endpoint's host is enough: `/world/proxies/xks.example.com` names https://xks.example.com.
    handle: (world: World, id: string) => world.proxy(id.includes('://') ? id : `https://${id}`),
    add: (world: World, spec: unknown) => world.addProxy(spec as Parameters<World['addProxy']>[0]),
    methods: ['update', 'takeOffline', 'bringOnline', 'respondAfter', 'acceptOnly', 'denyKms'],
  },
  'vpc-endpoint-services': {
    handle: (world: World, id: string) => world.vpcEndpointService(id),
    add: (world: World, spec: unknown) =>
      world.addVpcEndpointService(spec as Parameters<World['addVpcEndpointService']>[0]),
    methods: ['update', 'delete'],
  },
} as const;

type Kind = keyof typeof ENTITIES;

function isKind(value: string | undefined): value is Kind {
  return value !== undefined && Object.hasOwn(ENTITIES, value);
}

/**
 * `/_fake-kms/world…`: `GET /world` describes it all; `POST /world/{kind}` adds an entity from a spec;
 * `GET /world/{kind}/{id}` describes one; `POST /world/{kind}/{id}/{method}` calls a handle method with the
 * body as its arguments (an array for several, any other JSON value for one, nothing for none).
 * Handles throw `FakeKmsUsageError` for anything malformed; the caller turns that into a 400.
 */
export function worldRoute(world: World, method: string, segments: string[], body: unknown): ControlResult {
  const [kind, rawId, action, ...extra] = segments;
  if (kind === undefined) {
    return method === 'GET' ? ok(withoutSecrets(world.snapshot())) : notAllowed(method, '/_fake-kms/world');
  }
  if (!isKind(kind) || extra.length > 0) {
    return failure(
      404,
      'NotFound',
      `No control route /_fake-kms/world/${segments.join('/')}. Kinds: ${Object.keys(ENTITIES).join(', ')}.`,
    );
  }
  const entity = ENTITIES[kind];
  if (rawId === undefined) {
    if (method !== 'POST') return notAllowed(method, `/_fake-kms/world/${kind}`);
    return ok(withoutSecrets(entity.add(world, body).describe()));
  }
  const handle = entity.handle(world, rawId);
  if (action === undefined) {
    return method === 'GET'
      ? ok(withoutSecrets(handle.describe()))
      : notAllowed(method, `/_fake-kms/world/${kind}/{id}`);
  }
  if (method !== 'POST') return notAllowed(method, `/_fake-kms/world/${kind}/{id}/${action}`);
  if (!(entity.methods as readonly string[]).includes(action)) {
    return failure(
      404,
      'NotFound',
      `A ${kind} entry has no method "${action}". Methods: ${entity.methods.join(', ')}.`,
    );
  }
  const args = body === undefined ? [] : Array.isArray(body) ? body : [body];
  (handle as unknown as Record<string, (...a: unknown[]) => unknown>)[action]?.(...args);
  return ok(withoutSecrets(handle.describe()));
}

function notAllowed(method: string, route: string): ControlResult {
  return failure(405, 'MethodNotAllowed', `${method} is not allowed on ${route}.`);
}
