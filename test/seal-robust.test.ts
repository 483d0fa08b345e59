/**
 * `seal` and `verify` go on past a broken record (issue 10, item 4): an
 * undefined alias, a YAML syntax error or a schema error in one record is
 * reported, and every other record is still sealed or checked. Verify is
 * about sealed minutes: a broken draft beside a sealed archive is a warning,
 * not a failure. And `seal` lists what it will seal and, on a terminal, asks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cliEnv, hattama } from './support/cli.js';
import { SEED_RECORD } from './support/seed.js';

const SEED = '2025/2025-12-25-board-of-trustees-02';
const LATER = '2025/2025-12-29-board-of-trustees-03';
const LEDGER = 'meetings/seals.jsonl';
/** Seal runs here as in CI: git is not asked (no repository), so the records are what is tested. */
const seed = readFileSync(SEED_RECORD, 'utf8');
const later = seed.replace('number: 2', 'number: 3').replace('date: 2025-12-25', 'date: 2025-12-29');

/** Records that cannot be read or are invalid, each a different way. */
const BROKEN: Record<string, string> = {
  'draft-alias.yaml': 'hattama: 1\nstatus: draft\nchair: *nobody\n',
  'draft-syntax.yaml': 'hattama: 1\nstatus: draft\nchair: [Аметов\n',
  'draft-schema.yaml': seed.replace('status: signed', 'status: draft').replace('number: 2', 'number: many'),
  'signed-alias.yaml': 'hattama: 1\nstatus: signed\nchair: *nobody\n',
};

let base: string;
beforeAll(() => {
  // The seed, signed, built and sealed; a later signed meeting, built but not sealed yet.
  base = mkdtempSync(join(tmpdir(), 'hattama-robust-base-'));
  mkdirSync(join(base, 'meetings', '2025'), { recursive: true });
  writeFileSync(join(base, 'meetings', `${SEED}.yaml`), seed);
  expect(hattama(['build'], { cwd: base }).code).toBe(0);
  expect(hattama(['seal', '--yes'], { cwd: base }).code).toBe(0);
  writeFileSync(join(base, 'meetings', `${LATER}.yaml`), later);
  expect(hattama(['build'], { cwd: base }).code).toBe(0);
});

function archive(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hattama-robust-'));
  cpSync(base, dir, { recursive: true });
  return dir;
}
const withBroken = (dir: string, names: readonly string[]): void => {
  for (const n of names) writeFileSync(join(dir, 'meetings', '2025', n), BROKEN[n]!);
};
const unreadable = (name: string, severity: 'warning' | 'error'): RegExp => new RegExp(`meetings/2025/${name.replace('.', '\\.')}(:\\d+:\\d+)?: ${severity}: cannot be read as a record`);

describe('a broken record beside a sealed archive', () => {
  it('does not make verify fail: it is a warning, and every sealed record is still checked', () => {
    const dir = archive();
    withBroken(dir, ['draft-alias.yaml', 'draft-syntax.yaml', 'draft-schema.yaml']);
    let r = hattama(['verify'], { cwd: dir });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(unreadable('draft-alias.yaml', 'warning'));
    expect(r.stderr).toMatch(/meetings\/2025\/draft-syntax\.yaml:3:8: warning: cannot be read as a record; it is not sealed, so verify, which checks sealed minutes, goes on without it \(hattama validate meetings\/2025\/draft-syntax\.yaml shows the problem\) \[seal\/record-unreadable\]/);
    // A draft that parses but is invalid is validate's business, not verify's.
    expect(r.stderr).not.toContain('draft-schema.yaml');
    expect(r.stderr).toMatch(/meetings\/2025\/2025-12-29-board-of-trustees-03\.yaml:\d+:1: warning: signed but not sealed yet/);
    expect(r.stderr).toContain('meetings/seals.jsonl: 1 entry checked: verified, 0 errors, 3 warnings\n');
    expect(r.code).toBe(0);
    // And the sealed record is still checked: a change to it fails, broken drafts or not.
    const record = join(dir, 'meetings', `${SEED}.yaml`);
    writeFileSync(record, readFileSync(record, 'utf8').replace('present: 7', 'present: 6'));
    r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/${SEED}.yaml: error: changed since it was sealed (entry 1 of meetings/seals.jsonl, line 1)`);
  });

  it('does not stop seal: the others are sealed, a broken draft is a warning, a broken signed record an error', () => {
    const dir = archive();
    withBroken(dir, ['draft-alias.yaml', 'draft-syntax.yaml', 'draft-schema.yaml']);
    let r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr).toMatch(unreadable('draft-alias.yaml', 'warning'));
    expect(r.stderr).toMatch(/meetings\/2025\/draft-syntax\.yaml:3:8: warning: cannot be read as a record, so whether it is signed is unknown; not sealed/);
    // Without a terminal (as in CI), seal lists what it seals and does not ask.
    expect(r.stdout).toContain(`to seal (once sealed, minutes are never changed, only corrected by a new record with "amends"):\n  meetings/${LATER}.yaml → entry 2\n`);
    expect(r.stdout).toContain(`sealed meetings/${LATER}.yaml (entry 2)`);
    expect(r.stderr).toContain('5 records: 1 sealed, 1 already sealed, 0 not sealed, 1 not signed, 2 unreadable\n');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, LEDGER), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);

    // Signed minutes that cannot be read are not sealed, and that fails seal (but nothing else is held up).
    withBroken(dir, ['signed-alias.yaml']);
    r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.stderr).toMatch(unreadable('signed-alias.yaml', 'error'));
    expect(r.stderr).toContain('6 records: 0 sealed, 2 already sealed, 1 not sealed, 1 not signed, 2 unreadable\n');
    expect(r.code).toBe(1);
    expect(hattama(['verify'], { cwd: dir }).code).toBe(0);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('seal on a terminal', () => {
  it.skipIf(!hasScript)('on a terminal, asks first: no seals nothing; --yes does not ask', () => {
    const dir = archive();
    const before = readFileSync(join(dir, LEDGER));
    /** Runs `hattama seal` on a pseudo-terminal (util-linux script), typing `answer`. */
    const onTerminal = (answer: string, ...args: string[]): { code: number | null; out: string } => {
      const r = spawnSync('script', ['-qec', [process.execPath, BIN, 'seal', ...args].join(' '), '/dev/null'], { cwd: dir, env: cliEnv(), input: answer, encoding: 'utf8' });
      return { code: r.status, out: r.stdout };
    };
    let r = onTerminal('n\n');
    expect(r.out).toContain(`meetings/${LATER}.yaml → entry 2`);
    expect(r.out).toContain('Seal 1 record? [y/N]');
    expect(r.out).toContain('nothing was sealed');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, LEDGER)).equals(before)).toBe(true);
    r = onTerminal('', '--yes');
    expect(r.out).not.toContain('[y/N]');
    expect(r.out).toContain(`sealed meetings/${LATER}.yaml (entry 2)`);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, LEDGER), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('a record that is a symbolic link', () => {
  it('is an error in validate and in verify, never skipped, even as a byte-identical copy of a sealed record', () => {
    const dir = archive();
    const outside = mkdtempSync(join(tmpdir(), 'hattama-outside-'));
    const sealed = join(dir, 'meetings', `${SEED}.yaml`);
    writeFileSync(join(outside, 'rec.yaml'), readFileSync(sealed));
    rmSync(sealed);
    symlinkSync(join(outside, 'rec.yaml'), sealed);
    const link = `meetings/${SEED}.yaml: error: is a symbolic link`;
    const verify = hattama(['verify'], { cwd: dir });
    expect(verify.stderr).toContain(link);
    expect(verify.code).toBe(1);
    const validate = hattama(['validate', 'meetings'], { cwd: dir });
    expect(validate.stderr).toContain(link);
    expect(validate.stderr).toContain('2 records checked: 1 invalid');
    expect(validate.code).toBe(1);
    const seal = hattama(['seal', '--yes'], { cwd: dir });
    expect(seal.stderr).toContain(link);
    expect(seal.code).toBe(1);
  });
});
