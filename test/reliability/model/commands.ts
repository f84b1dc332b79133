/**
 * The steps of the state-machine property, as fast-check commands. Each step runs on the reference model
 * and, through a real KMSClient, on the fake; the outcomes (output or error name) must be equal, and then
 * so must a full Describe of every scope. Steps name their targets by position ("the 2nd live store of
 * scope A"), resolved against the model when the step runs, so that shrinking keeps sequences meaningful.
 */
import fc from 'fast-check';
import {
  changeKmsUserPasswordArb,
  clockArb,
  failNextArb,
  failNextConnectArb,
  relateClustersArb,
  resetArb,
  setStateArb,
  settleArb,
} from './control-steps.js';
import type { Step } from './harness.js';
import { createKeyArb, daysPassArb, keyOpArb } from './key-steps.js';
import { byIdArb, createArb, describeArb, updateArb } from './operation-steps.js';

export { OUTCOMES } from './harness.js';

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 7, arbitrary: createArb },
  { weight: 5, arbitrary: describeArb },
  { weight: 5, arbitrary: byIdArb('ConnectCustomKeyStore', 'Connect') },
  { weight: 3, arbitrary: byIdArb('DisconnectCustomKeyStore', 'Disconnect') },
  { weight: 5, arbitrary: updateArb },
  { weight: 3, arbitrary: byIdArb('DeleteCustomKeyStore', 'Delete') },
  { weight: 2, arbitrary: settleArb },
  { weight: 2, arbitrary: clockArb },
  { weight: 1, arbitrary: failNextConnectArb },
  { weight: 1, arbitrary: failNextArb },
  { weight: 1, arbitrary: setStateArb },
  { weight: 1, arbitrary: resetArb },
  { weight: 4, arbitrary: createKeyArb },
  { weight: 2, arbitrary: keyOpArb('DescribeKey') },
  { weight: 1, arbitrary: keyOpArb('EnableKey') },
  { weight: 1, arbitrary: keyOpArb('DisableKey') },
  { weight: 2, arbitrary: keyOpArb('ScheduleKeyDeletion') },
  { weight: 1, arbitrary: keyOpArb('CancelKeyDeletion') },
  { weight: 2, arbitrary: keyOpArb('Encrypt') },
  { weight: 1, arbitrary: daysPassArb },
  { weight: 3, arbitrary: relateClustersArb },
  { weight: 1, arbitrary: changeKmsUserPasswordArb },
);
