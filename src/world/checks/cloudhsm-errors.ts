import { KmsError } from '../../errors/kms-error.js';

/**
 * The CloudHSM exceptions of CreateCustomKeyStore, UpdateCustomKeyStore and ConnectCustomKeyStore, worded
 * after the KMS API Reference (paraphrased, with the concrete cluster and numbers filled in).
 */
export const cloudHsmErrors = {
  notFound(clusterId: string): KmsError {
    return new KmsError(
      'CloudHsmClusterNotFoundException',
      `KMS cannot find an AWS CloudHSM cluster with cluster ID ${clusterId}. Check the cluster ID and try again.`,
    );
  },

  notActive(clusterId: string, state: string): KmsError {
    return new KmsError(
      'CloudHsmClusterNotActiveException',
      `The AWS CloudHSM cluster ${clusterId} is ${state}, not ACTIVE. Initialize and activate the cluster, then try again.`,
    );
  },

  tooFewHsms(clusterId: string, active: number, zones: number): KmsError {
    return new KmsError(
      'CloudHsmClusterInvalidConfigurationException',
      `The AWS CloudHSM cluster ${clusterId} has ${plural(active, 'active HSM')} in ${plural(zones, 'Availability Zone')}, but a CloudHSM key store needs at least two active HSMs, each in a different Availability Zone. Add HSMs with the CloudHSM CreateHsm operation.`,
    );
  },

  subnetsInTooFewZones(clusterId: string, zones: number): KmsError {
    return new KmsError(
      'CloudHsmClusterInvalidConfigurationException',
      `The AWS CloudHSM cluster ${clusterId} has private subnets in ${plural(zones, 'Availability Zone')}, but a CloudHSM key store needs private subnets in at least two Availability Zones of the Region.`,
    );
  },

  securityGroup(clusterId: string): KmsError {
    return new KmsError(
      'CloudHsmClusterInvalidConfigurationException',
      `The security group of AWS CloudHSM cluster ${clusterId} (cloudhsm-${clusterId}-sg) does not have the inbound and outbound rules that allow TCP traffic on ports 2223-2225 with itself. Restore the rules the cluster was created with.`,
    );
  },

  incorrectTrustAnchor(clusterId: string): KmsError {
    return new KmsError(
      'IncorrectTrustAnchorException',
      `The trust anchor certificate in the request is not the trust anchor certificate of AWS CloudHSM cluster ${clusterId}. Use the certificate you created when you initialized the cluster (customerCA.crt).`,
    );
  },

  trustAnchorNotACertificate(clusterId: string): KmsError {
    return new KmsError(
      'IncorrectTrustAnchorException',
      `The trust anchor certificate in the request is not an X.509 certificate in PEM format, so it cannot be the trust anchor certificate (customerCA.crt) of AWS CloudHSM cluster ${clusterId}. In tests, take a real one from fake-kms/fixtures: trustAnchorCertificate() or createTrustAnchorCertificate().`,
    );
  },

  notRelated(newClusterId: string, currentClusterId: string): KmsError {
    return new KmsError(
      'CloudHsmClusterNotRelatedException',
      `The AWS CloudHSM cluster ${newClusterId} does not share a backup history with ${currentClusterId}, the cluster of this custom key store, so it has a different cluster certificate. Specify a cluster created from a backup of ${currentClusterId} or from the backup it was created from.`,
    );
  },

  internal(): KmsError {
    return new KmsError(
      'KMSInternalException',
      'KMS could not complete the request because of an internal error. Retry the request.',
    );
  },
};

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
