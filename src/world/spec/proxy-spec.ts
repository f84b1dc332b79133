/** Ways the proxy's TLS set-up can be wrong (each ends in `XKS_PROXY_INVALID_TLS_CONFIGURATION`). */
export const TLS_PROBLEMS = [
  'expired-certificate',
  'hostname-mismatch',
  'untrusted-certificate-authority',
  'unsupported-protocol-version',
] as const;
export type TlsProblem = (typeof TLS_PROBLEMS)[number];
export type TlsSetup = 'valid' | TlsProblem;

/** A credential the proxy accepts. Leave `secretAccessKey` out to accept any secret for that access key id. */
export interface ProxyCredential {
  accessKeyId: string;
  /** Secret: left out of snapshots. */
  secretAccessKey?: string;
}

/** KMS gives up on a proxy call after this many milliseconds (XKS proxy API specification). */
export const XKS_PROXY_TIMEOUT_MS = 250;

/**
 * An external key store proxy, found by its URI endpoint. Everything left out takes its healthy default:
 * reachable, fast, valid TLS, serves the paths and accepts the credentials stores were created with, authorizes KMS,
 * answers well-formed responses, and its external key managers are available.
 *
 * @example
 * const slow: ProxySpec = { uriEndpoint: 'https://xks.example.com', latencyMs: 400 };
 */
export interface ProxySpec {
  /** `https://` + host name, exactly as the store's `XksProxyUriEndpoint`. */
  uriEndpoint: string;
  /**
   * The URI paths the proxy serves; any other path is refused. Default: the paths stores were created with
   * on this proxy (an Update to another path is refused, docs/behaviour.md).
   */
  uriPaths?: string[];
  /** Default true. */
  reachable?: boolean;
  /** How long the proxy takes to answer. At 250 ms or more KMS times out. Default 0. */
  latencyMs?: number;
  /** Default `'valid'`. */
  tls?: TlsSetup;
  /** The credentials the proxy accepts. Default: the ones stores were created with on this proxy. */
  credentials?: ProxyCredential[];
  /** The proxy's authorization rules let KMS in. Health checks are not subject to them. Default true. */
  authorizesKms?: boolean;
  /** The proxy's responses follow the XKS proxy API. Default true. */
  responsesValid?: boolean;
  /** At least one external key manager instance is available. Default true. */
  keyManagersAvailable?: boolean;
  /** Network problems between KMS and the proxy: `NETWORK_ERRORS`. Default false. */
  networkFault?: boolean;
  /** KMS fails internally when it works with this proxy: `KMSInternalException` / `INTERNAL_ERROR`. Default false. */
  internalFault?: boolean;
}
