import type { CallContext, XksProxyConfig } from '../../engine/types.js';
import type { ResolvedProxy, ResolvedVpcEndpointService } from '../resolve-proxy.js';
import { regionOfServiceName } from '../spec/patterns.js';
import { XKS_PROXY_TIMEOUT_MS } from '../spec/proxy-spec.js';
import type { BackingFailure } from './backing-failure.js';
import { xksErrors } from './xks-errors.js';

/**
 * What happens when KMS calls the proxy with the store's endpoint, path and credential, in the order the
 * call meets each obstacle: network, the 250 ms timeout, the TLS handshake, the URI path, SigV4
 * authentication, authorization, the response, and finally the health the proxy reports.
 *
 * `call` is `'health-check'` for the GetHealthStatus request of Create and Update, which the proxy's
 * authorization rules do not apply to (XKS proxy API specification), and `'connect'` for a connect attempt.
 */
export function proxyFailure(
  proxy: ResolvedProxy,
  config: XksProxyConfig,
  call: 'health-check' | 'connect',
): BackingFailure | undefined {
  const endpoint = config.uriEndpoint;
  if (proxy.internalFault) return { code: 'INTERNAL_ERROR', error: xksErrors.internal() };
  if (proxy.networkFault) return { code: 'NETWORK_ERRORS', error: xksErrors.networkErrors(endpoint) };
  if (!proxy.reachable) return { code: 'XKS_PROXY_NOT_REACHABLE', error: xksErrors.unreachable() };
  if (proxy.latencyMs >= XKS_PROXY_TIMEOUT_MS) return { code: 'XKS_PROXY_TIMED_OUT', error: xksErrors.timedOut() };
  if (proxy.tls !== 'valid') {
    return { code: 'XKS_PROXY_INVALID_TLS_CONFIGURATION', error: xksErrors.invalidTls() };
  }
  if (proxy.uriPaths && !proxy.uriPaths.includes(config.uriPath)) {
    return { code: 'XKS_PROXY_INVALID_CONFIGURATION', error: xksErrors.invalidPath() };
  }
  if (!acceptsCredential(proxy, config)) return { code: 'INVALID_CREDENTIALS', error: xksErrors.incorrectCredential() };
  if (call === 'connect' && !proxy.authorizesKms) return { code: 'XKS_PROXY_ACCESS_DENIED' };
  if (!proxy.responsesValid) return { code: 'XKS_PROXY_INVALID_RESPONSE', error: xksErrors.invalidResponse() };
  if (!proxy.keyManagersAvailable)
    return { code: 'XKS_PROXY_NOT_REACHABLE', error: xksErrors.keyManagersUnavailable() };
  return undefined;
}

function acceptsCredential(proxy: ResolvedProxy, config: XksProxyConfig): boolean {
  if (!proxy.credentials) return true;
  return proxy.credentials.some(
    (c) =>
      c.accessKeyId === config.accessKeyId &&
      (c.secretAccessKey === undefined || c.secretAccessKey === config.secretAccessKey),
  );
}

/**
 * KMS's checks of the VPC endpoint service of a VPC_ENDPOINT_SERVICE store: it must be found (in the
 * store's Region and owner account, with the KMS principal allowed), then meet the requirements.
 */
export function vpcEndpointServiceFailure(
  service: ResolvedVpcEndpointService,
  config: XksProxyConfig,
  ctx: CallContext,
): BackingFailure | undefined {
  const name = service.serviceName;
  const notFound = (why: string): BackingFailure => ({
    code: 'XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND',
    error: xksErrors.vpcServiceNotFound(name, why),
  });
  const invalid = (why: string): BackingFailure => ({
    code: 'XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION',
    error: xksErrors.vpcServiceInvalid(name, why),
  });
  const owner = config.vpcEndpointServiceOwner ?? ctx.account;
  const serviceRegion = regionOfServiceName(name);

  if (!service.exists) return notFound('no such service exists');
  if (serviceRegion !== ctx.region) {
    return notFound(
      `it is in ${serviceRegion}, but an external key store can only use a service in its own Region (${ctx.region})`,
    );
  }
  if (service.owner !== undefined && service.owner !== owner) return notFound(`account ${owner} has no such service`);
  if (!service.allowsKmsPrincipal) {
    return notFound(`its allowed principals do not include cks.kms.${ctx.region}.amazonaws.com`);
  }
  if (service.acceptanceRequired) return invalid('it requires acceptance of connection requests');
  if (service.availabilityZones < 2) {
    return invalid(
      `its network load balancer has subnets in ${service.availabilityZones} Availability Zone(s), and it needs two or more`,
    );
  }
  const host = config.uriEndpoint.replace(/^https:\/\//, '');
  if (service.privateDnsName !== undefined && service.privateDnsName !== host) {
    return invalid(
      `its private DNS name ${service.privateDnsName} is not the host of the proxy URI endpoint (${host})`,
    );
  }
  if (!service.privateDnsVerified) {
    return invalid(`the domain of its private DNS name ${service.privateDnsName ?? host} is not verified`);
  }
  return undefined;
}
