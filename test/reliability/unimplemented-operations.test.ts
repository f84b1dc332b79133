/**
 * Spec §8.12 across the whole installed SDK: every operation the installed `@aws-sdk/client-kms` can send is a
 * KMS operation, so fake-kms either implements it or refuses it loudly as NotImplementedException naming it;
 * never UnknownOperationException ("not a KMS operation"), which is for targets that are not KMS operations at
 * all. An SDK upgrade that adds operations newer than the pinned API model makes this fail until they are known.
 */
import * as sdk from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { OPERATIONS } from '../../src/operations/index.js';

const IMPLEMENTED = new Set(Object.keys(OPERATIONS));

// biome-ignore lint/suspicious/noExplicitAny: every command class of the SDK, whatever its input type
type AnyCommand = new (input: Record<string, never>) => any;
const commands = Object.entries(sdk)
  .filter(([name]) => name.endsWith('Command') && name !== '$Command')
  .map(([name, command]) => [name.slice(0, -'Command'.length), command as AnyCommand] as const)
  .filter(([operation]) => !IMPLEMENTED.has(operation));

describe('operations of the installed SDK that fake-kms does not implement (§8.12)', () => {
  const kms = createKmsFake().client({ maxAttempts: 1 });

  it.each(commands)('%s is refused as NotImplementedException, naming it', async (operation, Command) => {
    const error = (await kms.send(new Command({})).then(
      () => undefined,
      (e: unknown) => e,
    )) as (Error & { $metadata?: { httpStatusCode?: number } }) | undefined;
    expect(error?.name).toBe('NotImplementedException');
    expect(error?.message).toContain(operation);
    expect(error?.message).toMatch(/does not implement/);
    expect(error?.$metadata?.httpStatusCode).toBe(501);
  });
});
