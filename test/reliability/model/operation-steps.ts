/** Steps that call one of the six custom key store operations through the SDK (and on the model). */
import fc from 'fast-check';
import {
  callBoth,
  type Input,
  maybe,
  nameArb,
  owner,
  ownerArb,
  pick,
  resolve,
  StepCommand,
  scopeArb,
  short,
  showTarget,
  targetArb,
} from './harness.js';
import {
  CLUSTERS,
  CREDENTIALS,
  ENDPOINTS,
  NAMES,
  PASSWORDS,
  PATHS,
  SCOPES,
  type Scope,
  TRUST_ANCHORS,
  vpcServices,
} from './pools.js';

// ---- Create ----

export const createArb = fc
  .record({
    scope: scopeArb,
    kind: fc.constantFrom('hsm', 'public', 'vpc'),
    name: nameArb,
    cluster: pick(2, 3),
    password: pick(3, 4),
    anchor: fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, 2) }),
    explicitType: fc.boolean(),
    endpoint: pick(3, 4),
    path: pick(3, 4),
    service: pick(2, 3),
    owner: maybe(ownerArb, 50),
    credential: pick(2, 3),
    mutation: fc.oneof(
      { weight: 25, arbitrary: fc.constant('none') },
      { weight: 1, arbitrary: fc.constantFrom('drop', 'foreign') },
    ),
  })
  .map((c) => {
    const input: Input = { CustomKeyStoreName: NAMES[c.name] };
    if (c.kind === 'hsm') {
      input.CloudHsmClusterId = CLUSTERS[c.scope][c.cluster];
      input.TrustAnchorCertificate = TRUST_ANCHORS[c.anchor];
      input.KeyStorePassword = PASSWORDS[c.password];
      if (c.explicitType) input.CustomKeyStoreType = 'AWS_CLOUDHSM';
      if (c.mutation === 'drop') delete input.TrustAnchorCertificate;
      if (c.mutation === 'foreign') input.XksProxyUriPath = PATHS[0];
    } else {
      input.CustomKeyStoreType = 'EXTERNAL_KEY_STORE';
      input.XksProxyConnectivity = c.kind === 'vpc' ? 'VPC_ENDPOINT_SERVICE' : 'PUBLIC_ENDPOINT';
      input.XksProxyUriEndpoint = ENDPOINTS[c.endpoint];
      input.XksProxyUriPath = PATHS[c.path];
      input.XksProxyAuthenticationCredential = CREDENTIALS[c.credential];
      if (c.kind === 'vpc') {
        input.XksProxyVpcEndpointServiceName = vpcServices(SCOPES[c.scope].region)[c.service];
        if (c.owner) input.XksProxyVpcEndpointServiceOwner = owner(c.scope, c.owner);
      }
      if (c.mutation === 'drop') delete input[c.kind === 'vpc' ? 'XksProxyVpcEndpointServiceName' : 'XksProxyUriPath'];
      if (c.mutation === 'foreign') {
        if (c.kind === 'vpc') input.KeyStorePassword = PASSWORDS[0];
        else input.XksProxyVpcEndpointServiceName = vpcServices(SCOPES[c.scope].region)[0];
      }
    }
    const shown = Object.entries(input)
      .map(([k, v]): [string, unknown] => [k, k === 'TrustAnchorCertificate' ? `anchor#${c.anchor}` : v])
      .map(([k, v]) => `${k.replace(/^XksProxy|^CustomKeyStore/, '')}=${short(v)}`)
      .join(' ');
    return new StepCommand(`Create[${c.scope}] ${shown}`, (m, r) =>
      callBoth(m, r, c.scope, 'CreateCustomKeyStore', input),
    );
  });

// ---- Describe ----

export const describeArb = fc
  .record({
    scope: scopeArb,
    filter: fc.constantFrom('none', 'none', 'none', 'id', 'name', 'both'),
    target: targetArb,
    name: nameArb,
    limit: maybe(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 1, max: 3 }) },
        { weight: 1, arbitrary: fc.constantFrom(0, 1001) },
      ),
      50,
    ),
    marker: maybe(
      fc.oneof({ weight: 5, arbitrary: fc.nat(10) }, { weight: 1, arbitrary: fc.constant('forged' as const) }),
      50,
    ),
  })
  .map(
    (d) =>
      new StepCommand(
        `Describe[${d.scope}] filter=${d.filter}${d.filter === 'id' || d.filter === 'both' ? `(${showTarget(d.target)})` : ''}${d.filter === 'name' || d.filter === 'both' ? `(${short(NAMES[d.name])})` : ''} limit=${d.limit} marker=${d.marker}`,
        (m, r) => {
          const input: Input = {};
          let scope = d.scope;
          if (d.filter === 'id' || d.filter === 'both') {
            const target = resolve(m, d.scope, d.target);
            scope = target.scope;
            input.CustomKeyStoreId = target.id;
          }
          if (d.filter === 'name' || d.filter === 'both') input.CustomKeyStoreName = NAMES[d.name];
          if (d.limit !== undefined) input.Limit = d.limit;
          if (d.filter === 'none' && d.marker === 'forged') input.Marker = 'eyJmb3JnZWQiOnRydWV9.forged';
          else if (d.filter === 'none' && typeof d.marker === 'number' && m.markers.length > 0) {
            input.Marker = `marker#${d.marker % m.markers.length}`;
          }
          return callBoth(m, r, scope, 'DescribeCustomKeyStores', input).then((o) => `[${scope}] ${short(input)} ${o}`);
        },
      ),
  );

// ---- Connect, Disconnect, Delete ----

export function byIdArb(operation: string, label: string) {
  return fc.record({ scope: scopeArb, target: targetArb }).map(
    ({ scope, target }) =>
      new StepCommand(`${label}[${scope}] ${showTarget(target)}`, async (m, r) => {
        const { scope: at, id } = resolve(m, scope, target);
        return `[${at}] ${short(id)}: ${await callBoth(m, r, at, operation, { CustomKeyStoreId: id })}`;
      }),
  );
}

// ---- Update ----

export const updateArb = fc
  .record({
    scope: scopeArb,
    target: targetArb,
    flavor: fc.constantFrom('hsm', 'xks', 'xks'),
    newName: maybe(nameArb, 35),
    password: maybe(pick(3, 4), 50),
    cluster: maybe(pick(2, 3), 50),
    endpoint: maybe(pick(3, 4), 25),
    path: maybe(pick(3, 4), 30),
    credential: maybe(pick(2, 3), 25),
    connectivity: maybe(fc.constantFrom('PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'), 15),
    service: maybe(fc.oneof({ weight: 4, arbitrary: pick(2, 3) }, { weight: 1, arbitrary: fc.constant(-1) }), 15),
    owner: maybe(ownerArb, 8),
    foreign: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map((u) => {
    const type = u.flavor === 'hsm' ? 'AWS_CLOUDHSM' : 'EXTERNAL_KEY_STORE';
    const fieldsIn = (scope: Scope): Input => {
      const fields: Input = {};
      if (u.newName !== undefined) fields.NewCustomKeyStoreName = NAMES[u.newName];
      if (u.flavor === 'hsm') {
        if (u.password !== undefined) fields.KeyStorePassword = PASSWORDS[u.password];
        if (u.cluster !== undefined) fields.CloudHsmClusterId = CLUSTERS[scope][u.cluster];
        if (u.foreign) fields.XksProxyUriPath = PATHS[0];
        return fields;
      }
      if (u.endpoint !== undefined) fields.XksProxyUriEndpoint = ENDPOINTS[u.endpoint];
      if (u.path !== undefined) fields.XksProxyUriPath = PATHS[u.path];
      if (u.credential !== undefined) fields.XksProxyAuthenticationCredential = CREDENTIALS[u.credential];
      if (u.connectivity !== undefined) fields.XksProxyConnectivity = u.connectivity;
      if (u.service !== undefined) {
        fields.XksProxyVpcEndpointServiceName = u.service < 0 ? '' : vpcServices(SCOPES[scope].region)[u.service];
      }
      if (u.owner !== undefined) fields.XksProxyVpcEndpointServiceOwner = owner(scope, u.owner);
      if (u.foreign) fields.KeyStorePassword = PASSWORDS[0];
      return fields;
    };
    const shown = Object.entries(fieldsIn(u.scope))
      .map(([k, v]) => `${k.replace(/^XksProxy|^CustomKeyStore/, '')}=${short(v)}`)
      .join(' ');
    return new StepCommand(`Update[${u.scope}] ${showTarget(u.target)}(${u.flavor}) ${shown}`, async (m, r) => {
      const { scope, id } = resolve(m, u.scope, u.target, (s) => s.type === type);
      const input = { CustomKeyStoreId: id, ...fieldsIn(scope) };
      return `[${scope}] ${id}: ${await callBoth(m, r, scope, 'UpdateCustomKeyStore', input)}`;
    });
  });
