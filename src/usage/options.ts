import { DEFAULT_JOURNAL_LIMIT } from '../engine/journal.js';
import type { KeySeed } from '../engine/keys/key-types.js';
import type { StoreSeed, Timing } from '../engine/types.js';
import { validateScenario } from '../fixtures/scenario/validate-scenario.js';
import type { WorldSpec } from '../world/spec/world-spec.js';
import { usage } from './arguments.js';
import { describeType } from './describe-type.js';

/** Every option of `createKmsFake()`; anything else is a typo and refused. */
export const KNOWN_OPTIONS = [
  'account',
  'region',
  'seed',
  'stores',
  'keys',
  'quota',
  'timing',
  'describeWithIdAndName',
  'now',
  'retryDelays',
  'journalLimit',
  'clusters',
  'proxies',
  'vpcEndpointServices',
] as const;

/** The options after checking: every default filled in, seeds and world copied so later edits change nothing. */
export interface CheckedOptions {
  account: string;
  region: string;
  seed?: string | number;
  stores: StoreSeed[];
  keys: KeySeed[];
  quota: number;
  timing: Timing;
  describeWithIdAndName: 'reject' | 'and';
  now?: () => number | Date;
  retryDelays: 'none' | 'real';
  /** Journal entries kept (the newest); a whole number ≥ 1 or Infinity. */
  journalLimit: number;
  world: Required<Omit<WorldSpec, 'region'>> & { region: string };
}

/**
 * Check `createKmsFake(options)` with the same rules as scenario files (seeds and world through
 * `validateScenario`), and copy everything that is kept.
 */
export function checkOptions(options: unknown): CheckedOptions {
  const args = usage('createKmsFake(options)');
  const given = args.object('options', options) ?? {};
  args.knownKeys('options', given, KNOWN_OPTIONS);
  const o = given as Record<(typeof KNOWN_OPTIONS)[number], unknown>;
  if (o.seed !== undefined && typeof o.seed !== 'string' && !(typeof o.seed === 'number' && Number.isFinite(o.seed))) {
    args.fail('options.seed', `must be a string or a number; got ${describeType(o.seed)}.`);
  }
  if (o.now !== undefined && typeof o.now !== 'function') {
    args.fail('options.now', `must be a function returning epoch milliseconds or a Date; got ${describeType(o.now)}.`);
  }
  const scenario = validateScenario(
    {
      account: o.account,
      region: o.region,
      stores: o.stores,
      keys: o.keys,
      clusters: o.clusters,
      proxies: o.proxies,
      vpcEndpointServices: o.vpcEndpointServices,
    },
    'The options given to createKmsFake()',
  );
  const checked: CheckedOptions = {
    account: scenario.account ?? '111122223333',
    region: scenario.region ?? 'us-east-1',
    stores: scenario.stores,
    keys: scenario.keys ?? [],
    quota: o.quota === undefined ? 10 : args.wholeNumber('options.quota', o.quota, 0),
    timing: checkTiming('createKmsFake(options)', 'options.timing', o.timing ?? { observations: 1 }),
    describeWithIdAndName: args.oneOf('options.describeWithIdAndName', o.describeWithIdAndName ?? 'reject', [
      'reject',
      'and',
    ]),
    retryDelays: args.oneOf('options.retryDelays', o.retryDelays ?? 'none', ['none', 'real']),
    journalLimit: checkJournalLimit(args, o.journalLimit),
    world: {
      clusters: scenario.clusters,
      proxies: scenario.proxies,
      vpcEndpointServices: scenario.vpcEndpointServices,
      region: scenario.region ?? 'us-east-1',
    },
  };
  if (o.seed !== undefined) checked.seed = o.seed as string | number;
  if (o.now !== undefined) checked.now = o.now as () => number | Date;
  return checked;
}

function checkJournalLimit(args: ReturnType<typeof usage>, value: unknown): number {
  if (value === undefined) return DEFAULT_JOURNAL_LIMIT;
  if (value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && (value as number) >= 1)) return value as number;
  return args.fail(
    'options.journalLimit',
    `must be a whole number of at least 1, or Infinity; got ${typeof value === 'number' ? value : describeType(value)}.`,
  );
}

/** A timing, copied: `'immediate'`, `'manual'`, `{ observations: n }` or `{ afterMs: n }`. */
export function checkTiming(method: string, argument: string, timing: unknown): Timing {
  if (timing === 'immediate' || timing === 'manual') return timing;
  if (typeof timing === 'object' && timing !== null && !Array.isArray(timing)) {
    const keys = Object.keys(timing);
    const t = timing as Record<string, unknown>;
    const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    if (keys.length === 1 && keys[0] === 'observations' && whole(t.observations)) {
      return { observations: t.observations as number };
    }
    const duration = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    if (keys.length === 1 && keys[0] === 'afterMs' && duration(t.afterMs)) return { afterMs: t.afterMs as number };
  }
  return usage(method).fail(
    argument,
    `must be 'immediate', 'manual', { observations: n } or { afterMs: n } (n 0 or more; observations a whole number); got ${describeType(timing)}${typeof timing === 'object' && timing !== null ? ` with keys ${Object.keys(timing).join(', ') || '(none)'}` : ''}.`,
  );
}
