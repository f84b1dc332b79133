import { KmsError } from '../../errors/kms-error.js';

/**
 * The messages AWS publishes for failures of the external key store proxy, word for word, so that code
 * that matches message text behaves the same against fake-kms and AWS. Source: the "KMS exception
 * messages" table of the XKS Proxy API Specification v1.0.3 (github.com/aws/aws-kms-xksproxy-api-spec),
 * which gives one message per failure for Create/UpdateCustomKeyStore and the other KMS operations alike.
 */
export const PUBLISHED_XKS_MESSAGES = {
  uriUnreachable:
    'AWS KMS cannot communicate with the external key store proxy. This might be a transient network issue. If you see this error repeatedly, verify that your external key store proxy is active and is connected to the network, and that its endpoint URI is correct in your external keystore.',
  tlsConnection:
    'AWS KMS cannot establish a TLS connection to the external key store proxy. Verify the TLS configuration, including its certificate.',
  socketTimeout:
    'AWS KMS rejected the request because the external key store proxy did not respond in time. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.',
  invalidUriPath:
    'The external key store proxy rejected the request because of an invalid URI path. Verify the URI path for your external key store and update if necessary.',
  authenticationFailed:
    'The external key store proxy rejected the request because it could not authenticate AWS KMS. Verify the XKS proxy authentication credentials for your external key store and update if necessary.',
  malformedResponse:
    'AWS KMS cannot interpret the response from the external key store proxy. If you see this error repeatedly, report it to your external key store proxy administrator.',
} as const;

/**
 * The XksProxy* exceptions of CreateCustomKeyStore and UpdateCustomKeyStore. Where AWS publishes the
 * message (above) it is used verbatim; the rest are worded after the KMS API Reference (never naming the
 * credential's values, spec §8.18).
 */
export const xksErrors = {
  unreachable(): KmsError {
    return new KmsError('XksProxyUriUnreachableException', PUBLISHED_XKS_MESSAGES.uriUnreachable);
  },

  timedOut(): KmsError {
    return new KmsError('XksProxyUriUnreachableException', PUBLISHED_XKS_MESSAGES.socketTimeout);
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

  /**
   * The XKS proxy API specification (v1.0.3, May 2024) maps "AWS KMS cannot establish a TLS connection" to
   * XksProxyUriUnreachableException on Create/UpdateCustomKeyStore; the 2023 Developer Guide listed TLS
   * problems under XksProxyInvalidConfigurationException. The specification is the newer source and the
   * only one that gives the exception and its message together, so fake-kms follows it (docs/behaviour.md).
   */
  invalidTls(): KmsError {
    return new KmsError('XksProxyUriUnreachableException', PUBLISHED_XKS_MESSAGES.tlsConnection);
  },

  invalidPath(): KmsError {
    return new KmsError('XksProxyInvalidConfigurationException', PUBLISHED_XKS_MESSAGES.invalidUriPath);
  },

  incorrectCredential(): KmsError {
    return new KmsError(
      'XksProxyIncorrectAuthenticationCredentialException',
      PUBLISHED_XKS_MESSAGES.authenticationFailed,
    );
  },

  invalidResponse(): KmsError {
    return new KmsError('XksProxyInvalidResponseException', PUBLISHED_XKS_MESSAGES.malformedResponse);
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
