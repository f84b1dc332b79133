import { isStampedCall, isStampingSend, sendStamped } from '../../adapters/sdk/stamped-send.js';
import { FakeKmsUsageError, type KmsFake } from '../../index.js';

/** The part of an aws-sdk-client-mock `mockClient(KMSClient)` stub this uses: its sinon `send` stub. */
export interface ClientMockLike {
  // biome-ignore lint/suspicious/noExplicitAny: sinon's stub types its fake by the client's own command types.
  send: { callsFake(fn: (this: any, ...args: any[]) => any): unknown };
}

type Send = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Make an aws-sdk-client-mock mock of `KMSClient` answer from the fake for every command it has no
 * behaviour of its own for. The mock still records every call, so its history and the
 * aws-sdk-client-mock-vitest / -jest matchers keep working; commands stubbed with `.on(Command)` keep
 * their stubbed answer. `mock.reset()` drops this default (it recreates the stub): call it again after
 * every reset.
 *
 * It runs the SDK's own `send` (serializer, middleware, deserializer) with the calling client attached to
 * the fake, whichever order the mock and the fake's install were set up in.
 *
 * @example
 * const kms = useKmsFake();
 * const kmsMock = mockClient(KMSClient);
 * beforeEach(() => {
 *   kmsMock.reset();
 *   forwardToFake(kmsMock, kms);
 * });
 */
export function forwardToFake<M extends ClientMockLike>(mock: M, fake: KmsFake): M {
  mock.send.callsFake(function send(this: unknown, ...args: unknown[]) {
    const client = this as Parameters<KmsFake['attach']>[0];
    fake.attach(client);
    // A client wired without middleware counts and stamps its calls in a send() of its own, which this call
    // (it came to the prototype's stub) has not been through: run it through that one on to the SDK's own.
    const own = Object.hasOwn(client, 'send') ? (client as { send: unknown }).send : undefined;
    if (isStampingSend(own) && !isStampedCall(args[1])) return sendStamped(own, sdkSend(client), client, args);
    return sdkSend(client).apply(client, args);
  });
  return mock;
}

/**
 * The SDK's own `send`: the deepest one on the client's prototype chain (the Smithy `Client` base class),
 * under any stub or wrapper that a mock or `install()` put on `KMSClient.prototype`.
 */
function sdkSend(client: object): Send {
  let found: Send | undefined;
  for (
    let proto = Object.getPrototypeOf(client);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    if (Object.hasOwn(proto, 'send') && typeof proto.send === 'function') found = proto.send;
  }
  if (!found) {
    throw new FakeKmsUsageError(
      'forwardToFake: this client has no send() on its prototype chain; this version of @aws-sdk/client-kms is not supported. Use fake.client() instead and report the SDK version.',
    );
  }
  return found;
}
