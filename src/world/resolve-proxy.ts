import type { ProxyCredential, ProxySpec, TlsSetup } from './spec/proxy-spec.js';
import type { VpcEndpointServiceSpec } from './spec/vpc-endpoint-service-spec.js';

/** A proxy with every default filled in. `undefined` lists mean "anything the store says". */
export interface ResolvedProxy {
  uriEndpoint: string;
  uriPaths?: string[];
  reachable: boolean;
  latencyMs: number;
  tls: TlsSetup;
  credentials?: ProxyCredential[];
  authorizesKms: boolean;
  responsesValid: boolean;
  keyManagersAvailable: boolean;
  networkFault: boolean;
  internalFault: boolean;
}

export function resolveProxy(spec: ProxySpec): ResolvedProxy {
  const resolved: ResolvedProxy = {
    uriEndpoint: spec.uriEndpoint,
    reachable: spec.reachable ?? true,
    latencyMs: spec.latencyMs ?? 0,
    tls: spec.tls ?? 'valid',
    authorizesKms: spec.authorizesKms ?? true,
    responsesValid: spec.responsesValid ?? true,
    keyManagersAvailable: spec.keyManagersAvailable ?? true,
    networkFault: spec.networkFault ?? false,
    internalFault: spec.internalFault ?? false,
  };
  if (spec.uriPaths !== undefined) resolved.uriPaths = [...spec.uriPaths];
  if (spec.credentials !== undefined) resolved.credentials = spec.credentials.map((c) => ({ ...c }));
  return resolved;
}

/** A VPC endpoint service with every default filled in. `undefined` means "whatever the store says". */
export interface ResolvedVpcEndpointService {
  serviceName: string;
  owner?: string;
  exists: boolean;
  allowsKmsPrincipal: boolean;
  acceptanceRequired: boolean;
  availabilityZones: number;
  privateDnsName?: string;
  privateDnsVerified: boolean;
}

export function resolveVpcEndpointService(spec: VpcEndpointServiceSpec): ResolvedVpcEndpointService {
  const resolved: ResolvedVpcEndpointService = {
    serviceName: spec.serviceName,
    exists: spec.exists ?? true,
    allowsKmsPrincipal: spec.allowsKmsPrincipal ?? true,
    acceptanceRequired: spec.acceptanceRequired ?? false,
    availabilityZones: spec.availabilityZones ?? 2,
    privateDnsVerified: spec.privateDnsVerified ?? true,
  };
  if (spec.owner !== undefined) resolved.owner = spec.owner;
  if (spec.privateDnsName !== undefined) resolved.privateDnsName = spec.privateDnsName;
  return resolved;
}
