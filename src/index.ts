export { type KmsServer, type KmsServerOptions, startKmsServer } from './adapters/http/kms-server.js';
export type { AccessKey } from './adapters/http/signature-check.js';
export type { FakeClientConfig } from './adapters/sdk/client-factory.js';
export type { FakeRequestHandler } from './adapters/sdk/fake-request-handler.js';
export { fastKmsClientConfig } from './adapters/sdk/fast-client-config.js';
export type { InstallOptions } from './adapters/sdk/install.js';
export type { CallEntry, InjectionEntry, JournalEntry } from './engine/journal.js';
export type { KeyOrigin, KeySeed, KeyState } from './engine/keys/key-types.js';
export type {
  ConnectionErrorCode,
  ConnectionState,
  StoreSeed,
  StoreType,
  Timing,
  XksConnectivity,
} from './engine/types.js';
export { FakeKmsUsageError, isFakeKmsUsageError, isKmsError, KmsError } from './errors/kms-error.js';
export { createKmsFake, type FailNextOptions, KmsFake, type KmsFakeOptions } from './fake.js';
export { loadScenario, scenarioNames } from './fixtures/scenario/load-scenario.js';
export type { Scenario, ScenarioFile } from './fixtures/scenario/scenario-types.js';
export type { InjectionTimes } from './usage/fail-next.js';
export type {
  CommonAwsErrorCode,
  KmsCommandClass,
  KmsErrorCode,
  KmsExceptionName,
  KmsOperationName,
  KmsOperationRef,
} from './usage/vocabulary.js';
// The parts of a WorldSpec, for typing your own fixtures and factories.
export type {
  ClusterSpec,
  ClusterState,
  HsmSpec,
  HsmState,
  KmsUserSpec,
  ProxyCredential,
  ProxySpec,
  SubnetSpec,
  TlsProblem,
  TlsSetup,
  VpcEndpointServiceSpec,
  World,
  WorldSpec,
} from './world/index.js';
