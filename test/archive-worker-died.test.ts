/**
 * A build worker that dies (an exit, out of memory at its resource limits):
 * its records in hand are rendered again, the build ends with its summary
 * and index, and every record printed as built is claimed in the manifest.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { ROOT, writeSeedDrafts } from './support/seed.js';
import { readManifest } from '../src/archive/manifest.js';

// Enough records for one worker thread besides the build's own (workerCount: one per 40).
const COUNT = 44;

describe('a build worker that dies', () => {
  it('loses nothing: exit 0, every record built and claimed, a warning, and the next build finds all unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-worker-'));
    cpSync(join(ROOT, 'meetings'), join(dir, 'meetings'), { recursive: true });
    const names = writeSeedDrafts(join(dir, 'meetings'), COUNT);
    const env = { ...process.env, HATTAMA_TEST_WORKER_EXIT_AFTER: '3', HATTAMA_NO_SNAPSHOT: '1' };
    const first = hattama(['build', '-j', '2', '-f', 'docx'], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('[build/worker-died]');
    expect(first.stderr).not.toContain('internal');
    const built = first.stdout.split('\n').filter((l) => l.startsWith('built meetings/2026/')).map((l) => l.slice('built meetings/'.length));
    expect(built.sort()).toEqual([...names].sort());
    expect(first.stderr).toMatch(new RegExp(`${COUNT + 1} records: ${COUNT + 1} built, 0 unchanged, 0 failed`));
    const { manifest } = await readManifest(join(dir, 'out'));
    expect(Object.keys(manifest.records).filter((r) => r.startsWith('2026/')).sort()).toEqual([...names].sort());
    expect(existsSync(join(dir, 'out/index.html'))).toBe(true);
    expect(existsSync(join(dir, 'out/.manifest.journal'))).toBe(false);

    const second = hattama(['build', '-j', '2', '-f', 'docx'], { cwd: dir, env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`${COUNT + 1} records: 0 built, ${COUNT + 1} unchanged, 0 failed`));
  });
});

describe('build worker threads', () => {
  it("word their diagnostics in the build's language", () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-worker-lang-'));
    cpSync(join(ROOT, 'meetings'), join(dir, 'meetings'), { recursive: true });
    // Every record lacks a quorum (7 of 20), so every one, wherever rendered, warns.
    writeSeedDrafts(join(dir, 'meetings'), COUNT, (t) => t.replace('  present: 7', '  present: 7\n  members: 20'));
    const r = hattama(['--lang', 'kk', 'build', '-j', '2', '-f', 'docx'], { cwd: dir, env: { ...process.env, HATTAMA_NO_SNAPSHOT: '1' } });
    const quorum = r.stderr.split('\n').filter((l) => l.includes('[rule/quorum]'));
    expect(quorum).toHaveLength(COUNT);
    expect(quorum.filter((l) => /no quorum/.test(l)), 'English warnings').toEqual([]);
  });
});
