import { spawnSync } from 'node:child_process';

export interface CommandResult {
  status: number | null;
  output: string;
}

/**
 * The environment for commands in the temporary project: the caller's, minus what `npm test` adds for
 * its own package (so a nested npm or test runner acts as in a fresh shell), with colours off.
 */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_/.test(name) || name === 'npm_config_local_prefix' || name.startsWith('VITEST'))
      continue;
    env[name] = value;
  }
  env.NO_COLOR = '1';
  env.FORCE_COLOR = '0';
  return env;
}

/** Run a command to completion; stdout and stderr together, for assertions and failure messages. */
export function run(command: string, args: string[], cwd: string): CommandResult {
  const result = spawnSync(command, args, { cwd, env: cleanEnvironment(), encoding: 'utf8', timeout: 180_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}` };
}

/** Run a command that must succeed, or throw with its output. */
export function mustRun(command: string, args: string[], cwd: string): string {
  const { status, output } = run(command, args, cwd);
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${status}:\n${output}`);
  return output;
}
