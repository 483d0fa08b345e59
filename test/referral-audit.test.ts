/**
 * The audit of a referral log (issue 3, items 5 and 6): a crafted log with
 * planted breaches across New Year, Nauryz and Kurban Ait; the audit finds
 * every one of them and nothing else, counts per category and the median;
 * logs with personal data are refused and nothing is written; broken logs
 * are reported at file:line:column; the report's DOCX and PDF carry the rows.
 *
 * The expected values below are worked out by hand from the official
 * calendars (../shared/reference/calendar-kz.md) and the rule sets in
 * data/referral-rules.yaml — darabala-2025 from 01.09.2025, voucher-2026 from
 * 01.01.2026: privileged window 3 calendar days, then 5 working days to take
 * the referral, counted from the day after the offer, after which the place
 * passes to the general queue.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditLog, median, type Audit } from '../src/referral/audit.js';
import { loadCalendar } from '../src/referral/calendar.js';
import { knownCategories, parseLog, readLog, type ReferralEvent } from '../src/referral/log.js';
import { ruleSetOn, ruleSets } from '../src/referral/rules.js';
import { formatDiagnostic } from '../src/parse/diagnostic.js';
import { hattama } from './support/cli.js';
import { docxText } from './support/docx-xml.js';
import { pdfText } from './support/pdf-text.js';

const FIXTURES = 'test/fixtures/referral';
const CSV_LOG = `${FIXTURES}/log.csv`;
const YAML_LOG = `${FIXTURES}/log.yaml`;
const FROM = '2025-11-01';
const TO = '2026-06-30';

interface Planted {
  readonly kind: 'general-too-early' | 'taken-late' | 'unknown-category';
  readonly place: string;
  readonly child: string;
  readonly category: string;
  readonly offered: string;
  readonly taken?: string;
  readonly lapsed?: string;
  /** Last day of the 5 working days to take the referral. */
  readonly deadline: string;
  /** taken-late: working days after the deadline. */
  readonly late?: number;
}

/** Every breach planted in log.csv / log.yaml within FROM..TO, by offer date then place. */
const PLANTED: readonly Planted[] = [
  // Re-offered the day after a lapse: a new privileged window starts; the general queue took it the next day.
  { kind: 'general-too-early', place: 'P-02', child: 'C-1003', category: 'general', offered: '2025-11-25', taken: '2025-11-26', deadline: '2025-12-02' },
  // Tue 16 Dec (Independence Day) moves the deadline to Mon 22 Dec; counting it as a working day would make 19 Dec lawful.
  { kind: 'general-too-early', place: 'P-05', child: 'C-1006', category: 'general', offered: '2025-12-12', taken: '2025-12-19', deadline: '2025-12-22' },
  // Across New Year: deadline Wed 31 Dec; 1–2 Jan holidays, 3–4 Jan weekend, so Mon 5 Jan is 1 working day late.
  { kind: 'taken-late', place: 'P-06', child: 'C-1007', category: 'disabled-children', offered: '2025-12-24', taken: '2026-01-05', deadline: '2025-12-31', late: 1 },
  // 7 Jan (Orthodox Christmas) stepped over: deadline Wed 14 Jan.
  { kind: 'taken-late', place: 'P-09', child: 'C-1010', category: 'large-families', offered: '2026-01-06', taken: '2026-01-15', deadline: '2026-01-14', late: 1 },
  // The general queue on the last privileged day itself.
  { kind: 'general-too-early', place: 'P-10', child: 'C-1011', category: 'general', offered: '2026-01-06', taken: '2026-01-14', deadline: '2026-01-14' },
  // Nauryz: 21–22 Mar weekend, 23–25 Mar off; deadline Tue 31 Mar (naively 26 Mar).
  { kind: 'general-too-early', place: 'P-15', child: 'C-1016', category: 'general', offered: '2026-03-19', taken: '2026-03-27', deadline: '2026-03-31' },
  // Across Nauryz: deadline Wed 1 Apr; Fri 3 Apr is 2 working days late.
  { kind: 'taken-late', place: 'P-16', child: 'C-1017', category: 'military', offered: '2026-03-20', taken: '2026-04-03', deadline: '2026-04-01', late: 2 },
  // Kurban Ait Wed 27 May: deadline Mon 1 Jun, and the general queue took it that day.
  { kind: 'general-too-early', place: 'P-23', child: 'C-1024', category: 'general', offered: '2026-05-22', taken: '2026-06-01', deadline: '2026-06-01' },
  // Across Kurban Ait: deadline Tue 2 Jun; Thu 4 Jun is 2 working days late.
  { kind: 'taken-late', place: 'P-24', child: 'C-1025', category: 'military', offered: '2026-05-25', taken: '2026-06-04', deadline: '2026-06-02', late: 2 },
];
// Clean look-alikes in the log: P-04 taken by a privileged child on 22 Dec, the last day thanks to 16 Dec;
// P-07 on 8 Jan across New Year and Christmas; P-13 on 13 Mar across 9 March; P-14 on 30 Mar across Nauryz;
// P-20 on 14 May across 7 and 11 May; P-22 on 28 May across Kurban Ait; lawful hand-overs P-08, P-17 (on
// the very day the place passed on), P-21. Outside the period: P-28 (Oct 2025, general the next day) and
// P-29 (Jul 2026, taken late) would be breaches and must not be reported.

/** The lawful hand-overs: general queue after the deadline. */
const HAND_OVERS = [
  { place: 'P-08', child: 'C-1009', offered: '2025-12-30', deadline: '2026-01-09', taken: '2026-01-12', workingDays: 6 },
  { place: 'P-17', child: 'C-1018', offered: '2026-03-20', deadline: '2026-04-01', taken: '2026-04-02', workingDays: 6 },
  { place: 'P-21', child: 'C-1022', offered: '2026-05-06', deadline: '2026-05-15', taken: '2026-05-18', workingDays: 6 },
];

/** Per category: offered, taken, lapsed, open, median working days to take. */
const PER_CATEGORY = [
  { id: 'military', kind: 'privileged', offered: 3, taken: 3, lapsed: 0, open: 0, median: 7 }, // 5, 7, 7
  { id: 'disabled-parents', kind: 'privileged', offered: 1, taken: 1, lapsed: 0, open: 0, median: 5 },
  { id: 'without-parental-care', kind: 'privileged', offered: 1, taken: 1, lapsed: 0, open: 0, median: 2 },
  { id: 'orphans', kind: 'privileged', offered: 4, taken: 2, lapsed: 2, open: 0, median: 5 }, // 5, 5
  { id: 'large-families', kind: 'privileged', offered: 4, taken: 3, lapsed: 1, open: 0, median: 5 }, // 2, 6, 5
  { id: 'teachers', kind: 'privileged', offered: 4, taken: 3, lapsed: 0, open: 1, median: 3 }, // 3, 4, 1
  { id: 'disabled-children', kind: 'privileged', offered: 2, taken: 2, lapsed: 0, open: 0, median: 5.5 }, // 6, 5
  { id: 'special-educational-needs', kind: 'privileged', offered: 0, taken: 0, lapsed: 0, open: 0, median: undefined },
  { id: 'general', kind: 'general', offered: 9, taken: 8, lapsed: 0, open: 1, median: 5 }, // 1, 4, 6, 5, 3, 6, 6, 5
];

const calendar = loadCalendar();
const audit = (events: readonly ReferralEvent[], from = FROM, to = TO): Audit => auditLog(events, { from, to, ruleSets: ruleSets(), calendar });
const breachesOf = (a: Audit): Planted[] =>
  a.breaches.map((b) => ({
    kind: b.kind,
    place: b.event.place,
    child: b.event.child,
    category: b.event.category,
    offered: b.event.offered,
    ...(b.event.taken && { taken: b.event.taken }),
    ...(b.event.lapsed && { lapsed: b.event.lapsed }),
    deadline: b.timeline.handOver.ends,
    ...(b.workingDaysLate !== undefined && { late: b.workingDaysLate }),
  }));
const withoutPositions = (events: readonly ReferralEvent[]) => events.map(({ position: _p, fields: _f, ...rest }) => rest);
const dmy = (iso: string): string => iso.split('-').reverse().join('.');
const work = (): string => mkdtempSync(join(tmpdir(), 'hattama-referral-'));
const listed = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe('the audit of the crafted log', () => {
  const csv = readLog(CSV_LOG);
  const yaml = readLog(YAML_LOG);

  it('reads 30 events from the CSV and the same from the YAML, without problems', () => {
    expect(csv.diagnostics).toEqual([]);
    expect(yaml.diagnostics).toEqual([]);
    expect(csv.events).toHaveLength(30);
    expect(withoutPositions(yaml.events)).toEqual(withoutPositions(csv.events));
    // Positions: row 5 of the CSV (line 6), its category at column 17; the YAML event's offered value.
    expect(csv.events[4]!.position).toEqual({ line: 6, column: 1 });
    expect(csv.events[4]!.fields.category).toEqual({ line: 6, column: 17 });
    expect(yaml.events[0]!.fields.offered).toEqual({ line: 4, column: 12 });
  });

  it('finds every planted breach and nothing else', () => {
    expect(breachesOf(audit(csv.events))).toEqual(PLANTED);
    expect(breachesOf(audit(yaml.events))).toEqual(PLANTED);
  });

  it('counts breaches by kind, and audits no event outside the period', () => {
    const a = audit(csv.events);
    expect(a.breachCounts).toEqual({ 'general-too-early': 5, 'taken-late': 4, 'unknown-category': 0 });
    expect(a.totals.offered).toBe(28);
    expect(a.breaches.map((b) => b.event.place)).not.toContain('P-28');
    expect(a.breaches.map((b) => b.event.place)).not.toContain('P-29');
    expect(a.problems).toEqual([]);
    // Both rule sets of the period, each event judged by the one in force on its offer date.
    expect(a.ruleSets.map((s) => s.id)).toEqual(['darabala-2025', 'voucher-2026']);
    expect(a.breaches.find((b) => b.event.place === 'P-06')!.rules.id).toBe('darabala-2025');
    expect(a.breaches.find((b) => b.event.place === 'P-09')!.rules.id).toBe('voucher-2026');
  });

  it('finds a category id of another rule set, suggesting the one a typo meant', () => {
    // The shipped rule sets share their categories; a log checked against a longer list can still hold one the set in force lacks.
    const log = parseLog('x.csv', 'place,offered,category,child,taken,lapsed\nP-12,2026-02-16,teacher,C-1013,2026-02-20,\nP-25,2026-05-26,kindergarten-staff,C-1026,,2026-06-03\n', 'csv', {
      categories: [...knownCategories(), 'teacher', 'kindergarten-staff'],
    });
    expect(log.diagnostics).toEqual([]);
    const a = audit(log.events);
    expect(breachesOf(a)).toEqual([
      { kind: 'unknown-category', place: 'P-12', child: 'C-1013', category: 'teacher', offered: '2026-02-16', taken: '2026-02-20', deadline: '2026-02-23' },
      { kind: 'unknown-category', place: 'P-25', child: 'C-1026', category: 'kindergarten-staff', offered: '2026-05-26', lapsed: '2026-06-03', deadline: '2026-06-03' },
    ]);
    expect(a.breaches.map((b) => [b.suggestion, b.categoryKind])).toEqual([['teachers', 'unknown'], [undefined, 'unknown']]);
    expect(a.categories.slice(-2).map((c) => [c.id, c.kind, c.offered, c.taken, c.lapsed, c.medianWorkingDays])).toEqual([
      ['teacher', 'unknown', 1, 1, 0, 4],
      ['kindergarten-staff', 'unknown', 1, 0, 1, undefined],
    ]);
  });

  it('lists the places passed lawfully to the general queue', () => {
    expect(
      audit(csv.events).handOvers.map((h) => ({
        place: h.event.place,
        child: h.event.child,
        offered: h.event.offered,
        deadline: h.timeline.handOver.ends,
        taken: h.event.taken,
        workingDays: h.workingDaysToTake,
      })),
    ).toEqual(HAND_OVERS);
  });

  it('counts referrals per category and the median working days to take one', () => {
    const a = audit(csv.events);
    expect(a.categories.map((c) => ({ id: c.id, kind: c.kind, offered: c.offered, taken: c.taken, lapsed: c.lapsed, open: c.open, median: c.medianWorkingDays }))).toEqual(PER_CATEGORY);
    expect(a.categories[0]!.names?.kk).toBe(ruleSetOn('2026-01-01').categories[0]!.kk);
    // 23 referrals taken: 1 1 2 2 3 3 4 4 5 5 5 5 5 5 5 5 6 6 6 6 6 7 7 — the 12th is 5.
    expect(a.totals).toEqual({ offered: 28, taken: 23, lapsed: 3, open: 2, medianWorkingDays: 5 });
  });

  it('takes the median as the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeUndefined();
    expect(median([7, 1, 3])).toBe(3);
    expect(median([6, 5])).toBe(5.5);
  });

  it('audits a narrower period only by the events offered in it', () => {
    const january = audit(csv.events, '2026-01-01', '2026-01-31');
    expect(january.totals.offered).toBe(2);
    expect(breachesOf(january)).toEqual(PLANTED.filter((p) => p.offered.startsWith('2026-01')));
    expect(january.ruleSets.map((s) => s.id)).toEqual(['voucher-2026']);
  });

  it('reports an event it cannot audit: a year the calendar has no data for', () => {
    const late = parseLog('late.csv', 'place,offered,category,child,taken\nP-1,2026-12-28,orphans,C-1,\n', 'csv');
    const a = audit(late.events, '2026-12-01', '2026-12-31');
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0]!.rule).toBe('referral/calendar');
    expect(a.problems[0]!.message).toContain('Kurban Ait 2027 is not in data/calendar-kz.yaml');
    const early = parseLog('early.csv', 'place,offered,category,child\nP-1,2022-06-01,orphans,C-1\n', 'csv');
    expect(audit(early.events, '2022-01-01', '2022-12-31').problems.map((p) => [p.rule, p.message])).toEqual([
      ['referral/no-rules', 'no referral rule set is in force on 2022-06-01: the earliest, "almaty-2023", starts 2023-01-01; the event cannot be audited'],
    ]);
  });

  it('matches categories regardless of case', () => {
    const log = parseLog('case.csv', 'place,offered,category,child,taken\nP-1,2026-02-02,Orphans,C-1,2026-02-03\nP-2,2026-02-02,GENERAL,C-2,2026-02-03\n', 'csv');
    const a = audit(log.events, '2026-02-01', '2026-02-28');
    expect(log.events.map((e) => e.category)).toEqual(['orphans', 'general']);
    expect(a.categories.filter((c) => c.offered).map((c) => [c.id, c.kind])).toEqual([['orphans', 'privileged'], ['general', 'general']]);
    expect(breachesOf(a).map((b) => [b.place, b.kind])).toEqual([['P-2', 'general-too-early']]);
    expect(a.categories.find((c) => c.id === 'orphans')!.taken).toBe(1);
  });
});

describe('hattama referral report', () => {
  it('writes the DOCX and PDF, prints their paths and a summary, exit 0 (breaches are findings)', async () => {
    const out = work();
    const r = hattama(['referral', 'report', CSV_LOG, '--from', FROM, '--to', TO, '--out', out]);
    expect(r.code).toBe(0);
    const docx = join(out, `referral-report-${FROM}-${TO}.docx`);
    const pdf = join(out, `referral-report-${FROM}-${TO}.pdf`);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/referral-report-2025-11-01-2026-06-30\.docx$/),
      expect.stringMatching(/referral-report-2025-11-01-2026-06-30\.pdf$/),
      '28 events offered from 2025-11-01 to 2026-06-30: 9 breaches (5 general-too-early, 4 taken-late); 3 places passed to the general queue; median 5 working days to take',
    ]);
    expect(r.stderr).toBe('');
    expect(listed(out)).toEqual([`referral-report-${FROM}-${TO}.docx`, `referral-report-${FROM}-${TO}.pdf`]);

    // Every breach is a row of the DOCX: number, place and child, category, dates, the rule in words.
    const text = docxText(readFileSync(docx));
    expect(text).toContain('Балабақшаға жолдама беру: есеп');
    expect(text).toContain('Есепті кезең: 01.11.2025 – 30.06.2026');
    expect(text).toContain('«darabala.kz арқылы балабақшаға жолдама беру тәртібі», 2025 жылғы 1 қыркүйектен бастап қолданылады.¹');
    PLANTED.forEach((p, i) => {
      const category =
        p.category === 'general' ? 'Жалпы кезек' : p.kind === 'unknown-category' ? `${p.category} (ережелерде жоқ санат)` : ruleSetOn(p.offered).categories.find((c) => c.id === p.category)!.kk;
      const outcome = p.taken ? dmy(p.taken) : `алынбады, мерзімі өтті ${dmy(p.lapsed!)}`;
      const deadline = p.kind === 'unknown-category' ? '–' : dmy(p.deadline);
      const rule =
        p.kind === 'general-too-early'
          ? 'Жалпы кезекке мерзімінен бұрын берілді'
          : p.kind === 'taken-late'
            ? `Мерзімі өткен соң алынды: ${p.late} жұмыс күніне кешікті`
            : 'Санат ережелерде жоқ';
      expect(text).toContain([`${i + 1}`, `${p.place}\n${p.child}`, category, dmy(p.offered), outcome, deadline, rule].join('\t'));
    });
    for (const [i, h] of HAND_OVERS.entries()) {
      expect(text).toContain([`${i + 1}`, h.place, h.child, dmy(h.offered), dmy(h.deadline), dmy(h.taken), `${h.workingDays}`].join('\t'));
    }
    expect(text).toContain('7\tМүгедектігі бар балалар\t2\t2\t0\t0\t5,5');
    expect(text).toContain('\tБарлығы\t28\t23\t3\t2\t5');
    expect(text).toContain('Жолдама ұсынылған күннен бастап алынған күнге дейінгі жұмыс күндерінің медианасы – 5 (алынған 23 жолдама бойынша');

    // And of the PDF: each row's first line carries its number, place, offer date, taking and deadline.
    const lines = (await pdfText(readFileSync(pdf))).split('\n');
    PLANTED.forEach((p, i) => {
      const line = lines.find((l) => l.startsWith(`${i + 1} ${p.place} `) && l.includes(dmy(p.offered)));
      expect(line, `${p.place} in the PDF`).toBeDefined();
      if (p.taken) expect(line).toContain(`${dmy(p.offered)} ${dmy(p.taken)} ${p.kind === 'unknown-category' ? '–' : dmy(p.deadline)}`);
      expect(lines[lines.indexOf(line!) + 1]!.startsWith(p.child)).toBe(true);
    });
  });

  it('gives the same findings from the YAML log, and the same bytes for the same log', () => {
    const out = work();
    const a = hattama(['referral', 'report', YAML_LOG, '--from', FROM, '--to', TO, '--out', join(out, 'a')]);
    const b = hattama(['referral', 'report', CSV_LOG, '--from', FROM, '--to', TO, '--out', join(out, 'b')]);
    expect(a.code).toBe(0);
    expect(a.stdout.trim().split('\n')[2]).toBe(b.stdout.trim().split('\n')[2]);
    for (const ext of ['docx', 'pdf']) {
      const name = `referral-report-${FROM}-${TO}.${ext}`;
      expect(readFileSync(join(out, 'a', name)).equals(readFileSync(join(out, 'b', name))), name).toBe(true);
    }
  });

  it('writes the report in Russian with --lang ru', async () => {
    const out = work();
    const r = hattama(['referral', 'report', CSV_LOG, '--from', FROM, '--to', TO, '--out', out, '--lang', 'ru']);
    expect(r.code).toBe(0);
    const text = docxText(readFileSync(join(out, `referral-report-${FROM}-${TO}.docx`)));
    expect(text).toContain('Выдача направлений в детский сад: отчёт');
    expect(text).toContain('3\tP-06\nC-1007\tСемьи, воспитывающие детей с ограниченными возможностями\t24.12.2025\t05.01.2026\t31.12.2025\tПолучено после срока: опоздание на 1 рабочий день');
    expect(text).toContain('7\tP-16\nC-1017\tДети военнослужащих и сотрудников специальных государственных органов, в том числе погибших, умерших или пропавших без вести в период прохождения службы\t20.03.2026\t03.04.2026\t01.04.2026\tПолучено после срока: опоздание на 2 рабочих дня');
    expect(text).toContain('1\tP-02\nC-1003\tОбщая очередь\t25.11.2025\t26.11.2025\t02.12.2025\tВыдано в общую очередь до срока');
    const pdf = await pdfText(readFileSync(join(out, `referral-report-${FROM}-${TO}.pdf`)));
    expect(pdf).toContain('4. Нарушения правил');
  });

  it("names the organisation from hattama.yaml's defaults", () => {
    const dir = work();
    copyFileSync(CSV_LOG, join(dir, 'log.csv'));
    writeFileSync(join(dir, 'hattama.yaml'), 'defaults:\n  organisation:\n    name: №1 «Еркетай» Алға бөбекжай балабақшасы\n');
    const r = hattama(['referral', 'report', 'log.csv', '--from', FROM, '--to', TO, '--format', 'docx', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = docxText(readFileSync(join(dir, 'out', `referral-report-${FROM}-${TO}.docx`)));
    expect(text.split('\n').slice(0, 2)).toEqual(['№1 «Еркетай» Алға бөбекжай балабақшасы', 'Балабақшаға жолдама беру: есеп']);
  });

  it('still writes a report for a period without events, saying so', () => {
    const out = work();
    const r = hattama(['referral', 'report', CSV_LOG, '--from', '2026-08-01', '--to', '2026-08-31', '--format', 'docx', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')[1]).toBe('no referral was offered from 2026-08-01 to 2026-08-31; the report says so');
    const text = docxText(readFileSync(join(out, 'referral-report-2026-08-01-2026-08-31.docx')));
    expect(text).toContain('Есепті кезеңде жолдама ұсынылмаған: журналда бұл кезеңге жататын жазба жоқ.');
    expect(text).not.toContain('1. Санаттар бойынша жолдамалар');
  });

  it('exits 2 when --from is after --to', () => {
    const out = work();
    const r = hattama(['referral', 'report', CSV_LOG, '--from', TO, '--to', FROM, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --from ${TO} is after --to ${FROM}: the period runs from its first day to its last\n`);
    expect(listed(out)).toEqual([]);
  });
});

// Personal data in a log: test/referral-audit-privacy.test.ts.

describe('a broken log is reported at file:line:column and nothing is written', () => {
  const broken = (file: string, expected: readonly string[]): void => {
    const out = join(work(), 'out');
    const r = hattama(['referral', 'report', file, '--from', FROM, '--to', TO, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe([...expected, `${file}: not audited; nothing was written`, ''].join('\n'));
    expect(existsSync(out)).toBe(false);
  };

  it('unknown and missing columns, with did-you-mean', () => {
    const f = `${FIXTURES}/bad-columns.csv`;
    broken(f, [
      `${f}:1:1: error: the header has no "category" column: a referral log needs place, offered, category, child (and taken or lapsed once known) [log/missing-column]`,
      `${f}:1:15: error: unknown column 3 (header row) — did you mean "category"? [log/unknown-column]`,
      `${f}:1:35: error: unknown column 6 (header row); a referral log has place, offered, category, child, taken, lapsed [log/unknown-column]`,
    ]);
  });

  it('bad and impossible dates, taken before offered, taken and lapsed, a duplicate, an empty child (CSV)', () => {
    const f = `${FIXTURES}/bad-rows.csv`;
    broken(f, [
      `${f}:3:6: error: column "offered" is not a real calendar date [log/date]`,
      `${f}:4:6: error: column "offered" must be a date written YYYY-MM-DD (or an ISO date and time): this one is written day first; put the year first [log/date]`,
      `${f}:5:32: error: "taken" is before "offered": a referral is taken on or after the day it is offered [log/date-order]`,
      `${f}:6:44: error: both taken and lapsed are given: a referral is either taken or lapsed, so leave one of them empty [log/taken-and-lapsed]`,
      `${f}:7:1: error: this place is already offered on the same day at line 2: one row per offer of a place [log/duplicate]`,
      `${f}:8:36: error: no value for "child": give the child's pseudonymous id [log/empty-value]`,
      `${f}:9:32: error: column "taken" is not a real calendar date [log/date]`,
    ]);
  });

  it('the same kinds of mistakes in YAML', () => {
    const f = `${FIXTURES}/bad-rows.yaml`;
    broken(f, [
      `${f}:8:12: error: column "offered" is not a real calendar date [log/date]`,
      `${f}:11:3: error: this event has no "offered": each event needs place, offered, category, child [log/missing-column]`,
      `${f}:12:3: error: unknown key — did you mean "offered"? [log/unknown-column]`,
      `${f}:19:10: error: "taken" is before "offered": a referral is taken on or after the day it is offered [log/date-order]`,
    ]);
  });

  it('CSV details: semicolons, quotes with line breaks, a BOM, a stray empty column, an unclosed quote', () => {
    const semi = parseLog('s.csv', '\uFEFFplace;offered;category;child;taken;\n"P-1";2025-12-01;"orphans";"C-1\n";2025-12-02;\nP-2;2025-12-0x;general;C-2;;\n', 'csv');
    expect(semi.diagnostics.map(formatDiagnostic)).toEqual(['s.csv:4:5: error: column "offered" must be a date written YYYY-MM-DD (or an ISO date and time) [log/date]']);
    expect(semi.events[0]).toMatchObject({ place: 'P-1', category: 'orphans', child: 'C-1', taken: '2025-12-02' });
    const open = parseLog('o.csv', 'place,offered,category,child\nP-1,2025-12-01,"orphans,C-1\n', 'csv');
    expect(open.diagnostics.map(formatDiagnostic)).toEqual(['o.csv:2:16: error: this quote is never closed: a quoted field must end with " [csv/syntax]']);
    const empty = parseLog('e.csv', '\n\n', 'csv');
    expect(empty.diagnostics.map((d) => d.rule)).toEqual(['log/empty']);
  });

  it('a file that is neither CSV nor YAML, or is missing', () => {
    const dir = work();
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'log.txt'), 'place\n');
    const txt = hattama(['referral', 'report', 'logs/log.txt', '--from', FROM, '--to', TO], { cwd: dir });
    expect(txt.code).toBe(1);
    expect(txt.stderr).toContain('logs/log.txt: error: a referral log must be a .csv file (with a header row) or a .yaml file (a list of events), not ".txt" [log/format]');
    const missing = hattama(['referral', 'report', 'nope.csv', '--from', FROM, '--to', TO], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.csv: error: cannot read the referral log: no such file [io/read]');
    expect(listed(dir)).toEqual(['logs']);
  });
});

describe('lateness on a day off', () => {
  it('words a referral taken on the day off right after its deadline as such, not "0 working days late"', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { hattama } = await import('./support/cli.js');
    const { docxText } = await import('./support/docx-xml.js');
    const dir = mkdtempSync(join(tmpdir(), 'hattama-late-'));
    // Offered Fri 7 Nov 2025: 5 working days end Fri 14 Nov; taken Sat 15 Nov.
    writeFileSync(join(dir, 'log.csv'), 'place,offered,category,child,taken,lapsed\nP-01,2025-11-07,orphans,C-1001,2025-11-15,\n');
    const r = hattama(['referral', 'report', 'log.csv', '--from', '2025-11-01', '--to', '2025-11-30', '--format', 'docx'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = docxText(readFileSync(join(dir, 'out', 'referral-report-2025-11-01-2025-11-30.docx')));
    expect(text).toContain('Мерзімі өткен соң алынды: мерзімнен кейінгі демалыс күні (1 күнтізбелік күннен кейін)');
    expect(text).not.toContain(' 0 жұмыс күніне');
  });
});

describe('referral log errors in the chosen language', () => {
  it('words them in Russian (--lang ru), positions and rule ids kept, nothing written', () => {
    const out = mkdtempSync(join(tmpdir(), 'hattama-referral-ru-'));
    const f = `${FIXTURES}/bad-rows.csv`;
    const r = hattama(['referral', 'report', f, '--from', FROM, '--to', TO, '--out', out, '--lang', 'ru']);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines).toContain(`${f}:3:6: error: в столбце «offered» дата, которой нет в календаре [log/date]`);
    expect(lines).toContain(`${f}:5:32: error: «taken» раньше «offered»: направление получают в день предложения или позже [log/date-order]`);
    expect(lines).toContain(`${f}:8:36: error: нет значения «child»: укажите псевдонимный идентификатор ребёнка [log/empty-value]`);
    expect(r.stderr).not.toMatch(/column "|a referral/);
    expect(readdirSync(out)).toEqual([]);
  });
});
