import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { LoadGenerator, LoadResult } from './server-load.js';

const SCRIPT = join(import.meta.dirname, 'server-wrk.lua');

/**
 * wrk (https://github.com/wg/wrk; Debian: `apt-get install wrk`), one thread, driven by bench/server-wrk.lua:
 * written in C on epoll, it leaves nearly all the CPU to the server it measures. Undefined when wrk is not on
 * the PATH.
 */
export function wrkGenerator(): LoadGenerator | undefined {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (probe.error) return undefined;
  const version = /wrk\s+(\S+)/.exec(`${probe.stdout}${probe.stderr}`)?.[1] ?? '';
  return {
    name: `wrk ${version} (one thread, ${SCRIPT.replace(/.*\/bench\//, 'bench/')})`.replace('  ', ' '),
    run: (url, workload, concurrency, durationMs) => {
      const env = {
        ...process.env,
        FK_MODE: workload.kind,
        FK_TARGET: workload.kind === 'repeat' ? workload.request.target : '',
        FK_BODY: workload.kind === 'repeat' ? workload.request.body : workload.template,
      };
      // wrk counts whole seconds; a slow server's answers (moto's CreateKey takes seconds) are late, not lost.
      const seconds = Math.max(1, Math.round(durationMs / 1000));
      const args = ['-t1', `-c${concurrency}`, `-d${seconds}s`, '--timeout', '30s', '-s', SCRIPT, `${url}/`];
      return new Promise<LoadResult>((resolve, reject) => {
        const child = spawn('wrk', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.on('error', reject);
        child.on('exit', () => {
          const line = /FK_RESULT (\{.*\})/.exec(out)?.[1];
          if (!line) return reject(new Error(`wrk printed no result:\n${out}`));
          const r = JSON.parse(line) as Record<'requests' | 'microseconds' | 'errors' | 'p50' | 'p90' | 'p99', number>;
          resolve({
            requests: r.requests,
            errors: r.errors,
            seconds: r.microseconds / 1e6,
            p50: r.p50 / 1000,
            p90: r.p90 / 1000,
            p99: r.p99 / 1000,
          });
        });
      });
    },
  };
}
