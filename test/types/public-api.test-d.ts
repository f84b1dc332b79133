/**
 * Type tests of the public API, checked by `tsc` (npm run typecheck) against the sources here, and by
 * the end-to-end test against the packed package's declarations, as ES module and as CommonJS.
 */
import {
  CustomKeyStoreNotFoundException,
  type CustomKeyStoresListEntry,
  DescribeCustomKeyStoresCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { expect as jestExpect } from '@jest/globals';
import {
  type CallEntry,
  type ConnectionErrorCode,
  type ConnectionState,
  createKmsFake,
  isFakeKmsUsageError,
  isKmsError,
  type KmsErrorCode,
  type KmsFake,
  type KmsFakeOptions,
  type KmsOperationName,
  type KmsServer,
  type StoreSeed,
  startKmsServer,
  type Timing,
} from 'fake-kms';
import * as jestHelpers from 'fake-kms/jest';
import {
  currentKmsFake,
  forwardToFake,
  type KmsFakeMatchers,
  kmsMatchers,
  type UseKmsFakeOptions,
  useKmsFake,
} from 'fake-kms/vitest';
import { expect, expectTypeOf } from 'vitest';

const fake = createKmsFake({ seed: 1, timing: { afterMs: 5_000 } });
expectTypeOf(fake).toEqualTypeOf<KmsFake>();
expectTypeOf(fake.client()).toEqualTypeOf<KMSClient>();
expectTypeOf(fake.addStore).parameter(0).toEqualTypeOf<StoreSeed>();
expectTypeOf(fake.addStore).returns.toEqualTypeOf<string>();
expectTypeOf(fake.calls('ConnectCustomKeyStore')).toEqualTypeOf<CallEntry[]>();
expectTypeOf(fake.stores()).toEqualTypeOf<StoreSeed[]>();
expectTypeOf<ConnectionState>().toEqualTypeOf<NonNullable<CustomKeyStoresListEntry['ConnectionState']>>();
expectTypeOf<'immediate'>().toExtend<Timing>();
expectTypeOf<{ observations: 2 }>().toExtend<Timing>();
expectTypeOf(isKmsError).guards.toExtend<Error>();
expectTypeOf(isFakeKmsUsageError).guards.toExtend<Error>();

// @ts-expect-error: a timing needs a number of observations or milliseconds
createKmsFake({ timing: { seconds: 5 } });
// @ts-expect-error: not a ConnectionErrorCode
fake.failNextConnect('cks-1234567890abcdef0', 'DISK_FULL');
// @ts-expect-error: a store seed needs a name
fake.addStore({ CloudHsmClusterId: 'cluster-1a23b4cdefg' });
// Operation names, error codes and states are literal unions: typos fail to compile.
// @ts-expect-error: a misspelt operation
fake.failNext('DescribeKeyStores', 'KMSInternalException', { times: 3 });
// @ts-expect-error: a misspelt error code
fake.failNext('DescribeCustomKeyStores', 'KMSInternalExceptoin', { times: 3 });
// @ts-expect-error: times is a number or 'always'
fake.failNext('DescribeCustomKeyStores', 'KMSInternalException', { times: 'forever' });
// @ts-expect-error: a lower-case state
fake.setState('cks-1234567890abcdef0', 'connected');
// @ts-expect-error: a misspelt operation when reading the journal
fake.calls('ConnectCustomKeyStores');
// @ts-expect-error: a misspelt option
createKmsFake({ qouta: 2 });
fake.failNext(DescribeCustomKeyStoresCommand, CustomKeyStoreNotFoundException);
fake.failNext('CreateCustomKeyStore', 'LimitExceededException', { times: 'always' });
expectTypeOf<'ConnectCustomKeyStore'>().toExtend<KmsOperationName>();
expectTypeOf<'LimitExceededException'>().toExtend<KmsErrorCode>();

// Runner helpers: the same shape from both entry points.
expectTypeOf(useKmsFake).toEqualTypeOf(jestHelpers.useKmsFake);
expectTypeOf(useKmsFake).returns.toEqualTypeOf<KmsFake>();
expectTypeOf(currentKmsFake).returns.toEqualTypeOf<KmsFake>();
expectTypeOf<UseKmsFakeOptions>().toExtend<KmsFakeOptions>();
expectTypeOf<{ fresh: true; install: false; env: false }>().toExtend<UseKmsFakeOptions>();
expectTypeOf(kmsMatchers).toHaveProperty('toHaveStoreState');
expectTypeOf<keyof KmsFakeMatchers>().toEqualTypeOf<
  | 'toHaveStoreState'
  | 'toHaveStoreName'
  | 'toHaveStoreErrorCode'
  | 'toHaveKeyState'
  | 'toHaveReceivedKmsCall'
  | 'toHaveReceivedKmsCallTimes'
>();
expectTypeOf(forwardToFake).parameter(1).toEqualTypeOf<KmsFake>();

// Matchers on Vitest's and Jest's expect, with their arguments typed.
function assertions(code: ConnectionErrorCode): void {
  expect(fake).toHaveStoreState('cks-1234567890abcdef0', 'CONNECTED');
  expect(fake).toHaveStoreErrorCode('hsm', code);
  expect(fake).not.toHaveReceivedKmsCall('ConnectCustomKeyStore', { CustomKeyStoreId: 'cks-1234567890abcdef0' });
  jestExpect(fake).toHaveStoreErrorCode('hsm', undefined);
  jestExpect(fake).toHaveReceivedKmsCallTimes('DescribeCustomKeyStores', 2);
  // @ts-expect-error: not a ConnectionState
  expect(fake).toHaveStoreState('hsm', 'ONLINE');
  // @ts-expect-error: a count is a number
  jestExpect(fake).toHaveReceivedKmsCallTimes('DescribeCustomKeyStores', 'twice');
  // @ts-expect-error: a misspelt operation fails to compile, with .not too
  expect(fake).not.toHaveReceivedKmsCall('DeleteCustomKeyStores');
}
expectTypeOf(assertions).toBeFunction();

// The HTTP endpoint, in-process: options are the fake's plus where to listen and which keys sign.
async function serve(): Promise<void> {
  const server: KmsServer = await startKmsServer({
    port: 0,
    seed: 1,
    verifySignature: [{ accessKeyId: 'AKID', secretAccessKey: 's' }],
  });
  expectTypeOf(server.url).toBeString();
  expectTypeOf(server.fake).toEqualTypeOf<KmsFake>();
  await server.close();
  // @ts-expect-error: a port is a number
  await startKmsServer({ port: '4599' });
}
expectTypeOf(serve).toBeFunction();
