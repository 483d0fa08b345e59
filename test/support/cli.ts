import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './seed.js';

export const BIN = join(ROOT, 'bin', 'hattama.js');

/**
 * The environment a test's CLI runs in: the caller's, with the locale fixed to
 * C (English messages), so no test depends on the machine's LANG. A test that
 * passes `env` chooses its own locale.
 */
export function cliEnv(): NodeJS.ProcessEnv {
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANGUAGE: _language, ...rest } = process.env;
  return { ...rest, LANG: 'C' };
}

/** Runs the built CLI and returns its exit code and output (locale C unless `env` is given). */
export function hattama(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? cliEnv(),
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
