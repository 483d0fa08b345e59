/** The command line as a secretary and CI use it: exit codes, messages, and what lands in out/. */
import { describe, expect, it, beforeEach } from 'vitest';
import { mkdtempSync, cpSync, readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { ROOT, SEED_RECORD } from './support/seed.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'hattama-cli-'));
  mkdirSync(join(work, 'meetings', '2025'), { recursive: true });
  cpSync(SEED_RECORD, join(work, 'meetings', '2025', 'seed.yaml'));
  // The seed's archive names its region, so its include of the referral rules is checked (no warning).
  writeFileSync(join(work, 'hattama.yaml'), 'region: aktobe\n');
});

const listOut = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);

describe('hattama render', () => {
  it('writes DOCX and PDF where build would, and prints their paths', () => {
    const r = hattama(['render', 'meetings/2025/seed.yaml'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['out/2025/seed.docx', 'out/2025/seed.pdf']);
    expect(readFileSync(join(work, 'out/2025/seed.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(work, 'out/2025/seed.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('honours --format and --out', () => {
    const r = hattama(['render', 'meetings/2025/seed.yaml', '--format', 'pdf', '--out', 'elsewhere'], { cwd: work });
    expect(r.code).toBe(0);
    expect(listOut(join(work, 'elsewhere'))).toEqual(['seed.pdf']);
  });

  it('refuses a broken record with file:line:column, exit 1, and writes nothing', () => {
    const file = join(work, 'meetings', '2025', 'seed.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: 2025-12-25', 'date: 2025-02-30'));
    const r = hattama(['render', 'meetings/2025/seed.yaml'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2025/seed.yaml:9:7: error: date "2025-02-30" is not a real calendar date [schema/date]');
    expect(r.stdout).toBe('');
    expect(listOut(join(work, 'out'))).toEqual([]);
  });

  it('leaves a good earlier output intact when the record breaks', () => {
    expect(hattama(['render', 'meetings/2025/seed.yaml'], { cwd: work }).code).toBe(0);
    const before = readFileSync(join(work, 'out/2025/seed.pdf'));
    const beforeDocx = readFileSync(join(work, 'out/2025/seed.docx'));
    const file = join(work, 'meetings', '2025', 'seed.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('secretary:', 'secretery:'));
    const r = hattama(['render', 'meetings/2025/seed.yaml'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2025/seed.yaml:14:1: error: unknown key "secretery" — did you mean "secretary"? [schema/unknown-key]');
    expect(readFileSync(join(work, 'out/2025/seed.pdf')).equals(before)).toBe(true);
    expect(readFileSync(join(work, 'out/2025/seed.docx')).equals(beforeDocx)).toBe(true);
    // and no temporary file is left behind
    expect(listOut(join(work, 'out'))).toEqual(['2025', '2025/seed.docx', '2025/seed.pdf']);
  });

  it('makes warnings fatal with --strict', () => {
    const file = join(work, 'meetings', '2025', 'seed.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  present: 7', '  present: 7\n  members: 15'));
    const lenient = hattama(['render', 'meetings/2025/seed.yaml', '--format', 'docx'], { cwd: work });
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('warning: no quorum: 7 of 15 members present, 10 needed [rule/quorum]');
    const strict = hattama(['render', 'meetings/2025/seed.yaml', '--strict', '--out', 'strict'], { cwd: work });
    expect(strict.code).toBe(1);
    expect(listOut(join(work, 'strict'))).toEqual([]);
  });

  it('warns about a character the PDF font cannot draw, at the text that has it; --strict refuses it', () => {
    const file = join(work, 'meetings', '2025', 'seed.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('сапасы.\n', 'сапасы ✓\n'));
    const r = hattama(['render', 'meetings/2025/seed.yaml', '--out', 'tick'], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('meetings/2025/seed.yaml:18:12: warning: the PDF font has no "✓" (U+2713): it shows as an empty box in the PDF (the DOCX is fine); use another character or a font that has it [text/no-glyph]');
    const strict = hattama(['render', 'meetings/2025/seed.yaml', '--out', 'tick-strict', '--strict'], { cwd: work });
    expect(strict.code).toBe(1);
    expect(listOut(join(work, 'tick-strict'))).toEqual([]);
  });

  it('exits 2 on a wrong command line', () => {
    expect(hattama(['render'], { cwd: work }).code).toBe(2);
    expect(hattama(['render', 'x.yaml', '--format', 'odt'], { cwd: work }).stderr).toContain('unknown format "odt"');
    expect(hattama(['frobnicate'], { cwd: work }).code).toBe(2);
  });

  it('explains a folder given to render, an --out that is a file, and an empty --format', () => {
    const folder = hattama(['render', 'meetings'], { cwd: work });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('error: meetings is a folder; render takes one record (to render a folder of records: hattama build meetings)');
    writeFileSync(join(work, 'afile'), 'x');
    const outFile = hattama(['render', 'meetings/2025/seed.yaml', '--out', 'afile'], { cwd: work });
    expect(outFile.code).toBe(1);
    expect(outFile.stderr).toMatch(/cannot write afile\/seed\.docx: a file stands where a folder is needed/);
    expect(hattama(['render', 'meetings/2025/seed.yaml', '--format', ','], { cwd: work }).code).toBe(2);
  });

  it('names a missing file', () => {
    const r = hattama(['render', 'meetings/nope.yaml'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/nope.yaml: error: cannot read the record: no such file [io/read]');
  });
});

describe('hattama validate', () => {
  it('accepts the seed and a folder, exit 0', () => {
    const r = hattama(['validate', 'meetings'], { cwd: work });
    expect(r.code).toBe(0);
    // A signed copy outside the seed's own archive is not in a ledger: a reminder, not a fault.
    expect(r.stderr).toBe(
      'meetings/2025/seed.yaml:36:1: warning: signed but not sealed: run hattama seal (after hattama build) to enter it in the ledger [archive/not-sealed]\n' +
        '1 record checked: all valid, 0 errors, 1 warning\n',
    );
  });

  it('reports every broken fixture at once with exit 1', () => {
    const r = hattama(['validate', 'test/fixtures/broken'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('test/fixtures/broken/yaml-syntax.yaml:6:9: error: YAML syntax: this "[" is never closed [yaml/syntax]');
    const fixtures = readdirSync(join(ROOT, 'test', 'fixtures', 'broken')).filter((f) => f.endsWith('.yaml')).length;
    expect(r.stderr).toContain(`${fixtures} records checked: ${fixtures} invalid`);
  });
});

describe('hattama build', () => {
  it('builds every record, mirrors folders, and reports a bad one without stopping', () => {
    // 2024/ sorts before 2025/: the good record after the bad one must still build.
    mkdirSync(join(work, 'meetings', '2024'));
    writeFileSync(join(work, 'meetings', '2024', 'broken.yaml'), 'hattama: 1\nnumber: [1\n');
    const r = hattama(['build'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2024/broken.yaml:2:9: error: YAML syntax: this "[" is never closed [yaml/syntax]');
    expect(r.stderr).toMatch(/2 records: 1 built, 0 unchanged, 1 failed, [\d.]+ s/);
    expect(listOut(join(work, 'out'))).toEqual(['2025', '2025/seed.docx', '2025/seed.pdf', 'index.html', 'index.json', 'manifest.json']);
  });

  it('goes on when one record cannot be written, and keeps that record\'s earlier pair together', () => {
    const seedText = readFileSync(join(work, 'meetings', '2025', 'seed.yaml'), 'utf8');
    writeFileSync(join(work, 'meetings', '2025', 'seed-b.yaml'), seedText.replace('number: 2', 'number: 1').replace('date: 2025-12-25', 'date: 2025-10-01'));
    expect(hattama(['build'], { cwd: work }).code).toBe(0);
    const docxBefore = readFileSync(join(work, 'out/2025/seed.docx'));
    // The new PDF cannot replace the old one (a folder stands in its way, as an open
    // file does on Windows); the DOCX, renamed first, must be put back.
    const file = join(work, 'meetings', '2025', 'seed.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('number: 2', 'number: 4'));
    rmSync(join(work, 'out/2025/seed.pdf'));
    mkdirSync(join(work, 'out/2025/seed.pdf'));
    const r = hattama(['build'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2025/seed.yaml: error: cannot write out/2025/seed.pdf: a folder of that name is in the way; the earlier output, if any, is unchanged [io/write]');
    expect(r.stderr).toMatch(/2 records: 0 built, 1 unchanged, 1 failed/);
    expect(readFileSync(join(work, 'out/2025/seed.docx')).equals(docxBefore)).toBe(true);
    expect(listOut(join(work, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says so when the folder does not exist (exit 2)', () => {
    const r = hattama(['build', 'nowhere'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: no folder "nowhere"');
  });
});
