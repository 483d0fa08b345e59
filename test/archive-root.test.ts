/**
 * One archive root for every command (issue 9, items 3 and 4): run from any
 * folder of the archive, render, build, seal, verify, validate and the
 * referral commands use the root's meetings/, out/ and hattama.yaml, and
 * print paths from the root or as typed. Signing stays deliberate: seal asks
 * or needs --yes, and validate warns about a signed record that is not sealed
 * or that shares its number (the copied seed of the issue).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { ROOT, SEED_RECORD } from './support/seed.js';
import { findArchiveRoot, lookUpArchive } from '../src/archive/root.js';

const SEED = 'meetings/2025/2025-12-25-board-of-trustees-02.yaml';
const COPY = 'meetings/2025/2025-12-30-board-of-trustees-03.yaml';
const LEDGER = 'meetings/seals.jsonl';
const seedText = readFileSync(SEED_RECORD, 'utf8');
/** Where the seed's `status: signed` is: the warnings about a signed record stand at its key. */
const STATUS_LINE = seedText.split('\n').findIndex((l) => l.startsWith('status: signed')) + 1;

/** A copy of this repository's archive (the sealed seed and hattama.yaml) in a fresh folder below `base`. */
function archive(): { base: string; arc: string } {
  const base = mkdtempSync(join(tmpdir(), 'hattama-root-'));
  const arc = join(base, 'arc');
  cpSync(join(ROOT, 'meetings'), join(arc, 'meetings'), { recursive: true });
  cpSync(join(ROOT, 'hattama.yaml'), join(arc, 'hattama.yaml'));
  return { base, arc };
}

/** The seed copied as the next meeting, as the secretary did: only the date (and maybe the number) changed. */
const copyOfSeed = (date: string, number = 2): string => seedText.replace('date: 2025-12-25', `date: ${date}`).replace('number: 2', `number: ${number}`);

describe('the archive root', () => {
  it('is found in one walk, with the nearest hattama.yaml not above it', () => {
    const { base, arc } = archive();
    mkdirSync(join(arc, 'meetings/2025/sub'), { recursive: true });
    writeFileSync(join(base, 'hattama.yaml'), 'rules: { quorum: 0.5 }\n');
    expect(lookUpArchive(join(arc, 'meetings/2025/sub'))).toEqual({ root: arc, configFile: join(arc, 'hattama.yaml') });
    writeFileSync(join(arc, 'meetings/2025/hattama.yaml'), 'rules: { quorum: 0.5 }\n');
    expect(lookUpArchive(join(arc, 'meetings/2025/sub'))).toEqual({ root: arc, configFile: join(arc, 'meetings/2025/hattama.yaml') });
    // Outside the archive, the folder with the hattama.yaml is a root of its own.
    expect(lookUpArchive(base)).toEqual({ root: base, configFile: join(base, 'hattama.yaml') });
    expect(findArchiveRoot(join(arc, 'meetings'))).toBe(arc);
  });

  it('from meetings/2025/: render, build, verify, validate and seal use the root’s meetings/ and out/', () => {
    const { base, arc } = archive();
    // A hattama.yaml above the root must change nothing: it would make every record fail.
    writeFileSync(join(base, 'hattama.yaml'), 'bogus: 1\n');
    const sub = join(arc, 'meetings/2025');
    writeFileSync(join(arc, COPY), copyOfSeed('2025-12-30', 3));

    const r = hattama(['render', '2025-12-30-board-of-trustees-03.yaml', '--format', 'docx'], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('out/2025/2025-12-30-board-of-trustees-03.docx\n');
    expect(existsSync(join(arc, 'out/2025/2025-12-30-board-of-trustees-03.docx'))).toBe(true);

    const b = hattama(['build'], { cwd: sub });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).not.toContain('bogus');
    expect(b.stdout).toContain(`built ${COPY}\n`);
    // The build says the copy is signed and not sealed yet, at its status key; the sealed seed it does not.
    expect(b.stderr).toContain(`${COPY}:${STATUS_LINE}:1: warning: signed but not sealed: run hattama seal (after hattama build) to enter it in the ledger [archive/not-sealed]\n`);
    expect(b.stderr).not.toContain(`${SEED}:${STATUS_LINE}`);

    const v = hattama(['validate'], { cwd: sub });
    expect(v.stderr).toBe(
      `${COPY}:${STATUS_LINE}:1: warning: signed but not sealed: run hattama seal (after hattama build) to enter it in the ledger [archive/not-sealed]\n` +
        '2 records checked: all valid, 0 errors, 1 warning\n',
    );
    expect(v.code).toBe(0);

    const s = hattama(['seal', '--yes'], { cwd: sub });
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain(`sealed ${COPY} (entry 2)\n`);
    expect(readFileSync(join(arc, LEDGER), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(existsSync(join(arc, 'meetings/sealed/2025/2025-12-30-board-of-trustees-03.pdf'))).toBe(true);

    const out = hattama(['verify'], { cwd: join(arc, 'out') });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe(`${LEDGER}: 2 entries checked: verified, 0 errors, 0 warnings\n`);
    // Nothing was made where the commands ran.
    expect(readdirSync(sub).sort()).toEqual(['2025-12-25-board-of-trustees-02.yaml', '2025-12-30-board-of-trustees-03.yaml']);
  });

  it('prints an absolute --out as typed, and the referral commands read the root’s region', () => {
    const { base, arc } = archive();
    const sub = join(arc, 'meetings/2025');
    // A nearer hattama.yaml without a region must not hide the organisation's region.
    writeFileSync(join(sub, 'hattama.yaml'), 'rules: { quorum: 0.5 }\n');
    const abs = join(base, 'published');
    const r = hattama(['render', '2025-12-25-board-of-trustees-02.yaml', '--format', 'docx', '--out', abs], { cwd: sub });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${join(abs, '2025-12-25-board-of-trustees-02.docx')}\n`);
    const rules = hattama(['referral', 'rules', '--date', '2025-12-25', '--format', 'docx'], { cwd: sub });
    expect(rules.code, rules.stderr).toBe(0);
    expect(rules.stderr).not.toContain('no region given');
    expect(rules.stdout).toBe('out/referral-rules-2025-12-25-kk.docx\n');
    expect(existsSync(join(arc, 'out/referral-rules-2025-12-25-kk.docx'))).toBe(true);
    // The control: with the region taken out of the root's hattama.yaml, the note appears.
    writeFileSync(join(arc, 'hattama.yaml'), 'layout: { proceedings: together }\n');
    expect(hattama(['referral', 'timeline', '--offered', '2025-12-01'], { cwd: sub }).stdout).toContain('no region given');
  });
});

describe('validate and seal on signed records', () => {
  it('the sealed seed does not warn', () => {
    const v = hattama(['validate'], { cwd: join(ROOT, 'meetings', '2025') });
    expect(v.stderr).toBe('1 record checked: all valid, 0 errors, 0 warnings\n');
    expect(v.code).toBe(0);
  });

  it('a signed copy of the seed with its number: warned at status by validate, an error in build, refused by seal', () => {
    const { arc } = archive();
    writeFileSync(join(arc, COPY), copyOfSeed('2025-12-30'));
    const at = `${COPY}:${STATUS_LINE}:1: warning:`;
    const v = hattama(['validate', COPY], { cwd: arc });
    expect(v.stderr).toBe(
      `${at} signed but not sealed: run hattama seal (after hattama build) to enter it in the ledger [archive/not-sealed]\n` +
        `${at} marked signed, but board-of-trustees 2025: protocol №2 is also used by ${SEED}. Is it a copy of signed minutes? Set status: draft until this meeting's minutes are signed, and give it its own number [archive/duplicate-number]\n` +
        '1 record checked: all valid, 0 errors, 2 warnings\n',
    );
    expect(v.code).toBe(0);
    // --strict: a shared number fails; "not sealed yet" alone never does (sealing follows the build).
    expect(hattama(['validate', '--strict', COPY], { cwd: arc }).code).toBe(1);
    // The same copy as a draft is left alone.
    writeFileSync(join(arc, COPY), copyOfSeed('2025-12-30').replace('status: signed', 'status: draft'));
    expect(hattama(['validate', COPY], { cwd: arc }).stderr).toBe('1 record checked: all valid, 0 errors, 0 warnings\n');

    writeFileSync(join(arc, COPY), copyOfSeed('2025-12-30'));
    const b = hattama(['build'], { cwd: arc });
    expect(b.stderr).toContain(`${COPY}:8:9: error: board-of-trustees 2025: protocol №2 is also used by ${SEED} [archive/duplicate-number]\n`);
    const ledger = readFileSync(join(arc, LEDGER));
    const s = hattama(['seal', '--yes'], { cwd: arc });
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`${COPY}:${STATUS_LINE}:1: error: marked signed, but board-of-trustees 2025: protocol №2 is also used by ${SEED}.`);
    expect(s.stderr).toContain(`${COPY}: not sealed: another record has its protocol number\n`);
    expect(readFileSync(join(arc, LEDGER)).equals(ledger)).toBe(true);
  });

  it('the issue’s copy for a new year: validate warns it is not sealed, --strict passes, the build says so too', () => {
    const { arc } = archive();
    // The copy alone, so that nothing else in the archive warns (the seed is №2 of its year, and --strict would fail on the gap).
    for (const p of ['meetings/2025', 'meetings/sealed', LEDGER]) rmSync(join(arc, p), { recursive: true });
    const copy = 'meetings/2026/2026-01-29-board-of-trustees-01.yaml';
    mkdirSync(join(arc, 'meetings/2026'));
    writeFileSync(join(arc, copy), copyOfSeed('2026-01-29', 1));
    const warning = `${copy}:${STATUS_LINE}:1: warning: signed but not sealed: run hattama seal (after hattama build) to enter it in the ledger [archive/not-sealed]\n`;
    const v = hattama(['validate', '--strict'], { cwd: join(arc, 'meetings/2026') });
    expect(v.stderr).toBe(`${warning}1 record checked: all valid, 0 errors, 1 warning\n`);
    expect(v.code).toBe(0);
    const b = hattama(['build', '--strict', '--format', 'pdf'], { cwd: arc });
    expect(b.stderr).toBe(`${warning}1 record: 1 built, 0 unchanged, 0 failed, ${/, ([\d.]+ s)\n$/.exec(b.stderr)?.[1]}\n`);
    expect(b.code, b.stderr).toBe(0);
  });

  it('seal without a terminal and without --yes lists what it would seal, seals nothing and says how (exit 2)', () => {
    const { arc } = archive();
    writeFileSync(join(arc, COPY), copyOfSeed('2025-12-30', 3));
    expect(hattama(['build'], { cwd: arc }).code).toBe(0);
    const ledger = readFileSync(join(arc, LEDGER));
    const s = hattama(['seal'], { cwd: join(arc, 'meetings') });
    expect(s.stdout).toContain(`  ${COPY} → entry 2\n`);
    expect(s.stderr).toBe(
      'nothing was sealed: there is no terminal to ask whether to seal the record listed above. Sealing cannot be undone: check it, then run hattama seal --yes\n',
    );
    expect(s.code).toBe(2);
    expect(readFileSync(join(arc, LEDGER)).equals(ledger)).toBe(true);
    expect(existsSync(join(arc, 'meetings/sealed/2025/2025-12-30-board-of-trustees-03.pdf'))).toBe(false);
  });

  it('validate with no argument outside any archive names what it looked for (exit 2)', () => {
    const empty = realpathSync(mkdtempSync(join(tmpdir(), 'hattama-no-archive-')));
    const v = hattama(['validate'], { cwd: empty });
    expect(v.code).toBe(2);
    expect(v.stderr).toBe(`error: no folder ${join(empty, 'meetings')}: with no argument, validate checks every record in meetings/ at the archive root; name the records or folders to check\n`);
  });
});
