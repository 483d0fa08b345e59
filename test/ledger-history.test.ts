/**
 * Forged history (issue 10, item 1), through the CLI on real git repositories
 * in temporary folders: each attack from the issue makes `hattama verify`
 * exit 1 and name what happened; the unchanged sealed archive, and one whose
 * ledger only grew, verify.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { SEED_RECORD } from './support/seed.js';

const SEED = '2025/2025-12-25-board-of-trustees-02';
const SECOND = '2025/2025-12-29-board-of-trustees-03';
const LEDGER = 'meetings/seals.jsonl';
const NO_GIT = { ...process.env, PATH: '/nonexistent' };

/** Runs git in `dir` with fixed identity and no user configuration in the way. */
function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const commit = (dir: string, message: string): string => {
  git(dir, 'add', '-A', '.');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', '--short=7', 'HEAD').trim();
};

const hasGit = spawnSync('git', ['--version']).status === 0;
const sha = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const ledgerLines = (dir: string): string[] => readFileSync(join(dir, LEDGER), 'utf8').split('\n').filter(Boolean);
const writeLedger = (dir: string, lines: readonly string[]): void => writeFileSync(join(dir, LEDGER), lines.map((l) => l + '\n').join(''));
/** An entry as a forger recomputes it: the line without "hash", compact JSON, SHA-256. */
const rehash = (entry: Record<string, unknown>): Record<string, unknown> => {
  const { hash: _, ...body } = entry;
  return { ...body, hash: sha(JSON.stringify(body)) };
};
const today = new Date().toISOString().slice(0, 10);

let base: string;
beforeAll(() => {
  if (!hasGit) return;
  // Two signed meetings, built, sealed and built again (so out/ holds the published head), in a git
  // repository whose history shows the ledger growing: one entry, then two.
  base = mkdtempSync(join(tmpdir(), 'hattama-history-base-'));
  mkdirSync(join(base, 'meetings', '2025'), { recursive: true });
  const seed = readFileSync(SEED_RECORD, 'utf8');
  expect(seed).toMatch(/^status: signed$/m);
  writeFileSync(join(base, 'meetings', `${SEED}.yaml`), seed);
  writeFileSync(join(base, 'meetings', `${SECOND}.yaml`), seed.replace('number: 2', 'number: 3').replace('date: 2025-12-25', 'date: 2025-12-29'));
  expect(hattama(['build'], { cwd: base }).code).toBe(0);
  expect(hattama(['seal', '--yes'], { cwd: base, env: NO_GIT }).stderr).toBe('2 records: 2 sealed, 0 already sealed, 0 not sealed, 0 not signed\n');
  expect(hattama(['build'], { cwd: base }).code).toBe(0);
  writeFileSync(join(base, '.gitignore'), 'out/\n');
  git(base, 'init', '-q');
  const full = ledgerLines(base);
  writeLedger(base, full.slice(0, 1));
  commit(base, 'Seal the minutes of 25 December');
  writeLedger(base, full);
  commit(base, 'Seal the minutes of 29 December');
});

/** A fresh copy of the sealed, committed archive. */
function archive(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hattama-history-'));
  cpSync(base, dir, { recursive: true });
  return dir;
}

/**
 * The forgery verify must catch: the sealed seed edited, rendered again, its
 * files replaced, its ledger entry recomputed and the entry after it re-chained.
 */
function forgeSeedEntry(dir: string): { one: Record<string, unknown>; forged1: Record<string, unknown>; forged2: Record<string, unknown> } {
  const record = join(dir, 'meetings', `${SEED}.yaml`);
  writeFileSync(record, readFileSync(record, 'utf8').replace('present: 7', 'present: 6'));
  const fresh = mkdtempSync(join(tmpdir(), 'hattama-forged-'));
  expect(hattama(['render', `meetings/${SEED}.yaml`, '--out', fresh], { cwd: dir }).code).toBe(0);
  const [one, two] = ledgerLines(dir).map((l) => JSON.parse(l) as Record<string, unknown>);
  const outputs: Record<string, { path: string; sha256: string }> = {};
  for (const f of ['docx', 'pdf']) {
    const bytes = readFileSync(join(fresh, `${SEED.split('/')[1]}.${f}`));
    for (const place of ['meetings/sealed', 'out']) writeFileSync(join(dir, place, `${SEED}.${f}`), bytes);
    outputs[f] = { path: `${SEED}.${f}`, sha256: sha(bytes) };
  }
  const forged1 = rehash({ ...one, recordSha256: sha(readFileSync(record)), outputs });
  const forged2 = rehash({ ...two, prev: forged1['hash'] });
  writeLedger(dir, [JSON.stringify(forged1), JSON.stringify(forged2)]);
  return { one: one!, forged1, forged2 };
}

describe.skipIf(!hasGit)('verify against the git history and the published head', () => {
  it('passes on the unchanged sealed archive, saying what it checked', () => {
    const r = hattama(['verify'], { cwd: archive() });
    expect(r.stderr).toBe('meetings/seals.jsonl: 2 entries checked: verified, 0 errors, 0 warnings\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('history: meetings/seals.jsonl only grew across the 2 commits that changed it (git)\n');
    expect(r.stdout).toContain('head: the ledger still holds the head published in out/ledger-head.json (entry 2)\n');
    expect(JSON.parse(readFileSync(join(archive(), 'out', 'index.json'), 'utf8')).ledger).toEqual({ head: JSON.parse(ledgerLines(base)[1]!).hash, entries: 2 });
  });

  it('catches an edited record rendered again, its entry recomputed and the entries after it re-chained', () => {
    const dir = archive();
    const { one, forged1, forged2 } = forgeSeedEntry(dir);
    const head = join(dir, 'out', 'ledger-head.json');
    const published = readFileSync(head);

    // Without git and without a published head, the forged ledger is whole: nothing can tell.
    const bare = mkdtempSync(join(tmpdir(), 'hattama-bare-'));
    cpSync(dir, bare, { recursive: true, filter: (src) => !src.endsWith('.git') && !src.endsWith('ledger-head.json') });
    expect(hattama(['verify'], { cwd: bare }).code).toBe(0);

    // The head the last build published still names the original entry 2.
    let r = hattama(['verify'], { cwd: dir, env: NO_GIT });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `out/ledger-head.json: error: the head the last build published in out/ledger-head.json is entry 2 (${JSON.parse(published.toString()).head.slice(0, 12)}…), but entry 2 of meetings/seals.jsonl is now ${String(forged2['hash']).slice(0, 12)}… (line 2): the ledger was rewritten since it was published [seal/head]`,
    );
    expect(r.stdout).toContain("history: git is not installed; the ledger's history was not checked");

    // Committed, with no published head: git history names the commit.
    rmSync(head);
    const id = commit(dir, 'Fix a typo');
    r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `meetings/seals.jsonl:1:1: error: commit ${id} (${today}, "Fix a typo") rewrote entries 1–2 of meetings/seals.jsonl (entry 1: ${SEED}.yaml was sealed with SHA-256 ${String(one!['recordSha256']).slice(0, 12)}… and is now in the ledger with ${String(forged1['recordSha256']).slice(0, 12)}…: the record was changed after it was sealed, and the ledger made anew). A ledger only ever grows: sealed minutes were unsealed or forged there; its version before that is git show ${id}^:meetings/seals.jsonl [seal/history]`,
    );
  });

  it('follows the ledger when the commit that forges it also moves the archive to another folder', () => {
    const dir = archive();
    forgeSeedEntry(dir);
    rmSync(join(dir, 'out', 'ledger-head.json'));
    mkdirSync(join(dir, 'arch'));
    for (const f of ['meetings', 'out']) renameSync(join(dir, f), join(dir, 'arch', f));
    const id = commit(dir, 'Move the archive');
    const r = hattama(['verify'], { cwd: join(dir, 'arch') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: commit ${id} (${today}, "Move the archive") rewrote entries 1–2 of meetings/seals.jsonl`);
  });

  it('catches an edited record sealed anew after the ledger and sealed/ were deleted, and committed', () => {
    const dir = archive();
    const record = join(dir, 'meetings', `${SEED}.yaml`);
    writeFileSync(record, readFileSync(record, 'utf8').replace('present: 7', 'present: 6'));
    for (const p of [LEDGER, 'meetings/sealed', 'out']) rmSync(join(dir, p), { recursive: true });
    expect(hattama(['build'], { cwd: dir }).code).toBe(0);
    // hattama seal itself will not make the ledger anew where git knows the old one.
    let r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl: error: the working tree (not committed) deleted the ledger meetings/seals.jsonl (it held 2 entries).');
    expect(r.stderr).toContain('nothing was sealed');
    // Sealed where git cannot be asked, then committed.
    expect(hattama(['seal', '--yes'], { cwd: dir, env: NO_GIT }).code).toBe(0);
    const id = commit(dir, 'Seal again');
    r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/seals.jsonl:1:1: error: commit ${id} (${today}, "Seal again") rewrote entries 1–2 of meetings/seals.jsonl (entry 1: ${SEED}.yaml was sealed with SHA-256`);
    expect(r.stderr).toContain('the record was changed after it was sealed, and the ledger made anew');
    expect(r.stderr).toContain('meetings/seals.jsonl: 2 entries checked: FAILED, 1 error, 0 warnings');
  });

  it('catches the last entry deleted with its files, in the working tree and once committed', () => {
    const dir = archive();
    writeLedger(dir, ledgerLines(dir).slice(0, 1));
    for (const p of [`meetings/${SECOND}.yaml`, `meetings/sealed/${SECOND}.docx`, `meetings/sealed/${SECOND}.pdf`, `out/${SECOND}.docx`, `out/${SECOND}.pdf`]) rmSync(join(dir, p));
    let r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl: error: the working tree (not committed) removed entry 2 of meetings/seals.jsonl. A ledger only ever grows');
    expect(r.stderr).toContain('the committed version is git show HEAD:meetings/seals.jsonl (git checkout restores it) [seal/history]');
    expect(r.stderr).toContain('out/ledger-head.json: error: the head the last build published in out/ledger-head.json is entry 2');
    expect(r.stderr).toContain('but meetings/seals.jsonl now has 1 entry: sealed entries were removed since it was published [seal/head]');
    const published = readFileSync(join(dir, 'out', 'ledger-head.json'));
    const built = hattama(['build'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(built.stderr).toContain('the published head was kept (if out belonged to another archive, delete out/ledger-head.json)');
    expect(readFileSync(join(dir, 'out', 'ledger-head.json')).equals(published)).toBe(true);

    rmSync(join(dir, 'out', 'ledger-head.json'));
    const id = commit(dir, 'Tidy up');
    r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/seals.jsonl: error: commit ${id} (${today}, "Tidy up") removed entry 2 of meetings/seals.jsonl. A ledger only ever grows`);
  });

  it('catches the whole ledger deleted, and accepts it restored in a later commit', () => {
    const dir = archive();
    rmSync(join(dir, LEDGER));
    rmSync(join(dir, 'meetings', 'sealed'), { recursive: true });
    const id = commit(dir, 'Remove old files');
    let r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/seals.jsonl: error: commit ${id} (${today}, "Remove old files") deleted the ledger meetings/seals.jsonl (it held 2 entries). A ledger only ever grows`);
    // Restored as it was: the ledger again holds every entry ever committed.
    git(dir, 'checkout', `${id}^`, '--', 'meetings/seals.jsonl', 'meetings/sealed');
    const restored = commit(dir, 'Restore the ledger');
    r = hattama(['verify'], { cwd: dir });
    expect(r.stderr).toBe('meetings/seals.jsonl: 2 entries checked: verified, 0 errors, 0 warnings\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`history: commit ${id} (${today}, "Remove old files") deleted the ledger meetings/seals.jsonl (it held 2 entries); commit ${restored} (${today}, "Restore the ledger") restored it`);
  });

  it('refuses a ledger line with a duplicated key, in verify and in seal', () => {
    const dir = archive();
    const lines = ledgerLines(dir);
    const twin = lines[1]!.replace(/("record":"[^"]+")/, `$1,"record":"${SEED}.yaml"`);
    writeLedger(dir, [lines[0]!, twin]);
    const column = twin.indexOf('"record"', twin.indexOf('"record"') + 1) + 1;
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/seals.jsonl:2:${column}: error: not a ledger entry: the key "record" appears twice in this line (first at column 10)`);
    const s = hattama(['seal', '--yes'], { cwd: dir });
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('meetings/seals.jsonl: the ledger is damaged; nothing was sealed');
  });

  it('checks a head kept in hattama.yaml (ledger.head) and one given with --head', () => {
    const dir = archive();
    const [one, two] = ledgerLines(dir).map((l) => JSON.parse(l) as { hash: string });
    writeFileSync(join(dir, 'hattama.yaml'), `ledger:\n  head: "${two!.hash}"\n`);
    writeLedger(dir, ledgerLines(dir).slice(0, 1));
    rmSync(join(dir, 'out', 'ledger-head.json'));
    const r = hattama(['verify', '--head', one!.hash], { cwd: dir, env: NO_GIT });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/seals.jsonl: error: the head kept in hattama.yaml (ledger.head), ${two!.hash}, is not in the ledger: entries sealed up to it were removed or rewritten since it was published [seal/head]`);
    expect(r.stdout).toContain('head: the head given with --head is entry 1 (line 1); 0 sealed after it');
    writeFileSync(join(dir, 'hattama.yaml'), 'ledger:\n  head: 12345\n');
    const bad = hattama(['verify'], { cwd: dir, env: NO_GIT });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/hattama\.yaml:2:9: error: ledger\.head must be a head hash as printed by hattama seal or verify: 64 hex digits, in quotes \[config\]/);
  });
});
