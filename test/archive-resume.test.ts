/**
 * kill -9 in the middle of a build: the manifest (with its journal) claims
 * only output pairs that are on disk as claimed, and the next build renders
 * exactly the records that were not finished.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, hattama } from './support/cli.js';
import { ROOT, writeSeedDrafts } from './support/seed.js';
import { readManifest } from '../src/archive/manifest.js';

const COUNT = 40;

describe('a build killed with SIGKILL', () => {
  it('leaves a manifest that claims only pairs it has, and the rerun renders only what was missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-kill-'));
    cpSync(join(ROOT, 'meetings'), join(dir, 'meetings'), { recursive: true });
    const names = writeSeedDrafts(join(dir, 'meetings'), COUNT);

    const child = spawn(process.execPath, [BIN, 'build', '-j', '2'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill as soon as the first outputs appear and two records are finished (claimed as they
    // finish, not only at the end), while the build is in full swing.
    const outputs = join(dir, 'out/2026');
    const journal = join(dir, 'out/.manifest.journal');
    const finished = (): number => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter((l) => l.includes('"r":"2026/') && !l.endsWith('"m":null}')).length : 0);
    for (;;) {
      if (existsSync(outputs) && readdirSync(outputs).some((f) => f.endsWith('.pdf')) && finished() >= 2) break;
      if (child.exitCode !== null) throw new Error('the build finished before it could be killed');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    // The build may run in a second process (bin/hattama.js starts it from the start-up snapshot),
    // which ends by itself within moments of its launcher: wait for the lock's holder to be gone.
    const lock = join(dir, 'out', '.hattama-build.lock');
    const holder = existsSync(lock) ? (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid : undefined;
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; holder !== undefined && alive(holder); waited += 20) {
      if (waited > 10_000) throw new Error(`the build process ${holder} outlived its killed launcher`);
      await new Promise((r) => setTimeout(r, 20));
    }

    const { manifest, problems } = await readManifest(join(dir, 'out'));
    expect(problems).toEqual([]);
    const claimed = Object.keys(manifest.records).filter((r) => r.startsWith('2026/'));
    // The finished records are kept (the manifest is not written only at the end).
    expect(claimed.length).toBeGreaterThanOrEqual(2);
    expect(claimed.length).toBeLessThan(COUNT);
    for (const [record, claim] of Object.entries(manifest.records)) {
      expect(Object.keys(claim.outputs).sort(), record).toEqual(['docx', 'pdf']);
      for (const [format, o] of Object.entries(claim.outputs)) {
        const file = join(dir, 'out', claim.entry.outputs[format as 'docx' | 'pdf']!);
        expect(existsSync(file), file).toBe(true);
        const s = statSync(file);
        expect([s.size, s.mtimeMs], file).toEqual([o.size, o.mtimeMs]);
        if (o.sha256) expect(createHash('sha256').update(readFileSync(file)).digest('hex'), file).toBe(o.sha256);
      }
    }

    const rerun = hattama(['build', '-j', '2'], { cwd: dir });
    expect(rerun.code, rerun.stderr).toBe(0);
    const rebuilt = rerun.stdout.split('\n').filter((l) => l.startsWith('built meetings/2026/')).map((l) => l.slice('built meetings/'.length));
    expect(rebuilt.sort()).toEqual(names.filter((n) => !claimed.includes(n)).sort());
    expect(rerun.stderr).toContain(`${COUNT + 1} records:`);
    // Every record's pair is now in place and claimed, and the journal is gone.
    const after = await readManifest(join(dir, 'out'));
    expect(Object.keys(after.manifest.records).filter((r) => r.startsWith('2026/')).sort()).toEqual([...names].sort());
    expect(existsSync(join(dir, 'out/.manifest.journal'))).toBe(false);
  });
});
