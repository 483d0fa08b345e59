/**
 * The referral rules as data, the documents made from them, the region they
 * apply to, and referral deadlines on the working-day calendar. The data must
 * claim only what its sources say: every unconfirmed item is flagged, in
 * --json and by a numbered note in documents, never in the minutes that quote
 * the rules.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ruleSetOn, ruleSets, regions, markUnconfirmed, regionProblem, RULES_FILE, SUMMARY_SHOWS } from '../src/referral/rules.js';
import { loadCalendar } from '../src/referral/calendar.js';
import { timeline, periodEnd } from '../src/referral/timeline.js';
import { rulesDocument } from '../src/cli/commands/referral-rules.js';
import { blocksToText } from '../src/document/plain-text.js';
import { buildDocument } from '../src/render/render.js';
import { hattama } from './support/cli.js';
import { ROOT, SEED_RECORD, seedText } from './support/seed.js';
import { docxText } from './support/docx-xml.js';
import { pdfText } from './support/pdf-text.js';

const calendar = loadCalendar();
/** Footnote marks (superscript digits) removed. */
const unmarked = (text: string): string => text.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, '');
const work = (): string => mkdtempSync(join(tmpdir(), 'hattama-referral-'));
/** A folder with no hattama.yaml, so no region is configured (the repository's own names aktobe). */
let bare: string | undefined;
const noConfig = (): { cwd: string } => ({ cwd: (bare ??= work()) });
/** One date inside each rule set's time, and the set's id. */
const SET_DATES = [
  ['almaty-2023', '2024-03-01'],
  ['darabala-2025', '2025-12-25'],
  ['voucher-2026', '2026-02-01'],
] as const;

describe('rule sets', () => {
  it('coexist, and the one in force on a date is used', () => {
    expect(ruleSets().map((s) => [s.id, s.effective_from])).toEqual([
      ['almaty-2023', '2023-01-01'],
      ['darabala-2025', '2025-09-01'],
      ['voucher-2026', '2026-01-01'],
    ]);
    expect(ruleSetOn('2025-08-31').id).toBe('almaty-2023');
    expect(ruleSetOn('2025-09-01').id).toBe('darabala-2025');
    expect(ruleSetOn('2025-12-25').id).toBe('darabala-2025');
    expect(ruleSetOn('2026-01-01').id).toBe('voucher-2026');
    expect(() => ruleSetOn('2022-12-31')).toThrow('no referral rule set is in force on 2022-12-31: the earliest, "almaty-2023", starts 2023-01-01');
  });

  it('keep the privileged window in the unit its source uses, and say why', () => {
    expect(ruleSetOn('2024-01-10').privileged_window).toMatchObject({ length: 3, unit: 'working-days' });
    expect(ruleSetOn('2024-01-10').privileged_window.unconfirmed).toBeUndefined();
    // The seed says "the first 3 days": kept as written, its unit flagged.
    expect(ruleSetOn('2025-12-25').privileged_window).toMatchObject({ length: 3, unit: 'calendar-days', unconfirmed: true });
    for (const s of ruleSets()) expect(s.privileged_window.basis.length).toBeGreaterThan(20);
  });

  it('carry the seed’s seven categories in order, in Kazakh and Russian', () => {
    const cats = ruleSetOn('2025-12-25').categories;
    expect(cats.map((c) => c.id)).toEqual(['military', 'disabled-parents', 'without-parental-care', 'orphans', 'large-families', 'teachers', 'disabled-children']);
    for (const c of cats) {
      expect(seedText()).toContain(`- ${c.kk};`);
      expect(c.ru).toMatch(/[А-Яа-я]/);
    }
  });

  it('add the special-educational-needs category where a source lists it, and cite each category’s own basis', () => {
    const sen = { id: 'special-educational-needs', kk: 'Ерекше білім беру қажеттіліктері бар балалар', ru: 'Дети с особыми образовательными потребностями' };
    expect(ruleSetOn('2024-03-01').categories).toContainEqual(expect.objectContaining(sen));
    expect(ruleSetOn('2026-02-01').categories).toContainEqual(expect.objectContaining(sen));
    const disabledChildren = ruleSetOn('2025-12-25').categories.find((c) => c.id === 'disabled-children')!;
    // It is the category of children with disabilities, not the egov.kz special-needs item it used to cite.
    expect(disabledChildren.basis).toMatch(/disabilities/);
    expect(disabledChildren.basis).not.toMatch(/special educational needs|№ 254/);
    for (const s of ruleSets()) for (const c of s.categories) expect(c.basis, c.id).toBeTruthy();
  });

  it('say where they apply: Almaty 2023 in Almaty only, the national sets everywhere (unconfirmed)', () => {
    expect(regions()).toHaveLength(20);
    expect(regions().filter((r) => r.kk.endsWith(' облысы'))).toHaveLength(17);
    expect(regions().filter((r) => r.kk.endsWith(' қаласы')).map((r) => r.id)).toEqual(['astana', 'almaty', 'shymkent']);
    expect(ruleSetOn('2024-03-01').applies_to.regions).toEqual(['almaty']);
    expect(ruleSetOn('2025-12-25').applies_to).toMatchObject({ regions: 'all', unconfirmed: true });
    expect(regionProblem(ruleSetOn('2024-03-01'), 'almaty', '2024-03-01')).toBeUndefined();
    expect(regionProblem(ruleSetOn('2024-03-01'), 'aktobe', '2024-03-01')).toBe(
      'the referral rule set in force on 2024-03-01, "almaty-2023" (from 2023-01-01), applies only to almaty (Алматы қаласы / город Алматы); ' +
        "the organisation's region is aktobe (Ақтөбе облысы / Актюбинская область), so these are not its rules — add a rule set for that region to data/referral-rules.yaml, or correct the region",
    );
  });

  it('keep of the voucher rules only what their source says, flagging the rest', () => {
    const v = ruleSetOn('2026-02-01');
    expect(v.hand_over).toMatchObject({ length: 5, unit: 'working-days', then: 'annulled', unconfirmed: true });
    expect(v.confirm).toMatchObject({ length: 2, unconfirmed: true });
    expect(v.privileged_window).toMatchObject({ unconfirmed: true });
    expect(v.extension).toMatchObject({ max_length: 30, unit: 'calendar-days', times: 1 });
    expect(v.extension!.unconfirmed).toBeUndefined();
  });
});

/** Every path of an object marked `unconfirmed: true`, and its note. */
function unconfirmedPaths(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(value)) value.forEach((v, i) => unconfirmedPaths(v, `${path}/${i}`).forEach((n, p) => out.set(p, n)));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o['unconfirmed'] === true) out.set(path.slice(1), o['note']);
    for (const [k, v] of Object.entries(o)) unconfirmedPaths(v, `${path}/${k}`).forEach((n, p) => out.set(p, n));
  }
  return out;
}

describe('unconfirmed facts', () => {
  const data = parse(readFileSync(RULES_FILE, 'utf8'), { maxAliasCount: -1 }) as { rule_sets: { id: string }[] };

  it('are written [R] nowhere in the data file but in its header: each is an item with unconfirmed: true and a note', () => {
    const lines = readFileSync(RULES_FILE, 'utf8').split('\n');
    const header = lines.findIndex((l) => !l.startsWith('#'));
    expect(lines.slice(header).filter((l) => l.includes('[R]'))).toEqual([]);
    for (const set of data.rule_sets) for (const [path, note] of unconfirmedPaths(set)) expect(typeof note === 'string' && note.length > 20, `${set.id} ${path}`).toBe(true);
  });

  it.each(SET_DATES)('are each flagged "unconfirmed": true in referral rules --json (%s)', (id, date) => {
    const r = hattama(['referral', 'rules', '--date', date, '--json'], noConfig());
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { id: string; unconfirmed_items: { path: string; unconfirmed: boolean; note: string }[]; region: { checked: boolean } };
    expect(json.id).toBe(id);
    const inData = unconfirmedPaths(data.rule_sets.find((s) => s.id === id));
    expect(inData.size).toBeGreaterThan(0);
    const { unconfirmed_items: listed, ...set } = json;
    expect(unconfirmedPaths(set)).toEqual(inData);
    expect(listed.map((i) => [i.path, i.note])).toEqual([...inData]);
    expect(listed.every((i) => i.unconfirmed === true)).toBe(true);
    expect(json.region.checked).toBe(false);
  });

  it('get a numbered note in the rules document, in Kazakh and Russian, one per item', () => {
    for (const [, date] of SET_DATES) {
      const notes = markUnconfirmed(ruleSetOn(date)).notes;
      for (const lang of ['kk', 'ru'] as const) {
        const text = blocksToText(rulesDocument(date, lang).blocks);
        const heading = lang === 'kk' ? 'Ескертпелер:' : 'Примечания:';
        const after = text.slice(text.indexOf(heading));
        expect(text).toContain(heading);
        for (const n of notes) {
          // The mark alone (¹ is not ¹⁰): once in the text, once before its note.
          const alone = new RegExp(`(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])${n.marker}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])`, 'g');
          expect(text.match(alone)?.length, `${date} ${lang} ${n.marker}`).toBe(2);
          expect(after).toMatch(new RegExp(`^${n.marker} \\S`, 'm'));
        }
      }
    }
  });

  it('never get a mark inside the seed minutes, which quote the rules', async () => {
    const built = await buildDocument(SEED_RECORD);
    const text = blocksToText(built.document!.blocks);
    expect(text).toContain('Алғашқы 3 күндікте жолдама');
    expect(text).not.toMatch(/[⁰¹²³⁴⁵⁶⁷⁸⁹]|Ескертпелер/);
  });
});

describe('hattama referral rules', () => {
  it('prints the summary the seed minutes quote, word for word (marks aside), with the date in words and no internal id', () => {
    const r = hattama(['referral', 'rules', '--date', '2025-12-25'], noConfig());
    expect(r.code).toBe(0);
    for (const sentence of [
      'Жолдама алу үшін darabala.kz сайтына электрондық цифрлық қолтаңбаны (ЭЦҚ) пайдалану арқылы немесе жеке басын анықтау үшін суретке түсіру (faceID) арқылы тіркеуге болады.',
      'Алғашқы 3 күндікте жолдама жеңілдік санатындағы кезекте тұрған балаларға беріледі.',
      'Егер жеңілдік санатындағы ата-аналар 5 жұмыс күні ішінде жолдама алмаса, онда жалпы кезекте тұрған ата-ана darabala.kz порталынан жолдама ала алады.',
    ]) {
      expect(seedText()).toContain(sentence);
      expect(unmarked(r.stdout)).toContain(sentence);
    }
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('darabala.kz арқылы балабақшаға жолдама беру тәртібі');
    expect(lines).toContain('2025 жылғы 1 қыркүйектен бастап қолданылады.¹');
    expect(lines).toContain('Қолданылатын аумағы: Қазақстан Республикасының барлық өңірлері.²');
    expect(r.stdout).not.toMatch(/darabala-2025|\(\(|\)\)|Minutes of|quoting/);
    expect(r.stderr).toContain('note: no region given (--region, or region: in hattama.yaml), so whether "darabala-2025" applies');
  });

  it('words each version from its data: working days in 2024, the optional steps in 2026, Russian on request', () => {
    const kk2024 = unmarked(hattama(['referral', 'rules', '--date', '2024-03-01', '--region', 'almaty']).stdout);
    expect(kk2024).toContain('Алғашқы 3 жұмыс күнінде жолдама');
    expect(kk2024).toContain(
      'Жолдама 5 жұмыс күні ішінде балабақшаға тапсырылуы тиіс, әйтпесе жолдаманың күші жойылады және бала 10 күн бойы орын бөлуге қатыспайды (тоқтату тізімі), содан кейін оның кезектегі орны қалпына келтіріледі.',
    );
    expect(kk2024).toContain('2023 жылғы 1 қаңтардан бастап қолданылады.');
    expect(kk2024).toContain('Қолданылатын аумағы: Алматы қаласы.');
    const kk2026 = unmarked(hattama(['referral', 'rules', '--date', '2026-02-01']).stdout);
    expect(kk2026).toContain('Ата-ана жолдаманы 2 күнтізбелік күн ішінде растауы немесе одан бас тартуы тиіс.');
    expect(kk2026).toContain('Жолдаманы растағаннан кейін ата-ана 5 жұмыс күні ішінде құжаттарды тапсырып, шартқа қол қоюы тиіс; құжаттар толық болмаса, жолдаманың күші жойылады.');
    expect(kk2026).toContain('Жолдаманың мерзімі бір рет, 30 күнтізбелік күнге дейін ұзартылуы мүмкін.');
    const ru2026 = unmarked(hattama(['referral', 'rules', '--date', '2026-02-01', '--lang', 'ru']).stdout);
    expect(ru2026).toContain('Действует с 1 января 2026 года.');
    expect(ru2026).not.toContain('Действуют');
    expect(ru2026).toContain('После подтверждения родитель должен в течение 5 рабочих дней представить документы и подписать договор; при неполном пакете документов направление утрачивает силу.');
    expect(ru2026).toContain('Срок направления может быть однократно продлён, не более чем на 30 календарных дней.');
    expect(ru2026).toContain('- massaget.kz, статья для родителей о порядке получения места в детском саду (2025) — https://massaget.kz/');
    const ru = unmarked(hattama(['referral', 'rules', '--date', '2025-12-25', '--lang', 'ru']).stdout);
    expect(ru).toContain('В течение первых 3 дней направление предоставляется детям, состоящим в очереди льготной категории.');
    expect(ru).toContain('- Дети-сироты;');
  });

  it('refuses rules that do not apply to the region (--region or hattama.yaml), and an unknown region', () => {
    const outside = hattama(['referral', 'rules', '--date', '2024-03-01', '--region', 'aktobe']);
    expect(outside.code).toBe(1);
    expect(outside.stdout).toBe('');
    expect(outside.stderr).toBe(`error: ${regionProblem(ruleSetOn('2024-03-01'), 'aktobe', '2024-03-01')}\n`);
    const unknown = hattama(['referral', 'rules', '--date', '2024-03-01', '--region', 'almati']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error: --region: unknown region "almati" — did you mean "almaty"?');
    const dir = work();
    writeFileSync(join(dir, 'hattama.yaml'), 'region: astana\n');
    const fromConfig = hattama(['referral', 'rules', '--date', '2024-03-01', '--json'], { cwd: dir });
    expect(fromConfig.code).toBe(1);
    expect(fromConfig.stderr).toContain("the organisation's region is astana (Астана қаласы / город Астана)");
    const national = JSON.parse(hattama(['referral', 'rules', '--date', '2025-12-25', '--json'], { cwd: dir }).stdout) as { region: unknown };
    expect(national.region).toEqual({ checked: true, region: 'astana', applies: true });
  });

  it('writes the document as DOCX and PDF, the notes included', async () => {
    const out = work();
    const r = hattama(['referral', 'rules', '--date', '2026-02-01', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['referral-rules-2026-02-01-kk.docx', 'referral-rules-2026-02-01-kk.pdf']);
    const docx = docxText(readFileSync(join(out, 'referral-rules-2026-02-01-kk.docx')));
    const pdf = await pdfText(readFileSync(join(out, 'referral-rules-2026-02-01-kk.pdf')));
    for (const text of [docx, pdf]) {
      expect(text).toContain('Ескертпелер:');
      expect(text).toContain('¹ Ваучерлік ережелердің қолданыла бастаған күні расталмаған;');
      expect(text).toMatch(/2 күнтізбелік күн ішінде¹³/);
    }
  });

  it('refuses a date before any rules (exit 1) and a malformed date (exit 2)', () => {
    expect(hattama(['referral', 'rules', '--date', '2020-01-01']).code).toBe(1);
    const bad = hattama(['referral', 'rules', '--date', '2025-02-30']);
    expect(bad.code).toBe(2);
    // In the right form, but not on the calendar.
    expect(bad.stderr).toContain('"2025-02-30" is written YYYY-MM-DD but is not a real calendar date');
  });
});

describe('include: referral-rules and the organisation’s region', () => {
  /** The seed record in a fresh archive with `hattama.yaml` and the date given. */
  function archive(config: string, date = '2025-12-25'): string {
    const dir = work();
    mkdirSync(join(dir, 'meetings', '2025'), { recursive: true });
    const file = join(dir, 'meetings', '2025', 'record.yaml');
    copyFileSync(SEED_RECORD, file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: 2025-12-25', `date: ${date}`));
    writeFileSync(join(dir, 'hattama.yaml'), config);
    return file;
  }

  it('is an error at the include when the rules in force do not apply to the region', async () => {
    const file = archive('region: aktobe\n', '2024-12-25');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('include: referral-rules')) + 1;
    const column = text.split('\n')[line - 1]!.indexOf('referral-rules') + 1;
    const built = await buildDocument(file);
    expect(built.document).toBeUndefined();
    expect(built.diagnostics).toEqual([
      { file, position: { line, column }, severity: 'error', rule: 'rule/include-region', message: regionProblem(ruleSetOn('2024-12-25'), 'aktobe', '2024-12-25') },
    ]);
  });

  it('renders when they apply, and an unknown region is a config error at its place', async () => {
    expect((await buildDocument(archive('region: aktobe\n'))).diagnostics).toEqual([]);
    expect((await buildDocument(archive('region: almaty\n', '2024-12-25'))).diagnostics).toEqual([]);
    const bad = await buildDocument(archive('region: almati\n'));
    expect(bad.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ position: { line: 1, column: 9 }, severity: 'error', rule: 'config', message: expect.stringContaining('unknown region "almati" — did you mean "almaty"?') }),
    ]);
  });
});

describe('referral deadlines', () => {
  it('cross New Year and Orthodox Christmas', () => {
    const t = timeline('2025-12-30', ruleSetOn('2025-12-30'), calendar);
    expect(t.privilegedWindow).toMatchObject({ closes: '2026-01-02', unit: 'calendar-days', otherReading: { unit: 'working-days', ends: '2026-01-06' }, unconfirmed: true });
    expect(t.handOver).toMatchObject({ ends: '2026-01-09', from: '2026-01-10', then: 'general-queue' });
    expect(t.skipped.filter((d) => d.kind !== 'weekend').map((d) => [d.date, d.holiday?.kk])).toEqual([
      ['2026-01-01', 'Жаңа жыл'],
      ['2026-01-02', 'Жаңа жыл'],
      ['2026-01-07', 'Православиелік Рождество'],
    ]);
  });

  it('cross Nauryz 2026 (21–25 March off) and 2025 (21–25 March off)', () => {
    expect(timeline('2026-03-19', ruleSetOn('2026-03-19'), calendar).handOver.ends).toBe('2026-03-31');
    expect(timeline('2025-03-20', ruleSetOn('2025-03-20'), calendar).handOver.ends).toBe('2025-04-01');
    expect(periodEnd(calendar, '2025-03-20', { length: 3, unit: 'working-days' }).date).toBe('2025-03-28');
  });

  it('cross Kurban Ait 2025 (Fri 6 June) and 2026 (Wed 27 May), which move nothing', () => {
    const y26 = timeline('2026-05-25', ruleSetOn('2026-05-25'), calendar);
    expect(y26.handOver.ends).toBe('2026-06-02');
    expect(y26.skipped.map((d) => d.date)).toContain('2026-05-27');
    expect(timeline('2025-06-04', ruleSetOn('2025-06-04'), calendar).handOver.ends).toBe('2025-06-12');
  });

  it('prints the timeline with both readings of the window, the unconfirmed periods and the holidays; refuses a year without data', () => {
    const r = hattama(['referral', 'timeline', '--offered', '2026-03-19'], noConfig());
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('Privileged window, 3 calendar days (the unit its source uses): closes at the end of 2026-03-22 (Sun).');
    expect(lines).toContain('  As working days it would close at the end of 2026-03-27 (Fri).');
    expect(lines).toContain('Confirm or decline within 2 calendar days: by the end of 2026-03-21 (Sat).');
    expect(lines).toContain('  As working days: by the end of 2026-03-26 (Thu).');
    expect(lines).toContain('Period to take the referral, 5 working days: ends at the end of 2026-03-31 (Tue).');
    expect(lines.filter((l) => l.startsWith('  [unconfirmed] '))).toHaveLength(3);
    expect(r.stdout).toContain('2026-03-24 (Tue)  day off for 21 March (Наурыз мейрамы), which falls on Saturday');
    expect(r.stdout).toContain('Note: no region given');
    const almaty = hattama(['referral', 'timeline', '--offered', '2024-03-19', '--region', 'almaty']);
    expect(almaty.stdout).toContain('Privileged window, 3 working days (the unit its source uses): closes at the end of 2024-03-27 (Wed).');
    expect(almaty.stdout).toContain('  As calendar days it would close at the end of 2024-03-22 (Fri).');
    expect(almaty.stdout).not.toContain('[unconfirmed]');
    const outside = hattama(['referral', 'timeline', '--offered', '2024-03-19', '--region', 'astana']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('applies only to almaty');
    const json = JSON.parse(hattama(['referral', 'timeline', '--offered', '2025-12-30', '--json']).stdout) as { handOver: { ends: string } };
    expect(json.handOver.ends).toBe('2026-01-09');
    const beyond = hattama(['referral', 'timeline', '--offered', '2026-12-28']);
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toMatch(/Kurban Ait 2027 is not in/);
  });
});

/** Every file under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('wording (issue 8)', () => {
  // Each wrong form, as it was printed, and the pattern that finds it.
  const WRONG: [string, RegExp][] = [
    ['2 жұмыс күн ішінде', /жұмыс күн ішінде/],
    ['5 күнтізбелік күні ішінде', /күнтізбелік күні ішінде/],
    ['30 жұмыс күнге дейін', /жұмыс күнге/],
    ['1 жұмыс күнге кешікті', /жұмыс күнге кешікті/],
    ['01.09.2025 бастап күшінде', /\d\d\.\d\d\.\d{4} бастап|\{\{date effective_from\}\} бастап/],
    ['Православие Рождествосы', /Православие Рождествосы/],
    ['продлен 1 раз', /продлен\s*(\{\{|\d)/],
    ['7 January is a public holiday', /7 January is a public holiday/],
    ['the rule set id in brackets', /\(\{\{id\}\}|, \{\{id\}\}\)|\(almaty-2023\)|\(darabala-2025\)|\(voucher-2026\)/],
    ['an English source title', /Minutes of the|quoting darabala/],
  ];

  it('finds none of the wrong strings in templates/ or data/', () => {
    const files = [...filesUnder(join(ROOT, 'templates')), ...filesUnder(join(ROOT, 'data'))].filter((f) => /\.(hbs|yaml)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const [wrong, pattern] of WRONG) expect(pattern.test(text), `${wrong} in ${f}`).toBe(false);
    }
  });

  it('finds none of them in what every rule set prints, in Kazakh and Russian, in working and calendar days', () => {
    const texts: string[] = [];
    for (const [, date] of SET_DATES) for (const lang of ['kk', 'ru'] as const) texts.push(blocksToText(rulesDocument(date, lang).blocks));
    // Every unit in every period, through the same partial: a made-up set, for the test only.
    const base = ruleSetOn('2026-02-01');
    for (const unit of ['working-days', 'calendar-days'] as const) {
      const set = { ...base, confirm: { ...base.confirm!, unit }, hand_over: { ...base.hand_over, unit }, extension: { ...base.extension!, unit } };
      expect(set.id).toBe('voucher-2026');
      texts.push(...(['kk', 'ru'] as const).map((lang) => unmarked(renderPartial(set, lang))));
    }
    const all = texts.join('\n');
    expect(all).toContain('2 жұмыс күні ішінде');
    expect(all).toContain('5 күнтізбелік күн ішінде');
    expect(all).toContain('30 жұмыс күніне дейін');
    expect(all).toContain('30 күнтізбелік күнге дейін');
    for (const [wrong, pattern] of WRONG) expect(pattern.test(all), wrong).toBe(false);
  });
});

import { loadTemplate } from '../src/template/engine.js';
import { parseMarkup } from '../src/document/markup.js';
import type { RuleSet } from '../src/referral/rules.js';
/** The summary partial for a given rule set, as the rules document renders it. */
function renderPartial(set: RuleSet, lang: 'kk' | 'ru'): string {
  const template = loadTemplate(lang, 'referral-rules', [], true);
  const view = { ...markUnconfirmed(set), starts: '…' };
  return blocksToText(parseMarkup(template.renderData({ date: '2026-02-01', rules: view, regionNames: [] })).blocks);
}

describe('review of the referral data (issue 8)', () => {
  /** The seed record in a fresh archive dated `date`, with `config` as hattama.yaml (none when undefined). */
  function seedCopy(date: string, config?: string): string {
    const dir = work();
    mkdirSync(join(dir, 'meetings'), { recursive: true });
    const file = join(dir, 'meetings', 'record.yaml');
    writeFileSync(file, readFileSync(SEED_RECORD, 'utf8').replace('date: 2025-12-25', `date: ${date}`));
    if (config !== undefined) writeFileSync(join(dir, 'hattama.yaml'), config);
    return file;
  }
  const jsonOf = (date: string): { unconfirmed_items: { kind: string; path: string; note: string }[] } =>
    JSON.parse(hattama(['referral', 'rules', '--date', date, '--json'], noConfig()).stdout) as { unconfirmed_items: { kind: string; path: string; note: string }[] };

  it('flags in --json what the reference marks [R] or contradicts: every category’s legal basis, military included, and the seed’s general-queue outcome', () => {
    for (const [, date] of SET_DATES) {
      const set = ruleSetOn(date);
      const items = jsonOf(date).unconfirmed_items;
      // §3.2: the legal basis of every privilege is unconfirmed.
      set.categories.forEach((c, i) => expect(items.find((x) => x.path === `categories/${i}`)?.note, `${date} ${c.id}`).toBeTruthy());
    }
    const military = jsonOf('2025-12-25').unconfirmed_items.find((x) => x.path === 'categories/0')!;
    expect(military.note).toMatch(/articles of the laws that grant the right were not checked/);
    // §3.5 item 2: the sources say the referral is annulled, not passed to the general queue.
    const handOver = jsonOf('2025-12-25').unconfirmed_items.find((x) => x.kind === 'hand-over')!;
    expect(handOver).toMatchObject({ path: 'hand_over' });
    expect(handOver.note).toMatch(/annulled/);
  });

  it('has referral timeline say an unconfirmed outcome is unconfirmed, in the sentence that states it', () => {
    const seedSet = hattama(['referral', 'timeline', '--offered', '2025-12-10'], noConfig()).stdout.split('\n');
    expect(seedSet).toContain('Then (unconfirmed: see the note) the place passes to the general queue: from 2025-12-19 (Fri).');
    expect(seedSet).not.toContain('Then the place passes to the general queue: from 2025-12-19 (Fri).');
    const almaty = hattama(['referral', 'timeline', '--offered', '2024-03-19', '--region', 'almaty']).stdout;
    expect(almaty).toContain('Then the referral is annulled: on 2024-03-30 (Sat), and the child takes no part in allocation for 10 days.');
  });

  it('words the hand-over by what each source says, and keeps the seed’s sentence for the set it quotes', () => {
    const text = (date: string, lang: 'kk' | 'ru'): string => unmarked(blocksToText(rulesDocument(date, lang).blocks));
    expect(text('2024-03-01', 'ru')).toContain(
      'Направление должно быть предъявлено в детский сад в течение 5 рабочих дней, иначе оно аннулируется, а ребёнок на 10 дней включается в стоп-лист (не участвует в распределении), после чего его место в очереди восстанавливается.',
    );
    expect(text('2025-12-25', 'kk')).toContain('Егер жеңілдік санатындағы ата-аналар 5 жұмыс күні ішінде жолдама алмаса, онда жалпы кезекте тұрған ата-ана darabala.kz порталынан жолдама ала алады.');
    expect(text('2025-12-25', 'ru')).toContain('Если родители льготной категории не получат направление в течение 5 рабочих дней, направление может получить родитель из общей очереди на портале darabala.kz.');
    // The seed's sentence, which says the referral is not taken, is used for no other set.
    for (const date of ['2024-03-01', '2026-02-01']) expect(text(date, 'kk')).not.toMatch(/жолдама алмаса/);
    for (const date of ['2024-03-01', '2026-02-01']) expect(text(date, 'ru')).not.toMatch(/не получат направление/);
  });

  it('lists for Almaty 2023 only the categories its source names, and names children with disabilities as the source does', () => {
    expect(ruleSetOn('2024-03-01').categories.map((c) => c.id)).toEqual(['military', 'disabled-children', 'special-educational-needs', 'large-families', 'orphans', 'teachers']);
    for (const date of ['2024-03-01', '2026-02-01']) {
      const c = ruleSetOn(date).categories.find((x) => x.id === 'disabled-children')!;
      expect([c.kk, c.ru]).toEqual(['Мүгедектігі бар балалар', 'Дети с инвалидностью']);
      expect(c.basis).toMatch(/children with disabilities/);
    }
    // The seed's set keeps the seed's words, flagged as differing from the source.
    const seedWords = ruleSetOn('2025-12-25').categories.find((x) => x.id === 'disabled-children')!;
    expect(seedWords.kk).toBe('Мүмкіндігі шектеулі балалары бар отбасылар');
    expect(seedText()).toContain(`- ${seedWords.kk};`);
    expect(seedWords).toMatchObject({ unconfirmed: true, note: expect.stringMatching(/wording is the Erketai minutes'.*children with disabilities/) });
  });

  it('prints each item’s own footnote, not one sentence per kind', () => {
    for (const [, date] of SET_DATES) {
      const notes = markUnconfirmed(ruleSetOn(date)).notes;
      for (const lang of ['kk', 'ru'] as const) {
        const text = blocksToText(rulesDocument(date, lang).blocks);
        for (const n of notes) expect(text, `${date} ${lang} ${n.path}`).toContain(`${n.marker} ${n.footnote[lang]}`);
        // Items of one kind carry different notes where their sources differ.
        const categoryNotes = notes.filter((n) => n.kind === 'category').map((n) => n.footnote[lang]);
        expect(new Set(categoryNotes).size, `${date} ${lang}`).toBeGreaterThan(3);
      }
    }
    // The voucher set's window is doubted because its source says nothing of one, not for its unit alone.
    const kk = blocksToText(rulesDocument('2026-02-01', 'kk').blocks);
    const window = markUnconfirmed(ruleSetOn('2026-02-01')).notes.find((n) => n.kind === 'privileged-window')!;
    expect(kk).toContain(`Алғашқы 3 күндікте${window.marker} жолдама`);
    expect(kk).toContain(`${window.marker} Ваучерлік жүйе туралы дереккөз жеңілдік кезеңі туралы ештеңе айтпайды;`);
  });

  it('marks unconfirmed items in minutes under any other rule set, notes after the section, and keeps «;» after each category', async () => {
    const built = await buildDocument(seedCopy('2026-02-01', 'region: aktobe\n'));
    expect(built.diagnostics).toEqual([]);
    const text = blocksToText(built.document!.blocks);
    const notes = markUnconfirmed(ruleSetOn('2026-02-01'), SUMMARY_SHOWS).notes;
    expect(notes.length).toBeGreaterThan(5);
    // Every mark is in the text once before its note: none for what the summary does not state (the dates, the regions).
    expect(notes[0]).toMatchObject({ marker: '¹', kind: 'registration' });
    expect(text).toContain('(faceID) арқылы¹ тіркеуге болады.');
    for (const n of notes) {
      expect(text, n.path).toContain(`${n.marker} ${n.footnote.kk}`);
      const alone = new RegExp(`(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])${n.marker}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])`, 'g');
      expect(text.match(alone)?.length, n.marker).toBe(2);
    }
    expect(text).toContain('- Мүгедектігі бар балалар⁹;');
    expect(text).toContain('- Ерекше білім беру қажеттіліктері бар балалар¹⁰;');
    // The notes follow the rules section, before the text after the include.
    const lastNote = text.indexOf(notes.at(-1)!.footnote.kk);
    expect(lastNote).toBeGreaterThan(text.indexOf('Бұл санатқа жататындар:'));
    expect(lastNote).toBeLessThan(text.indexOf('Мектепке дейінгі ұйымдарда кезекке қою'));
  });

  it('warns at the include when no region is set, and the repository’s own seed is warning-free (region: aktobe)', async () => {
    const file = seedCopy('2025-12-25');
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('include: referral-rules')) + 1;
    const column = lines[line - 1]!.indexOf('referral-rules') + 1;
    const built = await buildDocument(file);
    expect(built.diagnostics).toEqual([
      {
        file,
        position: { line, column },
        severity: 'warning',
        rule: 'rule/include-region',
        message: 'region not set in hattama.yaml: the rule set in force ("darabala-2025") was not checked against it',
      },
    ]);
    expect(built.document).toBeDefined();
    expect(parse(readFileSync(join(ROOT, 'hattama.yaml'), 'utf8'))).toMatchObject({ region: 'aktobe' });
    expect(regionProblem(ruleSetOn('2025-12-25'), 'aktobe', '2025-12-25')).toBeUndefined();
    expect((await buildDocument(SEED_RECORD)).diagnostics).toEqual([]);
    const validate = hattama(['validate', file]);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toContain('region not set in hattama.yaml');
  });

  it('ends the standalone document’s last category with «.», while the seed minutes keep «;»', async () => {
    for (const [, date] of SET_DATES) {
      for (const lang of ['kk', 'ru'] as const) {
        const items = unmarked(blocksToText(rulesDocument(date, lang).blocks))
          .split('\n')
          .filter((l) => l.startsWith('- ') && !/https?:|хаттамасы|протокол/.test(l));
        const categories = ruleSetOn(date).categories;
        expect(items.slice(0, categories.length).map((l) => l.slice(-1)), `${date} ${lang}`).toEqual([...categories.map(() => ';').slice(1), '.']);
      }
    }
    const seed = blocksToText((await buildDocument(SEED_RECORD)).document!.blocks);
    expect(seed).toContain('- Мүмкіндігі шектеулі балалары бар отбасылар;');
    expect(seedText()).toContain('- Мүмкіндігі шектеулі балалары бар отбасылар;');
  });
});
