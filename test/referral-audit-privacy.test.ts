/**
 * Personal data never reaches a published referral report (issue 10, part 2):
 * an IIN in any disguise — separators, groupings, other scripts' digits,
 * zero-width characters, escapes, folded lines — and people's names in the
 * child, place or category columns are refused at their row and column,
 * nothing is written, and no message repeats the value.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referralReportCommand } from '../src/cli/commands/referral-report.js';
import { formatDiagnostic } from '../src/parse/diagnostic.js';
import { CsvReader, type CsvRecord } from '../src/referral/log-csv.js';
import { MAX_KEPT, MAX_YAML_BYTES, parseLog, readLog, streamLog, type ReferralEvent } from '../src/referral/log.js';
import { OfferIndex } from '../src/referral/offer-index.js';
import { digitSkeleton, isNameColumn, looksLikeIin, PSEUDONYMOUS_ID } from '../src/referral/personal-data.js';
import { hattama } from './support/cli.js';

const DIR = 'test/fixtures/referral/disguise';
const IIN = '010101500123';
/** Pieces of the IIN and of the name that no message may hold. */
const FORBIDDEN = [IIN, '010101', '500123', '0150', 'Аметов', 'Ерлан', 'Серикович', 'Ametov', 'Erlan'];

const PRIVACY = 'board reports are published, so the whole log is refused and nothing is written; identify each child by a pseudonymous id in the "child" column (such as C-1001), never by name or IIN [privacy/iin]';
const iinAt = (file: string, pos: string, where: string): string => `${DIR}/${file}:${pos}: error: ${where} looks like an IIN (12 digits, however written or spaced): ${PRIVACY}`;
const ID_WORDS = 'digits with at most 4 letters, - and _, up to 32 characters';

/** Every disguise of the issue, and where it is refused. */
const IIN_DISGUISES: readonly (readonly [file: string, position: string, where: string])[] = [
  ['plain.csv', '3:25', 'the value in column "child"'],
  ['dots.csv', '3:25', 'the value in column "child"'],
  ['underscores.csv', '3:25', 'the value in column "child"'],
  ['slashes.csv', '3:25', 'the value in column "child"'],
  ['grouped-2-4-6.csv', '3:25', 'the value in column "child"'],
  ['grouped-3-3-3-3.csv', '3:25', 'the value in column "child"'],
  ['nbsp-6-6.csv', '3:25', 'the value in column "child"'],
  ['en-dash.csv', '3:25', 'the value in column "child"'],
  ['full-width.csv', '3:25', 'the value in column "child"'],
  ['arabic-indic.csv', '3:25', 'the value in column "child"'],
  ['devanagari.csv', '3:25', 'the value in column "child"'],
  ['zero-width.csv', '3:25', 'the value in column "child"'],
  ['escape-text.csv', '3:25', 'the value in column "child"'],
  ['folded.csv', '3:25', 'the value in column "child"'],
  ['in-place.csv', '3:1', 'the value in column "place"'],
  ['in-notes.csv', '3:44', 'the value in column "notes"'],
  ['escapes.yaml', '10:10', 'the value of "child"'],
  ['unicode-escapes.yaml', '10:10', 'the value of "child"'],
  ['folded.yaml', '10:10', 'the value of "child"'],
  ['plain-two-lines.yaml', '10:10', 'the value of "child"'],
  ['quoted-line-break.yaml', '10:10', 'the value of "child"'],
];

/** Names where ids belong: refused by the column's format. */
const NAMES: readonly (readonly [file: string, message: string])[] = [
  ['name-child.csv', `3:25: error: column "child" must be a pseudonymous id (${ID_WORDS}, such as C-1001), not a name or free text [log/id]`],
  ['name-child-latin.csv', `3:25: error: column "child" must be a pseudonymous id (${ID_WORDS}, such as C-1001), not a name or free text [log/id]`],
  ['name-child.yaml', `10:10: error: column "child" must be a pseudonymous id (${ID_WORDS}, such as C-1001), not a name or free text [log/id]`],
  ['name-place.csv', `3:1: error: column "place" must be a pseudonymous id (${ID_WORDS}, such as P-07), not a name or free text [log/id]`],
  [
    'name-category.csv',
    '3:17: error: column "category" must be a category id of data/referral-rules.yaml or "general" (military, disabled-children, special-educational-needs, large-families, orphans, teachers, disabled-parents, without-parental-care, general) [log/category]',
  ],
  ['name-header.csv', '1:43: error: unknown column 7 (header row); a referral log has place, offered, category, child, taken, lapsed [log/unknown-column]'],
];

/** Runs `referral report` in this process, capturing what it prints. */
async function report(file: string): Promise<{ code: number; stderr: string; stdout: string; out: string }> {
  const out = join(mkdtempSync(join(tmpdir(), 'hattama-pii-')), 'out');
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const code = await referralReportCommand(file, { from: '2025-11-01', to: '2025-12-31', format: ['docx', 'pdf'], lang: 'kk', out });
  vi.restoreAllMocks();
  return { code, stderr, stdout, out };
}

/** The raw text of the disguised value: row 3's child (or place/notes), or the YAML child, as the file has it. */
const rawOf = (file: string): string => readFileSync(join(DIR, file), 'utf8');

afterEach(() => vi.restoreAllMocks());

describe('an IIN in any disguise is refused at its row and column, nothing is written, no message repeats it', () => {
  for (const [file, position, where] of IIN_DISGUISES) {
    it(file, async () => {
      const r = await report(join(DIR, file));
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${iinAt(file, position, where)}\n${DIR}/${file}: refused: the log holds what looks like personal data (see above); board reports are published, so nothing was written\n`);
      expect(existsSync(r.out)).toBe(false);
      for (const f of FORBIDDEN) expect(r.stderr).not.toContain(f);
      // Nor the value as the file writes it.
      const line = rawOf(file).split('\n')[Number(position.split(':')[0]) - 1]!;
      const value = file.endsWith('.csv') ? line.split(',')[Number(where.includes('place') ? 0 : where.includes('notes') ? 6 : 3)]! : line.replace(/^\s*child:\s*/, '');
      // A YAML block scalar starts with its indicator; its lines are covered by FORBIDDEN.
      if (!/^[>|]/.test(value)) expect(r.stderr).not.toContain(value);
    });
  }
});

describe("people's names in the child, place or category columns are refused at their row and column", () => {
  for (const [file, message] of NAMES) {
    it(file, async () => {
      const r = await report(join(DIR, file));
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`${DIR}/${file}:${message}\n${DIR}/${file}: not audited; nothing was written\n`);
      expect(existsSync(r.out)).toBe(false);
      for (const f of FORBIDDEN) expect(r.stderr).not.toContain(f);
    });
  }

  it('the same from the installed command, in its own process', () => {
    for (const file of ['escapes.yaml', 'name-child.csv']) {
      const out = join(mkdtempSync(join(tmpdir(), 'hattama-pii-')), 'out');
      const r = hattama(['referral', 'report', join(DIR, file), '--from', '2025-11-01', '--to', '2025-12-31', '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(file.endsWith('.yaml') ? /:10:10: error: .*\[privacy\/iin\]/ : /:3:25: error: column "child" must be a pseudonymous id/);
      for (const f of FORBIDDEN) expect(r.stderr).not.toContain(f);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('what counts as an IIN', () => {
  it('twelve digits once escapes, scripts, format characters and separators are undone', () => {
    expect(digitSkeleton('01.01.01/500_123')).toBe(IIN);
    expect(digitSkeleton('０１０１０１ ５００１２３')).toBe(IIN);
    expect(digitSkeleton('٠١٠١٠١\u200b٥٠٠١٢٣')).toBe(IIN);
    expect(digitSkeleton('\\x30\\x31\\x30\\x31\\x30\\x31\\u0035\\u{30}&#48;&#x31;%32%33')).toBe(IIN);
    for (const s of [
      IIN, 'C-010101500123', '010101 500123', '010101-500123', '0101 0150 0123', '010 101 500 123', '01-0101-500123', 'IIN: 99 12 31 400456', '010101\r\n500123',
      '010101\u2013500123', '010101,500,123', '0\u00ad10101500123', '১২৩৪৫৬৭৮৯০১২', '1234 5678 9012 3456',
      // Any 12 digits in a row, so also these: free text is refused in any case, and an id or a date column never holds them.
      'P-2025-12-01-0001', '2025-12-01 2026-01-05',
    ]) expect(looksLikeIin(s), s).toBe(true);
  });

  it('not a date, a time, a phone number or a pseudonymous id', () => {
    for (const s of ['2025-12-01', '2025-12-01T09:30:00+05:00', 'C-1001', 'P-0000123', '01234567890', '8 777 123 45 67', 'C-1001-2025', 'group3_seat12', ''])
      expect(looksLikeIin(s), s).toBe(false);
  });

  it('a valid date and time in a date column is a date, whatever its digits add up to', () => {
    const log = parseLog('t.csv', 'place,offered,category,child,taken\nP-1,2025-12-01 09:30:15,orphans,C-1,2025-12-02T10:00:00+05:00\n', 'csv');
    expect(log.diagnostics).toEqual([]);
    expect(log.events[0]).toMatchObject({ offered: '2025-12-01', taken: '2025-12-02' });
  });

  it('sees a name column however it is spelt', () => {
    for (const h of ['name', 'Full Name', 'full_name', 'fullname', 'FIO', 'ФИО', 'Ф.И.О.', 'фио ребёнка', 'Аты-жөні', 'аты жөні', 'Аты', 'Тегі', 'surname', 'First_Name', 'last name', 'patronymic', 'child_name', 'Parent Name', 'Әкесінің аты', 'Отчество', 'Имя', 'Фамилия', 'имя ребенка', 'баланың аты', 'Ф\u200bИО', 'ＦＩＯ'])
      expect(isNameColumn(h), h).toBe(true);
    for (const h of ['place', 'child', 'Category', 'offered', 'taken', 'lapsed', 'notes', 'category_name', 'place_name']) expect(isNameColumn(h, ['place', 'child', 'category', 'offered', 'taken', 'lapsed']), h).toBe(false);
  });

  it('a name column is refused without repeating its header', () => {
    const r = readLog('test/fixtures/referral/full-name.csv');
    expect(r.refused).toBe(true);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `test/fixtures/referral/full-name.csv:1:30: error: column 5 looks like it holds people's names: board reports are published, so the whole log is refused and nothing is written; remove the column and identify each child by a pseudonymous id in the "child" column (such as C-1001), never by name or IIN [privacy/full-name]`,
    ]);
    const yaml = parseLog('log.yaml', '- place: P-1\n  offered: 2025-12-01\n  category: orphans\n  child: C-1\n  аты-жөні: Аметов Ерлан\n', 'yaml');
    expect(yaml.diagnostics.map((d) => [d.rule, d.position, d.message.includes('Аметов') || d.message.includes('аты')])).toEqual([['privacy/full-name', { line: 5, column: 3 }, false]]);
  });

  it('reports only the privacy problems of a refused log, so no other message can echo a value', () => {
    const r = parseLog('x.csv', 'place,offered,category,child,notes\nP-1,2025-02-30,Аметов,Ерлан,ИИН 010101500123\n', 'csv');
    expect(r.refused).toBe(true);
    expect(r.diagnostics.map((d) => [d.rule, d.position])).toEqual([['privacy/iin', { line: 2, column: 29 }]]);
  });
});

describe('messages name the row and column, never the value', () => {
  it('an unknown column is never named, even a plain lower-case one (it can be a surname)', () => {
    const r = parseLog('h.csv', 'place,offered,category,child,Notes about Ерлан,ametov\nP-1,2025-12-01,orphans,C-1,,\n', 'csv');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'h.csv:1:30: error: unknown column 5 (header row); a referral log has place, offered, category, child, taken, lapsed [log/unknown-column]',
      'h.csv:1:48: error: unknown column 6 (header row); a referral log has place, offered, category, child, taken, lapsed [log/unknown-column]',
    ]);
  });

  it('refuses names with a digit added as ids, and IINs typed with letters for digits or split by a letter', () => {
    for (const id of ['ErlanAmetov2019', 'Ametov-Erlan-1', 'Erlan7']) expect(PSEUDONYMOUS_ID.test(id), id).toBe(false);
    for (const id of ['P-01', 'C-1001', 'KG3-0000123', 'P-0000001']) expect(PSEUDONYMOUS_ID.test(id), id).toBe(true);
    for (const v of ['0l0l0l500l23', 'O1O1O15OO123', 'C010101x500123']) expect(looksLikeIin(v), v).toBe(true);
    for (const v of ['2025-12-01T09:30:00+05:00', 'P-0000001', 'C-1001']) expect(looksLikeIin(v), v).toBe(false);
  });

  it('no message of a broken log holds a value from it', () => {
    const values = ['Ерлан-7', 'P 01', 'orphanz', '31.12.2025', '2025-12-32', 'x-unknown'];
    const text = `place,offered,category,child,taken\nP 01,31.12.2025,orphanz,Ерлан-7,2025-12-32\nP-1,2025-12-01,x-unknown,C-1,\n`;
    const r = parseLog('v.csv', text, 'csv');
    expect(r.diagnostics.map((d) => d.position)).toEqual([
      { line: 2, column: 1 },
      { line: 2, column: 6 },
      { line: 2, column: 17 },
      { line: 2, column: 25 },
      { line: 2, column: 33 },
      { line: 3, column: 16 },
    ]);
    const messages = r.diagnostics.map(formatDiagnostic).join('\n');
    for (const v of values) expect(messages).not.toContain(v);
    expect(messages).toContain('did you mean "orphans"?');
  });

  it('keeps at most MAX_KEPT problems and counts the rest', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `P-${i},2025-12-01,orphans,bad id ${i}\n`).join('');
    const r = parseLog('m.csv', `place,offered,category,child\n${rows}`, 'csv');
    expect(r.diagnostics).toHaveLength(MAX_KEPT + 1);
    expect(formatDiagnostic(r.diagnostics.at(-1)!)).toBe('m.csv: error: and 300 more problems like these, not listed [log/more]');
  });
});

describe('the log is read as a stream', () => {
  const tricky = 'place;offered;category;child;taken\r\n"P-1";2025-12-01;"orph""ans";C-1;\r\n\r\nP-2;2025-12-02;general;"C-2\r\nx";2025-12-03\rP-3;2025-12-04;orphans;C-3;';
  const rows = (chunks: readonly string[]): CsvRecord[] => {
    const out: CsvRecord[] = [];
    const reader = new CsvReader((r) => out.push(r));
    for (const c of chunks) reader.push(c);
    reader.end();
    expect(reader.error).toBeUndefined();
    return out;
  };

  it('gives the same rows and positions however the text is cut into chunks', () => {
    const whole = rows([tricky]);
    expect(whole.map((r) => r.cells.map((c) => c.value))).toEqual([
      ['place', 'offered', 'category', 'child', 'taken'],
      ['P-1', '2025-12-01', 'orph"ans', 'C-1', ''],
      [''],
      ['P-2', '2025-12-02', 'general', 'C-2\r\nx', '2025-12-03'],
      ['P-3', '2025-12-04', 'orphans', 'C-3', ''],
    ]);
    expect(whole[4]!.cells[3]!.position).toEqual({ line: 6, column: 24 });
    expect(rows([...tricky])).toEqual(whole);
    for (const size of [2, 3, 7, 16]) expect(rows(tricky.match(new RegExp(`[^]{1,${size}}`, 'g'))!)).toEqual(whole);
  });

  it('streams a file into the audit one event at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-stream-'));
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'place,offered,category,child,taken\n' + Array.from({ length: 3000 }, (_, i) => `P-${i},2025-12-01,orphans,C-${i},2025-12-02\n`).join(''));
    const seen: ReferralEvent[] = [];
    const r = await streamLog(file, (e) => seen.push(e));
    expect(r.diagnostics).toEqual([]);
    expect(r.eventCount).toBe(3000);
    expect(seen[2999]).toMatchObject({ place: 'P-2999', position: { line: 3001, column: 1 } });
  });

  it('remembers each offer in a compact table that grows, and finds the repeated one', () => {
    const index = new OfferIndex(16);
    for (let i = 0; i < 100_000; i++) expect(index.seen(`P-${i}\u00002025-12-01`, i + 2)).toBeUndefined();
    expect(index.seen('P-5\u00002025-12-01', 999)).toBe(7);
    expect(index.seen('P-99999\u00002025-12-01', 999)).toBe(100_001);
    expect(index.seen('P-5\u00002025-12-02', 999)).toBeUndefined();
  });

  it('refuses a YAML log over its size limit before reading it, pointing to CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-stream-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, '#'.repeat(MAX_YAML_BYTES + 1));
    const r = await streamLog(file, () => undefined);
    expect(r.diagnostics.map((d) => [d.rule, d.message])).toEqual([
      ['log/too-large', 'this YAML log is 2.0 MiB: a YAML log is read whole and may be at most 2 MiB (about 19,000 events); write a larger log as CSV, which is read as a stream'],
    ]);
  });

  it('an unclosed quote stops at the quote, without reading the rest of the file into one row', () => {
    const r = parseLog('q.csv', `place,offered,category,child\nP-1,2025-12-01,"orphans,C-1\n${'P-2,2025-12-01,orphans,C-2\n'.repeat(10)}`, 'csv');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(['q.csv:2:16: error: this quote is never closed: a quoted field must end with " [csv/syntax]']);
  });
});
