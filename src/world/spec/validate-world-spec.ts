import { checkPlainData } from '../../usage/plain-data.js';
import { CLUSTER_STATES, HSM_STATES } from './cluster-spec.js';
import { checkRecord, type FieldRule, flag, listOf, oneOf, record, text, wholeNumber } from './field-rules.js';
import {
  ACCOUNT_ID,
  AVAILABILITY_ZONE,
  CLUSTER_ID,
  HOST_NAME,
  HSM_ID,
  LENGTHS,
  REGION,
  SUBNET_ID,
  VPC_ENDPOINT_SERVICE_NAME,
  XKS_ACCESS_KEY_ID,
  XKS_SECRET_ACCESS_KEY,
  XKS_URI_ENDPOINT,
  XKS_URI_PATH,
} from './patterns.js';
import { TLS_PROBLEMS } from './proxy-spec.js';
import { child, isRecord, SpecIssues } from './spec-issues.js';

const clusterFields: Record<string, FieldRule> = {
  clusterId: text({ ...LENGTHS.clusterId, pattern: CLUSTER_ID }),
  region: text({ pattern: REGION }),
  account: text({ pattern: ACCOUNT_ID }),
  state: oneOf(CLUSTER_STATES),
  hsms: listOf(
    record({
      fields: {
        hsmId: text({ pattern: HSM_ID }),
        availabilityZone: text({ pattern: AVAILABILITY_ZONE }),
        state: oneOf(HSM_STATES),
      },
      required: ['availabilityZone'],
    }),
  ),
  subnets: listOf(
    record({
      fields: {
        subnetId: text({ pattern: SUBNET_ID }),
        availabilityZone: text({ pattern: AVAILABILITY_ZONE }),
        freeIpAddresses: wholeNumber(),
        deleted: flag(),
      },
      required: ['subnetId', 'availabilityZone'],
    }),
  ),
  securityGroupValid: flag(),
  trustAnchorCertificate: text(LENGTHS.trustAnchorCertificate),
  backupLineage: text({ min: 1, max: 256 }),
  kmsUser: record({
    fields: {
      present: flag(),
      password: text({ ...LENGTHS.keyStorePassword, secret: true }),
      lockedOut: flag(),
      loggedIn: flag(),
      failedLoginAttempts: wholeNumber(),
    },
  }),
  networkFault: flag(),
  internalFault: flag(),
};

const proxyFields: Record<string, FieldRule> = {
  uriEndpoint: text({ ...LENGTHS.xksUriEndpoint, pattern: XKS_URI_ENDPOINT }),
  uriPaths: listOf(text({ ...LENGTHS.xksUriPath, pattern: XKS_URI_PATH })),
  reachable: flag(),
  latencyMs: wholeNumber(),
  tls: oneOf(['valid', ...TLS_PROBLEMS]),
  credentials: listOf(
    record({
      fields: {
        accessKeyId: text({ ...LENGTHS.accessKeyId, pattern: XKS_ACCESS_KEY_ID }),
        secretAccessKey: text({ ...LENGTHS.secretAccessKey, pattern: XKS_SECRET_ACCESS_KEY, secret: true }),
      },
      required: ['accessKeyId'],
    }),
  ),
  authorizesKms: flag(),
  responsesValid: flag(),
  keyManagersAvailable: flag(),
  networkFault: flag(),
  internalFault: flag(),
};

const vpcEndpointServiceFields: Record<string, FieldRule> = {
  serviceName: text({ ...LENGTHS.vpcEndpointServiceName, pattern: VPC_ENDPOINT_SERVICE_NAME }),
  owner: text({ pattern: ACCOUNT_ID }),
  exists: flag(),
  allowsKmsPrincipal: flag(),
  acceptanceRequired: flag(),
  availabilityZones: wholeNumber(),
  privateDnsName: text({ min: 1, max: 253, pattern: HOST_NAME }),
  privateDnsVerified: flag(),
};

export const CLUSTER_SHAPE = { fields: clusterFields, required: ['clusterId'] } as const;
export const PROXY_SHAPE = { fields: proxyFields, required: ['uriEndpoint'] } as const;
export const VPC_ENDPOINT_SERVICE_SHAPE = { fields: vpcEndpointServiceFields, required: ['serviceName'] } as const;

/**
 * Refuse a world description with every problem listed (FakeKmsUsageError naming `source`). Only the world's
 * own fields are looked at, so the options object of createKmsFake() can be passed whole.
 */
export function validateWorldSpec(spec: unknown, source: string): void {
  const issues = new SpecIssues();
  if (!isRecord(spec)) issues.add('$', 'must be an object');
  else if (
    checkPlainData(
      { clusters: spec.clusters, proxies: spec.proxies, vpcEndpointServices: spec.vpcEndpointServices },
      '$',
      issues,
    )
  ) {
    validateWorldLists(spec, '$', issues);
    if (spec.region !== undefined) text({ pattern: REGION })(spec.region, '$.region', issues);
  }
  issues.throwIfAny(source);
}

/** Each list of the world, each entity against its shape, and no entity described twice. */
export function validateWorldLists(value: Record<string, unknown>, path: string, issues: SpecIssues): void {
  checkList(value.clusters, child(path, 'clusters'), issues, CLUSTER_SHAPE, 'clusterId');
  checkList(value.proxies, child(path, 'proxies'), issues, PROXY_SHAPE, 'uriEndpoint');
  checkList(
    value.vpcEndpointServices,
    child(path, 'vpcEndpointServices'),
    issues,
    VPC_ENDPOINT_SERVICE_SHAPE,
    'serviceName',
  );
}

/** The fields of one entity (for `update()` of a live handle): only known fields, each well formed. */
export function validateChanges(
  changes: unknown,
  path: string,
  issues: SpecIssues,
  shape: { fields: Record<string, FieldRule> },
): void {
  if (checkPlainData(changes, path, issues)) checkRecord(changes, path, issues, { fields: shape.fields });
}

function checkList(
  list: unknown,
  path: string,
  issues: SpecIssues,
  shape: { fields: Record<string, FieldRule>; required: readonly string[] },
  key: string,
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    issues.add(path, 'must be a list');
    return;
  }
  const seen = new Map<unknown, number>();
  list.forEach((item, i) => {
    const itemPath = child(path, i);
    checkRecord(item, itemPath, issues, shape);
    if (!isRecord(item) || item[key] === undefined) return;
    const first = seen.get(item[key]);
    if (first !== undefined) {
      issues.add(child(itemPath, key), `${String(item[key])} is already described at ${child(path, first)}`);
    } else {
      seen.set(item[key], i);
    }
  });
}
