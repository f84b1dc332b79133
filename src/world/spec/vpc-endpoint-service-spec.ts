/**
 * An Amazon VPC endpoint service in front of an external key store proxy, found by its service name. Its
 * Region is the one in its name. Everything left out takes its healthy default: it exists, allows the
 * KMS principal, needs no acceptance, has a network load balancer in two zones, and a verified private
 * DNS name equal to the store's endpoint host. A service that is not described at all exists and is fine
 * (spec §8.13).
 *
 * @example
 * const closed: VpcEndpointServiceSpec = {
 *   serviceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
 *   allowsKmsPrincipal: false,
 * };
 */
export interface VpcEndpointServiceSpec {
  /** e.g. `com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0`. */
  serviceName: string;
  /** The 12-digit account that owns it. Default: whichever account the store names. */
  owner?: string;
  /** Default true. */
  exists?: boolean;
  /** Its allowed principals include `cks.kms.<region>.amazonaws.com`. Default true. */
  allowsKmsPrincipal?: boolean;
  /** It requires manual acceptance of connection requests (KMS cannot use it). Default false. */
  acceptanceRequired?: boolean;
  /** Availability Zones of the subnets behind its network load balancer; KMS needs two. Default 2. */
  availabilityZones?: number;
  /** Its private DNS name. Default: the host of the store's `XksProxyUriEndpoint`. */
  privateDnsName?: string;
  /** The domain of its private DNS name is verified. Default true. */
  privateDnsVerified?: boolean;
}
