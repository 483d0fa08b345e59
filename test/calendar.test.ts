/**
 * Kazakhstan's working-day calendar: every day of 2025 and 2026 against the
 * official calendars as ../shared/reference/calendar-kz.md (§4.3, §4.4) lists
 * them, deadlines across New Year, Nauryz and Kurban Ait, a year without data,
 * the data file's diagnostics, and `hattama calendar`.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALENDAR_FILE, CalendarError, loadCalendar, type CalendarDay } from '../src/referral/calendar.js';
import { checkData, DataFileError, parseAndCheckData } from '../src/validate/data-file.js';
import validateCalendar from '../src/validate/generated/calendar.js';
import { hattama } from './support/cli.js';

// The official calendars, written out from the reference, not from the data file.
// §4.3 — 2025, five-day week.
const OFF_WEEKDAYS_2025 = [
  '2025-01-01', '2025-01-02', // Жаңа жыл (Wed–Thu)
  '2025-01-03', // Fri: day off moved from Sun 5 Jan by order of the Minister of Labour
  '2025-01-07', // Православиелік Рождество (Tue), a day off under the Labour Code
  '2025-03-10', // 8 March on Saturday → Monday
  '2025-03-21', // Наурыз, Friday (22–23 on the weekend)
  '2025-03-24', '2025-03-25', // for 22 and 23 March (Sat, Sun)
  '2025-05-01', '2025-05-07', '2025-05-09', // 8 May stays a working day
  '2025-06-06', // Kurban Ait (Fri)
  '2025-07-07', // 6 July on Sunday → Monday
  '2025-09-01', // 30 August on Saturday → Monday
  '2025-10-27', // 25 October on Saturday → Monday
  '2025-12-16', // Тәуелсіздік күні (Tue)
];
const WORKED_WEEKEND_2025 = ['2025-01-05']; // Sunday worked by order
// §4.4 — 2026, five-day week (egov.kz calendar as reported).
const OFF_WEEKDAYS_2026 = [
  '2026-01-01', '2026-01-02', // Thu–Fri; 5–6 January working
  '2026-01-07', // Wed
  '2026-03-09', // 8 March on Sunday → Monday
  '2026-03-23', '2026-03-24', '2026-03-25', // Наурыз 21–23 (Sat–Mon) → 21–25 March continuous
  '2026-05-01', '2026-05-07', // Fri, Thu
  '2026-05-11', // 9 May on Saturday → Monday
  '2026-05-27', // Kurban Ait (Wed)
  '2026-07-06', // Mon
  '2026-08-31', // 30 August on Sunday → Monday
  '2026-10-26', // 25 October on Sunday → Monday
  '2026-12-16', // Wed
];
const WORKED_WEEKEND_2026: string[] = [];

/** Every date of a year with its weekday (1 = Monday), computed here without the engine. */
function datesOf(year: number): { date: string; weekday: number }[] {
  const out: { date: string; weekday: number }[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    out.push({ date: d.toISOString().slice(0, 10), weekday: ((d.getUTCDay() + 6) % 7) + 1 });
  }
  return out;
}

const calendar = loadCalendar();
const dates = (days: readonly CalendarDay[]): string[] => days.map((d) => d.date);

describe.each([
  [2025, OFF_WEEKDAYS_2025, WORKED_WEEKEND_2025, 246],
  [2026, OFF_WEEKDAYS_2026, WORKED_WEEKEND_2026, 246],
] as const)('%i agrees with the official calendar', (year, offWeekdays, workedWeekend, workingDays) => {
  const days = calendar.year(year);

  it('day by day: listed weekdays off, listed weekend days worked, every other weekday working and weekend day off', () => {
    const expected = datesOf(year).map(({ date, weekday }) => ({
      date,
      weekday,
      working: weekday >= 6 ? workedWeekend.includes(date) : !offWeekdays.includes(date),
    }));
    expect(days.map(({ date, weekday, working }) => ({ date, weekday, working }))).toEqual(expected);
    // The same through day() and isWorkingDay().
    for (const e of expected) {
      expect(calendar.day(e.date)).toBe(days.find((d) => d.date === e.date));
      expect(calendar.isWorkingDay(e.date), e.date).toBe(e.working);
    }
  });

  it(`has ${workingDays} working days`, () => {
    expect(days.filter((d) => d.working)).toHaveLength(workingDays);
  });

  it('explains every weekday off and every weekend day worked in one sentence, and nothing else is unexplained', () => {
    for (const d of days) {
      const unusual = d.weekday <= 5 ? !d.working : d.working;
      if (unusual) expect(d.reason, d.date).toMatch(/^[^\n]+$/);
      if (d.kind === 'workday') expect(d.working && d.weekday <= 5 && d.reason === undefined, d.date).toBe(true);
      if (d.kind === 'weekend') expect(!d.working && d.weekday >= 6 && d.reason === undefined, d.date).toBe(true);
      if (d.kind === 'holiday' || d.kind === 'day-off' || d.kind === 'holiday-transfer') expect(d.holiday?.kk, d.date).toBeTruthy();
    }
  });
});

describe('why a day is off or worked', () => {
  it('a holiday on a weekend gives the next working day off, naming the holiday', () => {
    expect(calendar.day('2025-03-08')).toEqual({
      date: '2025-03-08',
      weekday: 6,
      working: false,
      kind: 'holiday',
      holiday: { kk: 'Халықаралық әйелдер күні', ru: 'Международный женский день' },
    });
    expect(calendar.day('2025-03-10')).toEqual({
      date: '2025-03-10',
      weekday: 1,
      working: false,
      kind: 'holiday-transfer',
      holiday: { kk: 'Халықаралық әйелдер күні', ru: 'Международный женский день' },
      reason: 'day off for 8 March (Халықаралық әйелдер күні), which falls on Saturday',
    });
  });

  it('each weekend day of Nauryz gives its own day off after the holiday block', () => {
    expect(calendar.day('2026-03-24').reason).toBe('day off for 21 March (Наурыз мейрамы), which falls on Saturday');
    expect(calendar.day('2026-03-25').reason).toBe('day off for 22 March (Наурыз мейрамы), which falls on Sunday');
    expect(calendar.day('2026-03-26').working).toBe(true);
    expect(calendar.day('2025-03-24').kind).toBe('holiday-transfer');
    expect(calendar.day('2025-03-25').reason).toBe('day off for 23 March (Наурыз мейрамы), which falls on Sunday');
  });

  it('7 January and Kurban Ait move nothing when they fall on a weekend', () => {
    // 2024: 7 January and Kurban Ait (16 June) were Sundays; the Mondays were working days.
    expect(calendar.day('2024-01-07')).toMatchObject({ kind: 'day-off', working: false });
    expect(calendar.day('2024-01-08')).toMatchObject({ kind: 'workday', working: true });
    expect(calendar.day('2024-06-16')).toMatchObject({ kind: 'day-off', holiday: { kk: 'Құрбан айт', ru: 'Курбан айт' } });
    expect(calendar.day('2024-06-17')).toMatchObject({ kind: 'workday', working: true });
  });

  it('7 January and Kurban Ait are days off under the Labour Code, not public holidays', () => {
    expect(calendar.day('2026-01-07')).toEqual({
      date: '2026-01-07',
      weekday: 3,
      working: false,
      kind: 'day-off',
      holiday: { kk: 'Православиелік Рождество', ru: 'Православное Рождество' },
      reason: '7 January is a day off under the Labour Code (Православиелік Рождество), not a public holiday',
    });
    expect(calendar.day('2026-05-27')).toMatchObject({ kind: 'day-off', reason: '27 May is the first day of Kurban Ait (Құрбан айт), a day off under the Labour Code, not a public holiday' });
    expect(calendar.day('2026-01-01')).toMatchObject({ kind: 'holiday', reason: '1 January is a public holiday (Жаңа жыл)' });
    const table = hattama(['calendar', '2024']).stdout.split('\n');
    expect(table).toContain('2024-01-07  Sun  no       day off (Labour Code) on a weekend, not moved: Православиелік Рождество');
    expect(hattama(['calendar', '2026']).stdout).not.toMatch(/7 January is a public holiday/);
  });

  it('transfers by order override the rules, with their notes', () => {
    expect(calendar.day('2025-01-03')).toMatchObject({ kind: 'order-day-off', working: false, reason: expect.stringContaining('Sunday 5 January') });
    expect(calendar.day('2025-01-05')).toMatchObject({ kind: 'order-working-day', working: true, reason: expect.stringContaining('Friday 3 January') });
    expect(calendar.day('2024-05-04')).toMatchObject({ kind: 'order-working-day', working: true });
    expect(calendar.day('2024-05-08')).toMatchObject({ kind: 'order-day-off', working: false });
    expect(calendar.day('2025-05-08')).toMatchObject({ kind: 'workday', working: true });
  });

  it('25 October is a holiday since 2022; 1 and 17 December are not any more', () => {
    expect(calendar.day('2024-10-25')).toMatchObject({ kind: 'holiday', holiday: { kk: 'Республика күні' } });
    expect(calendar.day('2025-12-01').working).toBe(true);
    expect(calendar.day('2026-12-17').working).toBe(true);
  });
});

describe('deadlines in working days', () => {
  const skipped = (iso: string, n: number): { date: string; skipped: string[]; holidays: string[] } => {
    const r = calendar.addWorkingDays(iso, n);
    return { date: r.date, skipped: dates(r.skipped), holidays: [...new Set(r.skipped.flatMap((d) => (d.holiday ? [d.holiday.kk] : [])))] };
  };

  it('across New Year 2025, with Friday 3 January off and Sunday 5 January worked', () => {
    expect(skipped('2024-12-30', 3)).toEqual({
      date: '2025-01-06',
      skipped: ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04'],
      holidays: ['Жаңа жыл'],
    });
    expect(calendar.addWorkingDays('2024-12-30', 3).skipped.map((d) => d.kind)).toEqual(['holiday', 'holiday', 'order-day-off', 'weekend']);
  });

  it('across New Year 2026 and 7 January', () => {
    expect(skipped('2025-12-31', 3)).toEqual({
      date: '2026-01-08',
      skipped: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-07'],
      holidays: ['Жаңа жыл', 'Православиелік Рождество'],
    });
  });

  it('across Nauryz 2025 (Fri–Sun, then Mon 24 and Tue 25 off)', () => {
    expect(skipped('2025-03-20', 5)).toEqual({
      date: '2025-04-01',
      skipped: ['2025-03-21', '2025-03-22', '2025-03-23', '2025-03-24', '2025-03-25', '2025-03-29', '2025-03-30'],
      holidays: ['Наурыз мейрамы'],
    });
  });

  it('across Nauryz 2026 (Sat–Mon, then Tue 24 and Wed 25 off)', () => {
    expect(skipped('2026-03-20', 5)).toEqual({
      date: '2026-04-01',
      skipped: ['2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-28', '2026-03-29'],
      holidays: ['Наурыз мейрамы'],
    });
  });

  it('across Kurban Ait 2025 (Friday 6 June)', () => {
    expect(skipped('2025-06-05', 1)).toEqual({ date: '2025-06-09', skipped: ['2025-06-06', '2025-06-07', '2025-06-08'], holidays: ['Құрбан айт'] });
    expect(skipped('2025-06-04', 5)).toEqual({ date: '2025-06-12', skipped: ['2025-06-06', '2025-06-07', '2025-06-08'], holidays: ['Құрбан айт'] });
  });

  it('across Kurban Ait 2026 (Wednesday 27 May)', () => {
    expect(skipped('2026-05-26', 1)).toEqual({ date: '2026-05-28', skipped: ['2026-05-27'], holidays: ['Құрбан айт'] });
    expect(skipped('2026-05-26', 5)).toEqual({ date: '2026-06-03', skipped: ['2026-05-27', '2026-05-30', '2026-05-31'], holidays: ['Құрбан айт'] });
  });

  it('counting starts the next day; 0 days is the day itself', () => {
    expect(calendar.addWorkingDays('2025-03-22', 0)).toEqual({ date: '2025-03-22', skipped: [] });
    expect(calendar.addWorkingDays('2025-03-21', 1).date).toBe('2025-03-26');
    expect(() => calendar.addWorkingDays('2025-03-21', -1)).toThrow(RangeError);
    expect(() => calendar.day('2025-02-30')).toThrow(RangeError);
  });

  it('workingDaysBetween counts the days after `from` up to and including `to`', () => {
    expect(calendar.workingDaysBetween('2025-03-20', '2025-03-27')).toBe(2);
    expect(calendar.workingDaysBetween('2025-03-20', '2025-03-20')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-27', '2025-03-20')).toBe(0);
    expect(calendar.workingDaysBetween('2024-12-31', '2026-12-31')).toBe(246 + 246);
    for (const [from, n] of [['2024-12-30', 3], ['2025-12-31', 3], ['2026-03-20', 5], ['2025-06-04', 5], ['2026-05-26', 5]] as const) {
      expect(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, n).date)).toBe(n);
    }
  });
});

describe('a year without a known Kurban Ait date', () => {
  it('is an error naming the missing data, never a guess', () => {
    const message = 'Kurban Ait 2027 is not in data/calendar-kz.yaml: add its date (set yearly by the Ministry of Labour with ДУМК)';
    expect(() => calendar.year(2027)).toThrow(CalendarError);
    expect(() => calendar.day('2027-03-01')).toThrow(message);
    expect(() => calendar.isWorkingDay('2023-06-28')).toThrow('Kurban Ait 2023 is not in data/calendar-kz.yaml');
    // A deadline that runs into 2027 needs 2027's data too.
    expect(() => calendar.addWorkingDays('2026-12-30', 3)).toThrow(CalendarError);
  });

  it('is added by editing data only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hattama-calendar-'));
    const file = join(dir, 'calendar.yaml');
    // A made-up date, for the test only: the real one is published by ДУМК.
    writeFileSync(
      file,
      readFileSync(CALENDAR_FILE, 'utf8') +
        '\n  - year: 2027\n    kurban_ait:\n      date: 2027-05-17\n      transfer: false\n      source: [https://example.org/test-only]\n',
    );
    const c = loadCalendar(file);
    // 2 January 2027 is a Saturday: Monday 4 January is off for it.
    const r = c.addWorkingDays('2026-12-30', 3);
    expect(r.date).toBe('2027-01-06');
    expect(r.skipped.map((d) => `${d.date} ${d.kind}`)).toEqual(['2027-01-01 holiday', '2027-01-02 holiday', '2027-01-03 weekend', '2027-01-04 holiday-transfer']);
    expect(c.day('2027-05-17')).toMatchObject({ kind: 'day-off', holiday: { kk: 'Құрбан айт' } });
    expect(c.year(2027)).toHaveLength(365);
    // Parsed once per process per file.
    expect(loadCalendar(file)).toBe(c);
    expect(loadCalendar()).toBe(calendar);
  });
});

describe('the data file', () => {
  const text = readFileSync(CALENDAR_FILE, 'utf8');

  it('is valid, without a single warning', () => {
    const checked = parseAndCheckData('data/calendar-kz.yaml', text, validateCalendar);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.value?.holidays.length).toBeGreaterThanOrEqual(11);
  });

  it('gives every fact a source address', () => {
    const data = checkData('data/calendar-kz.yaml', text, validateCalendar).value!;
    for (const h of data.holidays) expect(h.source.length, h.id).toBeGreaterThan(0);
    for (const y of data.years) {
      expect(y.kurban_ait.source.length, String(y.year)).toBeGreaterThan(0);
      for (const o of y.orders ?? []) expect(o.source.length, o.date).toBeGreaterThan(0);
    }
    expect(data.years.map((y) => y.year)).toEqual(expect.arrayContaining([2024, 2025, 2026]));
  });

  /** Writes a broken copy and returns the error the loader throws, and where the broken text starts. */
  function broken(from: string, to: string): { error: DataFileError; file: string; line: number; column: number } {
    const at = text.indexOf(from);
    expect(at, from).toBeGreaterThan(0);
    const before = text.slice(0, at).split('\n');
    const dir = mkdtempSync(join(tmpdir(), 'hattama-calendar-'));
    const file = join(dir, 'calendar-kz.yaml');
    writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
    let error: unknown;
    try {
      loadCalendar(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    return { error: error as DataFileError, file, line: before.length, column: before.at(-1)!.length + 1 };
  }

  it('a schema error is reported at file:line:column', () => {
    const b = broken('change: day-off', 'change: dayoff');
    const col = b.column + 'change: '.length;
    expect(b.error.message).toBe(`${b.file}:${b.line}:${col}: years[1].orders[2].change is the text "dayoff" — did you mean "day-off"?`);
  });

  it('an unreal date, an unknown key and a date in the wrong year are each placed', () => {
    let b = broken('date: 2026-05-27', 'date: 2026-02-30');
    expect(b.error.message).toBe(`${b.file}:${b.line}:${b.column + 6}: years[3].kurban_ait.date "2026-02-30" is not a real calendar date`);
    b = broken('date: 2026-05-27', 'date: 2025-05-27');
    expect(b.error.message).toBe(`${b.file}:${b.line}:${b.column + 6}: years[3].kurban_ait.date 2025-05-27 is not in 2026`);
    b = broken('    transfer: false\n    status:', '    transfr: false\n    status:');
    expect(b.error.message).toContain(`${b.file}:${b.line}:${b.column + 4}: unknown key "transfr" in holidays[2] — did you mean "transfer"?`);
    b = broken("days: ['03-08']", "days: ['02-30']");
    expect(b.error.message).toBe(`${b.file}:${b.line}:${b.column + 7}: holidays[3].days[1] "02-30" is not a real month and day`);
  });

  it('a YAML syntax error is placed too', () => {
    const b = broken("days: ['01-01', '01-02']", "days: ['01-01', '01-02'");
    expect(b.error.message).toContain(`${b.file}:${b.line}:${b.column + 6}: YAML syntax: this "[" is never closed`);
  });
});

describe('hattama calendar', () => {
  it.each([2025, 2026])('%i --json prints the engine’s days', (year) => {
    const r = hattama(['calendar', String(year), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(calendar.year(year));
  });

  it('prints a readable table with the reasons and a summary', () => {
    const r = hattama(['calendar', '2025']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('2025-03-10  Mon  no       day off for 8 March (Халықаралық әйелдер күні), which falls on Saturday');
    expect(lines).toContain('2025-01-05  Sun  yes      working day by order of the Minister of Labour, its day off moved to Friday 3 January');
    expect(lines).toContain('2025-01-06  Mon  yes');
    expect(lines).toContain('2025-01-04  Sat  no');
    expect(lines.filter((l) => /^2025-\d\d-\d\d /.test(l))).toHaveLength(365);
    expect(lines.at(-1)).toBe('2025: 365 days, 246 working days, 119 days off; 16 weekdays off (holidays, transfers, orders), 1 weekend day worked');
  });

  it('a year without data: a clear message and exit 1', () => {
    const r = hattama(['calendar', '2027']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Kurban Ait 2027 is not in data/calendar-kz.yaml');
  });

  it('a YEAR that is not a year: exit 2', () => {
    const r = hattama(['calendar', '20x5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"20x5"');
    expect(hattama(['calendar']).code).toBe(2);
  });
});
