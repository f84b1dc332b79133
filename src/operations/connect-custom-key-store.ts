// https://docs.aws.amazon.com/kms/latest/APIReference/API_ConnectCustomKeyStore.html
import type { Engine } from '../engine/engine.js';
import { CONNECT_FROM } from '../engine/state-machine.js';
import type { CallContext } from '../engine/types.js';
import { findStore, type Input, invalidState, type Output, str } from './common.js';

export function connectCustomKeyStore(engine: Engine, ctx: CallContext, input: Input): Output {
  const store = findStore(engine, ctx, str(input, 'CustomKeyStoreId') as string);
  const action = CONNECT_FROM[store.state];
  if (action === 'reject') {
    const why =
      store.state === 'FAILED'
        ? 'To connect a FAILED custom key store, disconnect it first, then connect it.'
        : 'Wait until it is DISCONNECTED, then connect it.';
    throw invalidState(store, why);
  }
  if (action === 'no-op') return {};

  // CloudHSM problems KMS detects before it accepts the request keep the store DISCONNECTED (spec §8.14).
  if (store.cloudHsm) engine.world.checkCloudHsmConnect(ctx, store);
  const injected = engine.injections.takeConnectFailure(store.id);
  const outcome = injected ? { kind: 'failed' as const, code: injected } : engine.world.connectOutcome(ctx, store);
  if (outcome.kind === 'failed') {
    engine.transitions.begin(store, 'CONNECTING', 'FAILED', outcome.code);
    return {};
  }
  if (store.cloudHsm && outcome.keyStorePassword !== undefined)
    store.cloudHsm.keyStorePassword = outcome.keyStorePassword;
  engine.transitions.begin(store, 'CONNECTING', 'CONNECTED');
  return {};
}
