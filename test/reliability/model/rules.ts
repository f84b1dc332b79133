/**
 * Input constraints of spec §2, written out by hand from the spec (not read from the model file the fake
 * uses), for the members the state-machine property sends. `violates` is true when real KMS's framework
 * would answer `ValidationException` before the operation looks at any state (spec §8.3, §8.7).
 */
type Input = Record<string, unknown>;

interface Rule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
  required?: boolean;
}

const ID: Rule = { min: 1, max: 64 };
const NAME: Rule = { min: 1, max: 256 };
const XKS: Record<string, Rule> = {
  XksProxyUriEndpoint: { min: 10, max: 128, pattern: /^https:\/\/[a-zA-Z0-9.-]+$/ },
  XksProxyUriPath: { min: 10, max: 128, pattern: /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/ },
  XksProxyVpcEndpointServiceName: {
    min: 20,
    max: 64,
    pattern: /^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/,
  },
  XksProxyVpcEndpointServiceOwner: { min: 12, max: 12, pattern: /^[0-9]{12}$/ },
  XksProxyConnectivity: { oneOf: ['PUBLIC_ENDPOINT', 'VPC_ENDPOINT_SERVICE'] },
};
const HSM: Record<string, Rule> = {
  CloudHsmClusterId: { min: 19, max: 24, pattern: /^cluster-[2-7a-zA-Z]{11,16}$/ },
  TrustAnchorCertificate: { min: 1, max: 5000 },
  KeyStorePassword: { min: 7, max: 32 },
};
const CREDENTIAL: Record<string, Rule> = {
  AccessKeyId: { required: true, min: 20, max: 30, pattern: /^[A-Z2-7]+$/ },
  RawSecretAccessKey: { required: true, min: 43, max: 64, pattern: /^[a-zA-Z0-9/+=]+$/ },
};

const RULES: Record<string, Record<string, Rule>> = {
  CreateCustomKeyStore: {
    CustomKeyStoreName: { ...NAME, required: true },
    ...HSM,
    CustomKeyStoreType: { oneOf: ['AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] },
    ...XKS,
  },
  UpdateCustomKeyStore: { CustomKeyStoreId: { ...ID, required: true }, NewCustomKeyStoreName: NAME, ...HSM, ...XKS },
  DescribeCustomKeyStores: {
    CustomKeyStoreId: ID,
    CustomKeyStoreName: NAME,
    Limit: { min: 1, max: 1000 },
    Marker: { min: 1, max: 1024, pattern: /^[\u0020-\u00FF]*$/ },
  },
  ConnectCustomKeyStore: { CustomKeyStoreId: { ...ID, required: true } },
  DisconnectCustomKeyStore: { CustomKeyStoreId: { ...ID, required: true } },
  DeleteCustomKeyStore: { CustomKeyStoreId: { ...ID, required: true } },
};

function breaks(rule: Rule, value: unknown): boolean {
  if (value === undefined || value === null) return rule.required === true;
  if (typeof value === 'number') {
    return (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max);
  }
  const text = String(value);
  if (rule.min !== undefined && text.length < rule.min) return true;
  if (rule.max !== undefined && text.length > rule.max) return true;
  if (rule.pattern && !rule.pattern.test(text)) return true;
  return rule.oneOf !== undefined && !rule.oneOf.includes(text);
}

/** True when some member of the request breaks a constraint of spec §2 (or a required one is missing). */
export function violates(operation: string, input: Input): boolean {
  const rules = RULES[operation] ?? {};
  for (const [member, rule] of Object.entries(rules)) {
    let value = input[member];
    // Spec §3.5: real KMS takes an empty service name on Update to mean "none".
    if (operation === 'UpdateCustomKeyStore' && member === 'XksProxyVpcEndpointServiceName' && value === '') {
      value = undefined;
    }
    if (breaks(rule, value)) return true;
  }
  const credential = input.XksProxyAuthenticationCredential as Input | undefined;
  if (credential) {
    for (const [member, rule] of Object.entries(CREDENTIAL)) if (breaks(rule, credential[member])) return true;
  }
  return false;
}

export const HSM_PARAMS = ['CloudHsmClusterId', 'TrustAnchorCertificate', 'KeyStorePassword'];
export const XKS_PARAMS = [
  'XksProxyConnectivity',
  'XksProxyUriEndpoint',
  'XksProxyUriPath',
  'XksProxyAuthenticationCredential',
  'XksProxyVpcEndpointServiceName',
  'XksProxyVpcEndpointServiceOwner',
];
const VPC_PARAMS = ['XksProxyVpcEndpointServiceName', 'XksProxyVpcEndpointServiceOwner'];

const given = (input: Input, member: string) => input[member] !== undefined && input[member] !== null;

/** Spec §8.2 for CreateCustomKeyStore: missing type-specific parameters, or parameters of the other type. */
export function createTypeProblem(input: Input): boolean {
  const type = input.CustomKeyStoreType ?? 'AWS_CLOUDHSM';
  if (type === 'AWS_CLOUDHSM') {
    return XKS_PARAMS.some((p) => given(input, p)) || HSM_PARAMS.some((p) => !given(input, p));
  }
  if (HSM_PARAMS.some((p) => given(input, p))) return true;
  if (XKS_PARAMS.filter((p) => !VPC_PARAMS.includes(p)).some((p) => !given(input, p))) return true;
  if (input.XksProxyConnectivity === 'VPC_ENDPOINT_SERVICE') return !given(input, 'XksProxyVpcEndpointServiceName');
  return VPC_PARAMS.some((p) => given(input, p));
}
