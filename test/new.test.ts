/** `hattama new`: the next record of a body, numbered under the archive's rule, as a draft that validates. */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { hattama } from './support/cli.js';
import { ROOT } from './support/seed.js';
import { planNextRecord, recordText } from '../src/scaffold/next-record.js';
import { configFor } from '../src/config/load.js';

const EN = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary archive with a hattama.yaml and records: [path under meetings/, body, number, date]. */
function archive(config: string, records: [string, string, number, string][] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'hattama-new-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'hattama.yaml'), config);
  mkdirSync(join(dir, 'meetings'), { recursive: true });
  for (const [path, body, number, date] of records) {
    mkdirSync(join(dir, 'meetings', path, '..'), { recursive: true });
    writeFileSync(
      join(dir, 'meetings', path),
      `hattama: 1\norganisation:\n  name: Мектеп\nbody: ${body}\nnumber: ${number}\ndate: ${date}\nattendance:\n  present: 5\nchair: Ахметов А.Б\nsecretary: Бекова Г.Т\nagenda:\n  - title: Мәселе\nstatus: draft\n`,
    );
  }
  return dir;
}

const next = async (root: string, body: 'board-of-trustees' | 'pedagogical-council', date: string): Promise<number> =>
  (await planNextRecord(root, body, date, configFor(join(root, 'meetings', date.slice(0, 4))).config)).number;

describe('hattama new in this repository (the seed)', () => {
  it('writes №3 of 2025 for the seed organisation, a draft that validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-new-seed-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'hattama.yaml'), join(dir, 'hattama.yaml'));
    cpSync(join(ROOT, 'meetings'), join(dir, 'meetings'), { recursive: true });
    const r = hattama(['new', 'board-of-trustees', '--date', '2025-12-30'], { cwd: dir, env: EN });
    expect(r.stderr).toContain('a draft of protocol №3 (board of trustees, 2025)');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('meetings/2025/2025-12-30-board-of-trustees-03.yaml\n');
    const text = readFileSync(join(dir, 'meetings', '2025', '2025-12-30-board-of-trustees-03.yaml'), 'utf8');
    const rec = parse(text) as Record<string, unknown>;
    expect(rec).toMatchObject({
      number: 3,
      date: '2025-12-30',
      status: 'draft',
      body: 'board-of-trustees',
      language: 'kk',
      organisation: { name: '№1 «Еркетай» Алға бөбекжай балабақшасы' },
      chair: 'Аметов Е.Д',
      secretary: 'Жұмағалиева Г.Т',
      attendance: { present: 7 },
    });
    // The agenda is to fill in, and the output says where.
    expect(r.stderr).toMatch(/meetings\/2025\/2025-12-30-board-of-trustees-03\.yaml:(\d+):(\d+): «КҮН ТӘРТІБІНДЕГІ МӘСЕЛЕНІҢ АТАУЫ»/);
    const [, line, column] = /:(\d+):(\d+): «КҮН/.exec(r.stderr)!;
    expect(text.split('\n')[Number(line) - 1]!.slice(Number(column) - 1)).toBe('«КҮН ТӘРТІБІНДЕГІ МӘСЕЛЕНІҢ АТАУЫ»');
    const v = hattama(['validate', 'meetings'], { cwd: dir, env: EN });
    expect(v.stderr).toContain('2 records checked: all valid, 0 errors');
    expect(v.code).toBe(0);
  });

  it("points the record's $schema at this repository's schemas/", () => {
    const file = join(ROOT, 'meetings', '2025', 'x.yaml');
    const text = recordText({ language: 'kk', organisation: { name: 'Х' }, body: 'board-of-trustees', number: 1, date: '2025-01-01', attendance: { present: 1 }, chair: 'А', secretary: 'Б' }, ROOT, file);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/meeting.schema.json');
    expect(existsSync(join(ROOT, 'meetings', '2025', '../../schemas/meeting.schema.json'))).toBe(true);
  });

  it('from a subfolder, writes at the root and prints the path from the root', () => {
    const dir = archive('organisation:\n  name:\n    kk: Мектеп\n', [['2025/a.yaml', 'board-of-trustees', 1, '2025-03-01']]);
    const r = hattama(['new', 'board-of-trustees', '--date', '2025-04-01'], { cwd: join(dir, 'meetings', '2025'), env: EN });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('meetings/2025/2025-04-01-board-of-trustees-02.yaml\n');
    expect(existsSync(join(dir, 'meetings', '2025', '2025-04-01-board-of-trustees-02.yaml'))).toBe(true);
  });
});

describe('numbering', () => {
  it('calendar year: numbers run on within a year, restart in the next, and count only the same body', async () => {
    const dir = archive('rules:\n  numbering: calendar-year\n', [
      ['2025/a.yaml', 'board-of-trustees', 1, '2025-02-01'],
      ['2025/b.yaml', 'board-of-trustees', 2, '2025-10-01'],
      ['2025/c.yaml', 'pedagogical-council', 7, '2025-11-01'],
    ]);
    expect(await next(dir, 'board-of-trustees', '2025-12-30')).toBe(3);
    expect(await next(dir, 'board-of-trustees', '2026-01-10')).toBe(1);
    expect(await next(dir, 'pedagogical-council', '2025-12-01')).toBe(8);
  });

  it('school year: from September by default, or the month in school_year_starts', async () => {
    const records: [string, string, number, string][] = [
      ['2025/a.yaml', 'pedagogical-council', 1, '2025-08-28'],
      ['2025/b.yaml', 'pedagogical-council', 1, '2025-09-15'],
      ['2025/c.yaml', 'pedagogical-council', 2, '2025-12-20'],
    ];
    const sept = archive('rules:\n  numbering: school-year\n', records);
    expect(await next(sept, 'pedagogical-council', '2026-01-15')).toBe(3);
    expect(await next(sept, 'pedagogical-council', '2026-08-31')).toBe(3);
    expect(await next(sept, 'pedagogical-council', '2026-09-01')).toBe(1);
    const aug = archive('rules:\n  numbering: school-year\n  school_year_starts: 8\n', records.slice(1));
    expect(await next(aug, 'pedagogical-council', '2026-07-31')).toBe(3);
    expect(await next(aug, 'pedagogical-council', '2026-08-01')).toBe(1);
  });
});

describe('people', () => {
  it("takes members, chair and secretary from hattama.yaml's bodies before the last meeting", () => {
    const dir = archive(
      'organisation:\n  name:\n    kk: «Балдырған» бөбекжайы\n    ru: Ясли «Балдырган»\nbodies:\n  board-of-trustees:\n    chair: { name: Сейітов Н.К, position: кеңес төрағасы }\n    secretary: Әлиева Д.М\n    members:\n      - Сейітов Н.К\n      - Әлиева Д.М\n      - "Оспанов: Б.Б"\n',
      [['2025/a.yaml', 'board-of-trustees', 1, '2025-02-01']],
    );
    const r = hattama(['new', 'board-of-trustees', '--date', '2025-03-01'], { cwd: dir, env: EN });
    expect(r.code).toBe(0);
    const rec = parse(readFileSync(join(dir, r.stdout.trim()), 'utf8')) as Record<string, unknown>;
    expect(rec).toMatchObject({
      number: 2,
      organisation: { name: '«Балдырған» бөбекжайы' },
      chair: { name: 'Сейітов Н.К', position: 'кеңес төрағасы' },
      secretary: 'Әлиева Д.М',
      attendance: { members: 3, people: ['Сейітов Н.К', 'Әлиева Д.М', 'Оспанов: Б.Б'] },
    });
    expect(hattama(['validate', 'meetings'], { cwd: dir, env: EN }).code).toBe(0);
  });

  it('with nothing known, writes placeholders that still validate', () => {
    const dir = archive('');
    const r = hattama(['new', 'parents-meeting', '--date', '2025-05-20'], { cwd: dir, env: EN });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, r.stdout.trim()), 'utf8');
    expect(text).toContain('«ТӨРАҒАНЫҢ АТЫ-ЖӨНІ»');
    expect(r.stderr).toContain('Fill in these 5 placeholders:');
    expect(hattama(['validate', 'meetings'], { cwd: dir, env: EN }).code).toBe(0);
  });
});

describe('refusals', () => {
  it('an unknown body: exit 1, naming the known ones', () => {
    const dir = archive('');
    const r = hattama(['new', 'board-of-trustes'], { cwd: dir, env: EN });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown body "board-of-trustes": use one of board-of-trustees, pedagogical-council, parents-meeting, methodological-council, general-meeting');
    expect(existsSync(join(dir, 'meetings', '2025'))).toBe(false);
  });

  it('never replaces a file: exit 1, the file as it was', () => {
    const dir = archive('', [['2025/a.yaml', 'board-of-trustees', 1, '2025-02-01']]);
    const target = join(dir, 'meetings', '2025', '2025-03-01-board-of-trustees-02.yaml');
    writeFileSync(target, 'not: a record\n');
    const r = hattama(['new', 'board-of-trustees', '--date', '2025-03-01'], { cwd: dir, env: EN });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('meetings/2025/2025-03-01-board-of-trustees-02.yaml already exists: nothing was written');
    expect(readFileSync(target, 'utf8')).toBe('not: a record\n');
  });

  it('a bad date is a usage error', () => {
    const dir = archive('');
    expect(hattama(['new', 'board-of-trustees', '--date', '2025-02-30'], { cwd: dir, env: EN }).code).toBe(2);
  });

  it('outside any archive: exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-new-none-'));
    dirs.push(dir);
    const r = hattama(['new', 'board-of-trustees'], { cwd: dir, env: EN });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no archive here');
  });
});

describe('hattama.yaml organisation and bodies', () => {
  it('reports each mistake at its place, without repeating a name', () => {
    const dir = archive('organisation:\n  name:\n    kz: Мектеп\nbodies:\n  board-of-trusteez:\n    chair: Ахметов А.Б\n  pedagogical-council:\n    members: 0\n    secretery: Бекова Г.Т\n');
    const { diagnostics } = configFor(dir);
    const lines = diagnostics.map((d) => `${d.position?.line}:${d.position?.column} ${d.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '3:5 unknown key "kz" — did you mean "kk"?',
        '5:3 unknown body "board-of-trusteez" — did you mean "board-of-trustees"?',
        '8:14 members must be a list of names (or name: and position:), or the number of members, 1 or more',
        '9:5 unknown key "secretery" — did you mean "secretary"?',
      ]),
    );
    expect(diagnostics.map((d) => d.message).join('\n')).not.toContain('Ахметов');
    const r = hattama(['new', 'board-of-trustees', '--date', '2025-03-01'], { cwd: dir, env: EN });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/hattama\.yaml:5:3: error: unknown body/);
  });

  it('reads them when right', () => {
    const dir = archive('organisation:\n  name:\n    kk: Мектеп\n    ru: Школа\nbodies:\n  general-meeting:\n    members: 12\n');
    const { config, diagnostics } = configFor(dir);
    expect(diagnostics).toEqual([]);
    expect(config.organisation).toEqual({ name: { kk: 'Мектеп', ru: 'Школа' } });
    expect(config.bodies).toEqual({ 'general-meeting': { members: 12 } });
  });
});
