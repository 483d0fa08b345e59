/**
 * `hattama build | head -1`: a reader that goes away early. The build
 * finishes its work and ends as it would have, without a stack trace, with
 * and without the start-up snapshot.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cliEnv } from './support/cli.js';
import { ROOT, writeSeedDrafts } from './support/seed.js';

describe('a build whose output reader goes away', () => {
  it.each([['from the start-up snapshot when there is one', {}], ['from the bundle', { HATTAMA_NO_SNAPSHOT: '1' }]])('%s: finishes, exit 0, no stack trace', async (_, env) => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-pipe-'));
    try {
      cpSync(join(ROOT, 'meetings'), join(dir, 'meetings'), { recursive: true });
      writeSeedDrafts(join(dir, 'meetings'), 5);
      const child = spawn(process.execPath, [BIN, 'build'], { cwd: dir, env: { ...cliEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      // Like `head -1`: read the first line, then close the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
      expect(stderr).toMatch(/6 records: 6 built, 0 unchanged, 0 failed/);
      expect(code).toBe(0);
      expect(existsSync(join(dir, 'out', '2026', '2026-01-09-board-of-trustees-05.pdf'))).toBe(true);

      // Like `2>&1 | head -1`: both streams into one pipe, closed after the first line.
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      const both = spawn(process.execPath, [BIN, 'build'], { cwd: dir, env: { ...cliEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      const closeBoth = (): void => {
        both.stdout.destroy();
        both.stderr.destroy();
      };
      both.stdout.once('data', closeBoth);
      both.stderr.once('data', closeBoth);
      const bothCode = await new Promise<number | null>((done) => both.on('close', (c) => done(c)));
      expect(bothCode).toBe(0);
      expect(existsSync(join(dir, 'out', '2026', '2026-01-09-board-of-trustees-05.pdf'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
