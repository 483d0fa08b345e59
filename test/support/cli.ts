import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './seed.js';

export const BIN = join(ROOT, 'bin', 'hattama.js');

/** Runs the built CLI and returns its exit code and output. */
export function hattama(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
