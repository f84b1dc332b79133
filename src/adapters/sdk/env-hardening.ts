/**
 * Environment the SDK reads lazily, at call time, for clients that were not given everything explicitly.
 * While any fake wires a client it did not build (attach, install), unset variables get safe values:
 * no EC2 metadata look-ups, and a Region for clients that have none. Values the user set are never
 * touched, and everything is put back when the last wiring is released.
 */
const holders = new Set<object>();
let saved: Record<string, string | undefined> | undefined;

export function hardenEnvironment(holder: object, region: string): void {
  holders.add(holder);
  if (saved) return;
  saved = {};
  const wanted: Record<string, string> = {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  if (!process.env.AWS_REGION && !process.env.AWS_DEFAULT_REGION) wanted.AWS_REGION = region;
  for (const [name, value] of Object.entries(wanted)) {
    if (process.env[name] !== undefined) continue;
    saved[name] = process.env[name];
    process.env[name] = value;
  }
}

export function releaseEnvironment(holder: object): void {
  if (!holders.delete(holder) || holders.size > 0 || !saved) return;
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  saved = undefined;
}
