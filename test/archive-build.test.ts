/**
 * The archive build as CI runs it: what it rebuilds, what it publishes, what
 * it refuses. Each case guards a way a published archive could go wrong.
 */
import { describe, expect, it, beforeEach } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cliEnv, hattama } from './support/cli.js';
import { ROOT } from './support/seed.js';

const SEED = '2025/2025-12-25-board-of-trustees-02';
let dir: string;

beforeEach(() => {
  // The real archive: the signed, sealed seed with its ledger and kept copies.
  dir = mkdtempSync(join(tmpdir(), 'hattama-archive-'));
  cpSync(join(ROOT, 'meetings'), join(dir, 'meetings'), { recursive: true });
  const r = hattama(['build'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
});

const index = (): { meetings: { record: string; number: number }[] } => JSON.parse(readFileSync(join(dir, 'out/index.json'), 'utf8'));
const draft = (number: number, date: string): string =>
  readFileSync(join(dir, 'meetings', `${SEED}.yaml`), 'utf8').replace('number: 2', `number: ${number}`).replace('date: 2025-12-25', `date: ${date}`).replace('status: signed', 'status: draft');

describe('hattama build', () => {
  it('rebuilds exactly the changed record, and says so', () => {
    writeFileSync(join(dir, 'meetings/2025/a.yaml'), draft(3, '2025-12-28'));
    writeFileSync(join(dir, 'meetings/2025/b.yaml'), draft(4, '2025-12-29'));
    expect(hattama(['build'], { cwd: dir }).stderr).toMatch(/3 records: 2 built, 1 unchanged, 0 failed/);
    writeFileSync(join(dir, 'meetings/2025/b.yaml'), draft(4, '2025-12-30'));
    const r = hattama(['build'], { cwd: dir });
    expect(r.stdout).toBe('built meetings/2025/b.yaml\n');
    expect(r.stderr).toMatch(/3 records: 1 built, 2 unchanged, 0 failed/);
  });

  it('rebuilds when SOURCE_DATE_EPOCH or --strict changes, and shows an unchanged record’s warnings again', () => {
    writeFileSync(join(dir, 'meetings/2025/a.yaml'), draft(3, '2025-12-28').replace('  present: 7', '  present: 7\n  members: 15'));
    expect(hattama(['build'], { cwd: dir }).stderr).toContain('warning: no quorum');
    const again = hattama(['build'], { cwd: dir });
    expect(again.stderr).toMatch(/0 built, 2 unchanged/);
    expect(again.stderr).toContain('meetings/2025/a.yaml:11:12: warning: no quorum: 7 of 15 members present, 10 needed [rule/quorum]');
    const strict = hattama(['build', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/2 records: 0 built, 1 unchanged, 1 failed/);
    const env = { ...cliEnv(), SOURCE_DATE_EPOCH: '1767225600' };
    expect(hattama(['build'], { cwd: dir, env }).stderr).toMatch(/2 records: 1 built, 1 unchanged/);
  });

  it('removes the files of a deleted record from out/ and from the index', () => {
    writeFileSync(join(dir, 'meetings/2025/a.yaml'), draft(3, '2025-12-28'));
    hattama(['build'], { cwd: dir });
    expect(existsSync(join(dir, 'out/2025/a.pdf'))).toBe(true);
    rmSync(join(dir, 'meetings/2025/a.yaml'));
    expect(hattama(['build'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'out/2025/a.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'out/2025/a.docx'))).toBe(false);
    expect(index().meetings.map((m) => m.record)).toEqual([`${SEED}.yaml`]);
  });

  it('keeps a record’s last good files and index entry while it is broken', () => {
    writeFileSync(join(dir, 'meetings/2025/a.yaml'), draft(3, '2025-12-28'));
    hattama(['build'], { cwd: dir });
    const pdf = readFileSync(join(dir, 'out/2025/a.pdf'));
    writeFileSync(join(dir, 'meetings/2025/a.yaml'), draft(3, '2025-02-30'));
    const r = hattama(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'out/2025/a.pdf')).equals(pdf)).toBe(true);
    expect(index().meetings.map((m) => m.record)).toContain('2025/a.yaml');
  });

  it('does not publish an edited sealed record as the signed minutes', () => {
    const sealedPdf = readFileSync(join(dir, 'meetings/sealed', `${SEED}.pdf`));
    const file = join(dir, 'meetings', `${SEED}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('present: 7', 'present: 8'));
    const r = hattama(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/${SEED}.yaml: error: changed since it was sealed (entry 1)`);
    expect(readFileSync(join(dir, 'out', `${SEED}.pdf`)).equals(sealedPdf)).toBe(true);
  });

  it('fails, publishing nothing from it, on a forged ledger entry', () => {
    rmSync(join(dir, 'out'), { recursive: true });
    const forged = Buffer.from('%PDF-1.4 forged');
    writeFileSync(join(dir, 'meetings/sealed', `${SEED}.pdf`), forged);
    const ledger = join(dir, 'meetings/seals.jsonl');
    const entry = JSON.parse(readFileSync(ledger, 'utf8')) as { outputs: { pdf: { sha256: string } } };
    entry.outputs.pdf.sha256 = createHash('sha256').update(forged).digest('hex');
    writeFileSync(ledger, JSON.stringify(entry) + '\n');
    const r = hattama(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[seal/entry-changed]');
    expect(existsSync(join(dir, 'out', `${SEED}.pdf`))).toBe(false);
  });

  it('refuses a second build on the same out/ while the first runs, and takes over a stale lock', () => {
    // A lock held by a live process (this test runner).
    writeFileSync(join(dir, 'out/.hattama-build.lock'), JSON.stringify({ pid: process.pid, since: '2026-11-24T10:00:00Z' }));
    const locked = hattama(['build'], { cwd: dir });
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain(`error: another hattama build (process ${process.pid}, started 2026-11-24T10:00:00Z) is writing to this output folder`);
    // A lock left by a build that was killed: its process is gone.
    writeFileSync(join(dir, 'out/.hattama-build.lock'), JSON.stringify({ pid: 2 ** 22 + 7, since: '2026-11-24T10:00:00Z' }));
    expect(hattama(['build'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'out/.hattama-build.lock'))).toBe(false);
  });

  it('clears temporary files a killed build left, and explains an --out that is a file', () => {
    mkdirSync(join(dir, 'out/2025'), { recursive: true });
    writeFileSync(join(dir, 'out/2025/.x.pdf.new.123.abcd1234.tmp'), 'half');
    expect(hattama(['build'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'out/2025/.x.pdf.new.123.abcd1234.tmp'))).toBe(false);
    writeFileSync(join(dir, 'afile'), 'x');
    const r = hattama(['build', 'meetings', '--out', 'afile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: the output folder "afile" is a file; nothing was built');
  });
});
