// https://docs.aws.amazon.com/kms/latest/APIReference/API_DisconnectCustomKeyStore.html
import type { Engine } from '../engine/engine.js';
import { DISCONNECT_FROM } from '../engine/state-machine.js';
import type { CallContext } from '../engine/types.js';
import { findStore, type Input, invalidState, type Output, str } from './common.js';

export function disconnectCustomKeyStore(engine: Engine, ctx: CallContext, input: Input): Output {
  const store = findStore(engine, ctx, str(input, 'CustomKeyStoreId') as string);
  if (DISCONNECT_FROM[store.state] === 'reject') {
    const why = store.state === 'DISCONNECTED' ? 'It is already disconnected.' : 'Wait until it is DISCONNECTED.';
    throw invalidState(store, why);
  }
  engine.transitions.begin(store, 'DISCONNECTING', 'DISCONNECTED');
  return {};
}
