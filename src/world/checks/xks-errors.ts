import { KmsError } from '../../errors/kms-error.js';
import type { TlsProblem } from '../spec/proxy-spec.js';

const TLS_DETAIL: Record<TlsProblem, (host: string) => string> = {
  'expired-certificate': () => 'its TLS certificate has expired',
  'hostname-mismatch': (host) => `its TLS certificate does not match the host name ${host}`,
  'untrusted-certificate-authority': () =>
    'its TLS certificate is not signed by a certificate authority on the XKS list of trusted authorities',
  'unsupported-protocol-version': () => 'it offers neither TLS 1.2 nor TLS 1.3',
};

/**
 * The XksProxy* exceptions of CreateCustomKeyStore and UpdateCustomKeyStore, worded after the KMS API
 * Reference and Developer Guide (paraphrased; never naming the credential's values, spec §8.18).
 */
export const xksErrors = {
  unreachable(uri: string): KmsError {
    return new KmsError(
      'XksProxyUriUnreachableException',
      `KMS cannot communicate with the external key store proxy at ${uri}. This can be a passing network problem; if it persists, check that the proxy is running and reachable and that the URI endpoint and path of the external key store are correct.`,
    );
  },

  timedOut(endpoint: string): KmsError {
    return new KmsError(
      'XksProxyUriUnreachableException',
      `The external key store proxy at ${endpoint} did not respond within the 250 milliseconds KMS waits. Retry the request; if this keeps happening, tell the proxy's administrator.`,
    );
  },

  networkErrors(endpoint: string): KmsError {
    return new KmsError(
      'XksProxyUriUnreachableException',
      `Network errors keep KMS from reaching the external key store proxy at ${endpoint}. Wait a few minutes and retry the request.`,
    );
  },

  keyManagersUnavailable(): KmsError {
    return new KmsError(
      'XksProxyUriUnreachableException',
      'The external key store proxy is unhealthy: it reports that every one of its external key manager instances is unavailable. If this persists, check your external key manager.',
    );
  },

  invalidTls(endpoint: string, problem: TlsProblem): KmsError {
    const host = endpoint.replace(/^https:\/\//, '');
    return new KmsError(
      'XksProxyInvalidConfigurationException',
      `KMS cannot establish a TLS connection to the external key store proxy at ${endpoint}: ${TLS_DETAIL[problem](host)}. Check the proxy's TLS configuration and certificate.`,
    );
  },

  invalidPath(path: string): KmsError {
    return new KmsError(
      'XksProxyInvalidConfigurationException',
      `The external key store proxy refused the request because the URI path ${path} is not valid. Check the URI path of the external key store and update it if needed.`,
    );
  },

  incorrectCredential(): KmsError {
    return new KmsError(
      'XksProxyIncorrectAuthenticationCredentialException',
      'The external key store proxy could not authenticate KMS with the proxy authentication credential of the external key store. Check the credential on the proxy and in the external key store, and update it if needed.',
    );
  },

  invalidResponse(endpoint: string): KmsError {
    return new KmsError(
      'XksProxyInvalidResponseException',
      `KMS cannot interpret the response of the external key store proxy at ${endpoint}. If you see this repeatedly, tell the proxy's vendor.`,
    );
  },

  vpcServiceNotFound(serviceName: string, why: string): KmsError {
    return new KmsError(
      'XksProxyVpcEndpointServiceNotFoundException',
      `KMS cannot find the VPC endpoint service ${serviceName}: ${why}. Check XksProxyVpcEndpointServiceName, and that the allowed principals of the service include the KMS service principal of the Region.`,
    );
  },

  vpcServiceInvalid(serviceName: string, why: string): KmsError {
    return new KmsError(
      'XksProxyVpcEndpointServiceInvalidConfigurationException',
      `The VPC endpoint service ${serviceName} does not meet the requirements of an external key store: ${why}.`,
    );
  },

  internal(): KmsError {
    return new KmsError(
      'KMSInternalException',
      'KMS could not complete the request because of an internal error. Retry the request.',
    );
  },
};
