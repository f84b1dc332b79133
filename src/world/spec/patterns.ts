/**
 * Formats of world and store data, from the KMS API model (shared/aws-models/kms/service-2.json) where it
 * has one. Scenario files, seeds and world changes are checked against these.
 */

/**
 * The model says `cluster-[2-7a-zA-Z]{11,16}`, yet the AWS documentation's own example is
 * `cluster-1a23b4cdefg`. Described data may use any letters and digits so that the example loads; KMS
 * requests are still validated against the model's pattern by the operations.
 */
export const CLUSTER_ID = /^cluster-[a-zA-Z0-9]{11,16}$/;
/** The model's own pattern, which generated ids follow. */
export const MODEL_CLUSTER_ID = /^cluster-[2-7a-zA-Z]{11,16}$/;
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const AVAILABILITY_ZONE = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;
export const HSM_ID = /^hsm-[a-zA-Z0-9]{5,}$/;
export const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
export const ACCOUNT_ID = /^[0-9]{12}$/;
export const XKS_URI_ENDPOINT = /^https:\/\/[a-zA-Z0-9.-]+$/;
export const XKS_URI_PATH = /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/;
export const XKS_ACCESS_KEY_ID = /^[A-Z2-7]+$/;
export const XKS_SECRET_ACCESS_KEY = /^[a-zA-Z0-9/+=]+$/;
export const VPC_ENDPOINT_SERVICE_NAME = /^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/;
export const HOST_NAME = /^[a-zA-Z0-9.-]+$/;

export const LENGTHS = {
  customKeyStoreId: { min: 1, max: 64 },
  customKeyStoreName: { min: 1, max: 256 },
  clusterId: { min: 19, max: 24 },
  trustAnchorCertificate: { min: 1, max: 5000 },
  keyStorePassword: { min: 7, max: 32 },
  xksUriEndpoint: { min: 10, max: 128 },
  xksUriPath: { min: 10, max: 128 },
  vpcEndpointServiceName: { min: 20, max: 64 },
  accessKeyId: { min: 20, max: 30 },
  secretAccessKey: { min: 43, max: 64 },
} as const;

/** `us-east-1` from `com.amazonaws.vpce.us-east-1.vpce-svc-…`. */
export function regionOfServiceName(serviceName: string): string | undefined {
  return /^(?:com|eu)\.amazonaws\.vpce\.([a-z]+(?:-[a-z]+)+-\d+)\./.exec(serviceName)?.[1];
}
