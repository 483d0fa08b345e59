/**
 * The seal (issue 4, item 5), through the CLI: `hattama seal` appends signed
 * records and their outputs to meetings/seals.jsonl, chained; `hattama verify`
 * fails naming what changed and where.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { ROOT, SEED_RECORD } from './support/seed.js';

const SEED = '2025/2025-12-25-board-of-trustees-02';
const SECOND = '2025/2025-12-29-board-of-trustees-03';
const LEDGER = 'meetings/seals.jsonl';

/** The seed as signed minutes (it may already say so). */
const signed = (text: string): string => (/^status: signed$/m.test(text) ? text : `${text.replace(/\n?$/, '\n')}status: signed\n`);

let base: string;
beforeAll(() => {
  // A small archive: the seed and a later meeting, both signed, built and sealed.
  base = mkdtempSync(join(tmpdir(), 'hattama-seal-base-'));
  mkdirSync(join(base, 'meetings', '2025'), { recursive: true });
  const seed = signed(readFileSync(SEED_RECORD, 'utf8'));
  writeFileSync(join(base, 'meetings', `${SEED}.yaml`), seed);
  writeFileSync(join(base, 'meetings', `${SECOND}.yaml`), seed.replace('number: 2', 'number: 3').replace('date: 2025-12-25', 'date: 2025-12-29'));
  const built = hattama(['build'], { cwd: base });
  expect(built.stderr).not.toContain('error');
  expect(built.code).toBe(0);
  const sealed = hattama(['seal', '--yes'], { cwd: base });
  expect(sealed.stderr).toBe('2 records: 2 sealed, 0 already sealed, 0 not sealed, 0 not signed\n');
  expect(sealed.code).toBe(0);
});

/** A fresh copy of the sealed archive. */
function archive(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hattama-seal-'));
  cpSync(base, dir, { recursive: true });
  return dir;
}

const ledgerLines = (dir: string): string[] => readFileSync(join(dir, LEDGER), 'utf8').split('\n').filter(Boolean);
const writeLedger = (dir: string, lines: readonly string[]): void => writeFileSync(join(dir, LEDGER), lines.map((l) => l + '\n').join(''));
/** Flips one bit of one byte of a file. */
function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
}
/** An entry's hash as an auditor recomputes it: the line without "hash", compact JSON, SHA-256. */
const rehash = (entry: Record<string, unknown>): string => {
  const { hash: _, ...body } = entry;
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
};

describe('hattama seal', () => {
  it('writes one chained entry per signed record, with the hashes of the record and its outputs', () => {
    const dir = archive();
    const entries = ledgerLines(dir).map((l) => JSON.parse(l) as Record<string, any>);
    expect(entries.map((e) => [e['seq'], e['record']])).toEqual([
      [1, `${SEED}.yaml`],
      [2, `${SECOND}.yaml`],
    ]);
    const sha = (file: string): string => createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
    const [first, second] = entries;
    expect(first!['recordSha256']).toBe(sha(`meetings/${SEED}.yaml`));
    expect(first!['outputs']).toEqual({
      docx: { path: `${SEED}.docx`, sha256: sha(`out/${SEED}.docx`) },
      pdf: { path: `${SEED}.pdf`, sha256: sha(`out/${SEED}.pdf`) },
    });
    expect(first!['prev']).toBe('0'.repeat(64));
    expect(second!['prev']).toBe(first!['hash']);
    for (const e of entries) expect(e['hash']).toBe(rehash(e));
    expect(Object.keys(first!)).toEqual(['seq', 'record', 'recordSha256', 'outputs', 'sealedAt', 'prev', 'hash']);
  });

  it('seals nothing new on a second run and leaves the ledger byte-identical', () => {
    const dir = archive();
    const before = readFileSync(join(dir, LEDGER));
    const r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('sealed meetings/');
    expect(r.stdout).toContain(`head ${JSON.parse(ledgerLines(dir)[1]!).hash} (meetings/seals.jsonl, 2 entries)`);
    expect(r.stderr).toBe('2 records: 0 sealed, 2 already sealed, 0 not sealed, 0 not signed\n');
    expect(readFileSync(join(dir, LEDGER)).equals(before)).toBe(true);
  });

  it('does not seal a sealed record again when it has changed, and says so (exit 1)', () => {
    const dir = archive();
    const before = readFileSync(join(dir, LEDGER));
    const file = join(dir, 'meetings', `${SEED}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('present: 7', 'present: 6'));
    const r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/${SEED}.yaml: error: changed since it was sealed (entry 1 of meetings/seals.jsonl, line 1); not sealed again`);
    expect(r.stderr).toContain(`amends: ${SEED}.yaml`);
    expect(readFileSync(join(dir, LEDGER)).equals(before)).toBe(true);
  });

  it('seals only outputs of the record as it is now: asks to build first', () => {
    const dir = archive();
    const before = readFileSync(join(dir, LEDGER));
    const rel = '2026/2026-01-15-board-of-trustees-01';
    mkdirSync(join(dir, 'meetings', '2026'));
    const file = join(dir, 'meetings', `${rel}.yaml`);
    writeFileSync(file, readFileSync(join(dir, 'meetings', `${SEED}.yaml`), 'utf8').replace('number: 2', 'number: 1').replace('date: 2025-12-25', 'date: 2026-01-15'));
    // Not built at all.
    let r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`out/${rel}.docx: error: missing: run hattama build first, then seal`);
    // Built, then edited.
    expect(hattama(['build'], { cwd: dir }).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('present: 7', 'present: 6'));
    r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`out/${rel}.pdf: error: is not the output of meetings/${rel}.yaml as it is now`);
    expect(r.stderr).toContain(`meetings/${rel}.yaml: not sealed: its outputs are not current`);
    expect(readFileSync(join(dir, LEDGER)).equals(before)).toBe(true);
    // No output folder at all.
    rmSync(join(dir, 'out'), { recursive: true });
    r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no output folder "out": run hattama build first');
  });

  it('leaves drafts alone and refuses to append to a damaged ledger', () => {
    const dir = archive();
    const draft = join(dir, 'meetings', '2025', 'draft.yaml');
    writeFileSync(draft, readFileSync(join(dir, 'meetings', `${SEED}.yaml`), 'utf8').replace('status: signed', 'status: draft').replace('number: 2', 'number: 4'));
    let r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('3 records: 0 sealed, 2 already sealed, 0 not sealed, 1 not signed\n');
    const lines = ledgerLines(dir);
    writeLedger(dir, [lines[0]!.replace('"seq":1', '"seq":7'), lines[1]!]);
    const damaged = readFileSync(join(dir, LEDGER));
    r = hattama(['seal', '--yes'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl: the ledger is damaged; nothing was sealed');
    expect(readFileSync(join(dir, LEDGER)).equals(damaged)).toBe(true);
  });
});

describe('hattama verify', () => {
  it('passes on an intact archive and prints the head to publish', () => {
    const dir = archive();
    const r = hattama(['verify'], { cwd: dir });
    expect(r.stderr).toBe('meetings/seals.jsonl: 2 entries checked: verified, 0 errors, 0 warnings\n');
    expect(r.code).toBe(0);
    const head = JSON.parse(ledgerLines(dir)[1]!).hash as string;
    expect(r.stdout).toContain(`head ${head} (meetings/seals.jsonl, 2 entries)`);
    expect(r.stdout).toContain('the ledger alone cannot show that its last entries were removed');
  });

  it('fails naming the record when one byte of it changed', () => {
    const dir = archive();
    const file = join(dir, 'meetings', `${SEED}.yaml`);
    flipByte(file, readFileSync(file).indexOf('present: 7') + 9); // 7 → 6
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/${SEED}.yaml: error: changed since it was sealed (entry 1 of meetings/seals.jsonl, line 1)`);
    expect(r.stderr).toContain('1 error, 0 warnings');
  });

  it('fails naming the PDF when one byte of it changed', () => {
    const dir = archive();
    const pdf = join(dir, 'out', `${SEED}.pdf`);
    flipByte(pdf, Math.floor(readFileSync(pdf).length / 2));
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`out/${SEED}.pdf: error: differs from the output sealed with ${SEED}.yaml (entry 1 of meetings/seals.jsonl, line 1)`);
    expect(r.stderr).toContain('1 error, 0 warnings');
  });

  it('fails naming the DOCX when it was deleted, and a sealed record that was removed', () => {
    const dir = archive();
    rmSync(join(dir, 'out', `${SEED}.docx`));
    rmSync(join(dir, 'meetings', `${SECOND}.yaml`));
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`out/${SEED}.docx: error: missing: sealed with ${SEED}.yaml (entry 1 of meetings/seals.jsonl, line 1)`);
    expect(r.stderr).toContain(`meetings/${SECOND}.yaml: error: sealed (entry 2 of meetings/seals.jsonl, line 2) but removed`);
  });

  it('names the ledger line that was edited', () => {
    const dir = archive();
    const lines = ledgerLines(dir);
    const entry = JSON.parse(lines[1]!) as Record<string, string>;
    entry['recordSha256'] = entry['recordSha256']!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    writeLedger(dir, [lines[0]!, JSON.stringify(entry)]);
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl:2:1: error: entry 2 was changed after it was sealed: its hash does not match its contents');
  });

  it('names the next line when an entry was rewritten with a fresh hash', () => {
    const dir = archive();
    const lines = ledgerLines(dir);
    const entry = JSON.parse(lines[0]!) as Record<string, string>;
    entry['sealedAt'] = '2025-12-25T00:00:00.000Z';
    entry['hash'] = rehash(entry);
    writeLedger(dir, [JSON.stringify(entry), lines[1]!]);
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl:2:1: error: entry 2 does not chain to the entry before it (entry 1, line 1');
  });

  it('names the ledger line where an entry was removed', () => {
    const dir = archive();
    writeLedger(dir, ledgerLines(dir).slice(1));
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl:1:1: error: entry 1 is missing before this line: removed from the ledger');
  });

  it('names both ledger lines when two were swapped', () => {
    const dir = archive();
    const [a, b] = ledgerLines(dir);
    writeLedger(dir, [b!, a!]);
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl:1:1: error: entry 2 was sealed after entry 1 (line 2), but is on the first line: ledger lines were reordered');
    expect(r.stderr).toContain('meetings/seals.jsonl:2:1: error: entry 1 follows entry 2 (line 1), but the first entry starts the chain');
  });

  it('catches a removed last entry only with the published head', () => {
    const dir = archive();
    const lines = ledgerLines(dir);
    const published = JSON.parse(lines[1]!).hash as string;
    writeLedger(dir, lines.slice(0, 1));
    // The shorter chain is whole: the record shows as signed but unsealed, a warning.
    let r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`meetings/${SECOND}\\.yaml:\\d+:1: warning: signed but not sealed yet`));
    r = hattama(['verify', '--head', published], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meetings/seals.jsonl: error: the head given with --head, ${published}, is not in the ledger: entries sealed up to it were removed or rewritten since it was published [seal/head]`);
    // An older published head is fine: the ledger has grown since.
    r = hattama(['verify', '--head', JSON.parse(lines[0]!).hash as string], { cwd: archive() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('head: the head given with --head is entry 1 (line 1); 1 sealed after it');
  });

  it('warns, without failing, about a signed record not sealed yet', () => {
    const dir = archive();
    const file = join(dir, 'meetings', '2025', '2025-12-30-board-of-trustees-04.yaml');
    writeFileSync(file, readFileSync(join(dir, 'meetings', `${SEED}.yaml`), 'utf8').replace('number: 2', 'number: 4').replace('date: 2025-12-25', 'date: 2025-12-30'));
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/meetings\/2025\/2025-12-30-board-of-trustees-04\.yaml:\d+:1: warning: signed but not sealed yet: run hattama build, then hattama seal \[seal\/unsealed\]/);
    expect(r.stderr).toContain('0 errors, 1 warning');
  });

  it('accepts a correction: a new sealed record that amends the original, which stays byte-identical', () => {
    const dir = archive();
    const original = readFileSync(join(dir, 'meetings', `${SEED}.yaml`));
    const outputs = ['docx', 'pdf'].map((f) => readFileSync(join(dir, 'out', `${SEED}.${f}`)));
    const rel = '2026/2026-01-15-board-of-trustees-01';
    mkdirSync(join(dir, 'meetings', '2026'));
    writeFileSync(
      join(dir, 'meetings', `${rel}.yaml`),
      original
        .toString('utf8')
        .replace('number: 2', 'number: 1')
        .replace('date: 2025-12-25', 'date: 2026-01-15')
        .replace('status: signed', `status: signed\namends: ${SEED}.yaml`),
    );
    expect(hattama(['build'], { cwd: dir }).code).toBe(0);
    const sealed = hattama(['seal', '--yes'], { cwd: dir });
    expect(sealed.stderr).toBe('3 records: 1 sealed, 2 already sealed, 0 not sealed, 0 not signed\n');
    expect(sealed.stdout).toContain(`sealed meetings/${rel}.yaml (entry 3)`);
    const r = hattama(['verify'], { cwd: dir });
    expect(r.stderr).toBe('meetings/seals.jsonl: 3 entries checked: verified, 0 errors, 0 warnings\n');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'meetings', `${SEED}.yaml`)).equals(original)).toBe(true);
    ['docx', 'pdf'].forEach((f, i) => expect(readFileSync(join(dir, 'out', `${SEED}.${f}`)).equals(outputs[i]!)).toBe(true));
  });

  it('warns about amends naming no sealed record of the archive', () => {
    const dir = archive();
    const seed = readFileSync(join(dir, 'meetings', `${SEED}.yaml`), 'utf8');
    writeFileSync(join(dir, 'meetings', '2025', 'a.yaml'), seed.replace('status: signed', 'status: draft\namends: 2025/nowhere.yaml'));
    writeFileSync(join(dir, 'meetings', '2025', 'b.yaml'), seed.replace('status: signed', 'status: draft\namends: 2025/a.yaml'));
    const r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/meetings\/2025\/a\.yaml:\d+:9: warning: amends "2025\/nowhere\.yaml", which is not a record in this archive/);
    expect(r.stderr).toMatch(/meetings\/2025\/b\.yaml:\d+:9: warning: amends "2025\/a\.yaml", which is not sealed/);
  });

  it('reads a Windows checkout (CRLF line ends) as the sealed record', () => {
    const dir = archive();
    const file = join(dir, 'meetings', `${SEED}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    writeFileSync(join(dir, LEDGER), readFileSync(join(dir, LEDGER), 'utf8').replace(/\n/g, '\r\n'));
    const r = hattama(['verify'], { cwd: dir });
    expect(r.stderr).toBe('meetings/seals.jsonl: 2 entries checked: verified, 0 errors, 0 warnings\n');
    expect(r.code).toBe(0);
  });

  it('checks records only when there is no ledger, and explains a missing output folder', () => {
    const dir = archive();
    rmSync(join(dir, 'out'), { recursive: true });
    let r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('out: error: no output folder, so the sealed outputs cannot be checked: run hattama build first');
    rmSync(join(dir, LEDGER));
    expect(existsSync(join(dir, LEDGER))).toBe(false);
    // Sealed copies without their ledger: the ledger was deleted, which is an error.
    r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl: error: meetings/sealed holds sealed minutes but the ledger has no entries: restore meetings/seals.jsonl from version control [seal/ledger-missing]');
    // An archive that never sealed anything: records are checked, signed ones are reminded to be sealed.
    rmSync(join(dir, 'meetings', 'sealed'), { recursive: true });
    r = hattama(['verify'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('meetings/seals.jsonl: nothing is sealed yet, so there is no head to publish\n');
    expect(r.stdout).not.toContain('0'.repeat(64));
    expect(r.stderr).toContain('no entries yet: verified, 0 errors, 2 warnings');
  });
});

describe('sealed minutes in the build', () => {
  it('keeps copies of the sealed outputs beside the ledger', () => {
    const dir = archive();
    for (const f of ['docx', 'pdf']) {
      expect(readFileSync(join(dir, 'meetings', 'sealed', `${SEED}.${f}`)).equals(readFileSync(join(dir, 'out', `${SEED}.${f}`)))).toBe(true);
    }
  });

  it('publishes the sealed copies, not a new render: a later template change does not touch signed minutes', () => {
    const dir = archive();
    const pdfBefore = readFileSync(join(dir, 'meetings', 'sealed', `${SEED}.pdf`));
    // The organisation changes its template after the meeting was sealed.
    mkdirSync(join(dir, 'tpl', 'kk'), { recursive: true });
    writeFileSync(join(dir, 'tpl', 'kk', 'minutes.hbs'), readFileSync(join(ROOT, 'templates/kk/minutes.hbs'), 'utf8').replace('Тыңдалды:', 'ТЫҢДАЛДЫ:'));
    writeFileSync(join(dir, 'meetings', 'hattama.yaml'), 'templates: ../tpl\n');
    rmSync(join(dir, 'out'), { recursive: true });
    const built = hattama(['build'], { cwd: dir });
    expect(built.code, built.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', `${SEED}.pdf`)).equals(pdfBefore)).toBe(true);
    expect(hattama(['verify'], { cwd: dir }).code).toBe(0);
    // a new, unsealed record does get the new template
    writeFileSync(join(dir, 'meetings', '2025', 'later.yaml'), readFileSync(join(dir, 'meetings', `${SEED}.yaml`), 'utf8').replace('number: 2', 'number: 4').replace('date: 2025-12-25', 'date: 2025-12-30').replace('status: signed', 'status: draft'));
    expect(hattama(['build'], { cwd: dir }).stderr).toMatch(/3 records: 1 built, 2 unchanged, 0 failed/);
  });

  it('refuses to publish a sealed copy that was altered, and verify names it', () => {
    const dir = archive();
    flipByte(join(dir, 'meetings', 'sealed', `${SEED}.pdf`), 400);
    rmSync(join(dir, 'out'), { recursive: true });
    const built = hattama(['build'], { cwd: dir });
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(`meetings/sealed/${SEED}.pdf: error: this sealed copy differs from the ledger (entry 1)`);
    const v = hattama(['verify'], { cwd: dir });
    expect(v.code).toBe(1);
    expect(v.stderr).toContain(`meetings/sealed/${SEED}.pdf: error: differs from the output sealed with ${SEED}.yaml`);
  });
});

describe('the seed', () => {
  it('is signed minutes, sealed in meetings/seals.jsonl, and a fresh build verifies against it', () => {
    expect(readFileSync(SEED_RECORD, 'utf8')).toMatch(/^status: signed$/m);
    const out = mkdtempSync(join(tmpdir(), 'hattama-seal-seed-'));
    // As CI does on a fresh clone: build, then verify. Output bytes depend on hattama's writers and
    // templates: if a change to them fails this, it changes published minutes that were sealed.
    expect(hattama(['build', 'meetings', '--out', out], { cwd: ROOT }).code).toBe(0);
    const r = hattama(['verify', 'meetings', '--out', out], { cwd: ROOT });
    expect(r.stderr).toMatch(/^meetings\/seals\.jsonl: \d+ entr(y|ies) checked: verified, 0 errors, 0 warnings\n$/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`head: the ledger still holds the head published in ${out}/ledger-head.json`);
    // In a clone of this repository (as CI runs), the ledger's real history is checked too.
    if (spawnSync('git', ['-C', ROOT, 'rev-parse', '--git-dir']).status === 0) {
      expect(r.stdout).toMatch(/^history: meetings\/seals\.jsonl only grew across the (1 commit|\d+ commits) that changed it/m);
    }
  });
});

describe('ledger messages in the chosen language', () => {
  it('names swapped ledger lines in Kazakh (--lang kk), positions and rule ids kept', () => {
    const dir = archive();
    const [a, b] = ledgerLines(dir);
    writeLedger(dir, [b!, a!]);
    const r = hattama(['--lang', 'kk', 'verify'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/seals.jsonl:1:1: error: 2-жазба 1-жазбадан (2-жол) кейін мөрленген, бірақ бірінші жолда тұр: журнал жолдарының орны ауыстырылған [seal/chain]');
    expect(r.stderr).toContain('meetings/seals.jsonl:2:1: error: 1-жазба 2-жазбадан (1-жол) кейін тұр, бірақ тізбекті бірінші жазба бастайды');
    expect(r.stderr).not.toMatch(/entry \d|ledger lines/);
  });

  it('says a sealed record was changed, in Russian (LANG=ru_RU.UTF-8)', () => {
    const dir = archive();
    const file = join(dir, 'meetings', `${SECOND}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: 2025-12-29', 'date: 2025-12-30'));
    const r = hattama(['verify'], { cwd: dir, env: { ...process.env, LANG: 'ru_RU.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/: error: изменён после опечатывания \(запись 2 журнала meetings\/seals\.jsonl, строка 2\): SHA-256 [0-9a-f]{12}…, при опечатывании [0-9a-f]{12}…; .*«amends: 2025\/2025-12-29-board-of-trustees-03\.yaml» \[seal\/record-changed\]/);
  });
});
