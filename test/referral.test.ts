/** The referral rules as data, the summary from them, and referral deadlines on the working-day calendar. */
import { describe, expect, it } from 'vitest';
import { ruleSetOn, ruleSets } from '../src/referral/rules.js';
import { loadCalendar } from '../src/referral/calendar.js';
import { timeline, periodEnd } from '../src/referral/timeline.js';
import { hattama } from './support/cli.js';
import { seedText } from './support/seed.js';

const calendar = loadCalendar();

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

  it('say which unit the privileged window uses, and why', () => {
    expect(ruleSetOn('2024-01-10').privileged_window).toMatchObject({ length: 3, unit: 'working-days' });
    expect(ruleSetOn('2025-12-25').privileged_window).toMatchObject({ length: 3, unit: 'calendar-days' });
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
});

describe('hattama referral rules', () => {
  it('prints the summary the seed minutes quote, word for word', () => {
    const r = hattama(['referral', 'rules', '--date', '2025-12-25']);
    expect(r.code).toBe(0);
    for (const sentence of [
      'Жолдама алу үшін darabala.kz сайтына электрондық цифрлық қолтаңбаны (ЭЦҚ) пайдалану арқылы немесе жеке басын анықтау үшін суретке түсіру (faceID) арқылы тіркеуге болады.',
      'Алғашқы 3 күндікте жолдама жеңілдік санатындағы кезекте тұрған балаларға беріледі.',
      'Егер жеңілдік санатындағы ата-аналар 5 жұмыс күні ішінде жолдама алмаса, онда жалпы кезекте тұрған ата-ана darabala.kz порталынан жолдама ала алады.',
    ]) {
      expect(seedText()).toContain(sentence);
      expect(r.stdout).toContain(sentence);
    }
  });

  it('words each version from its data: working days in 2024, the optional steps in 2026, Russian on request', () => {
    expect(hattama(['referral', 'rules', '--date', '2024-03-01']).stdout).toContain('Алғашқы 3 жұмыс күнінде жолдама');
    expect(hattama(['referral', 'rules', '--date', '2024-03-01']).stdout).toContain('жолдама күшін жояды.');
    const kk2026 = hattama(['referral', 'rules', '--date', '2026-02-01']).stdout;
    expect(kk2026).toContain('Ата-ана жолдаманы 2 күнтізбелік күн ішінде растауы немесе одан бас тартуы тиіс.');
    expect(kk2026).toContain('Жолдаманың мерзімі 1 рет 30 күнтізбелік күнге дейін ұзартылуы мүмкін.');
    const ru = hattama(['referral', 'rules', '--date', '2025-12-25', '--lang', 'ru']).stdout;
    expect(ru).toContain('В течение первых 3 дней направление предоставляется детям, состоящим в очереди льготной категории.');
    expect(ru).toContain('- Дети-сироты;');
  });

  it('refuses a date before any rules (exit 1) and a malformed date (exit 2)', () => {
    expect(hattama(['referral', 'rules', '--date', '2020-01-01']).code).toBe(1);
    const bad = hattama(['referral', 'rules', '--date', '2025-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"2025-02-30" is not a date written YYYY-MM-DD');
  });
});

describe('referral deadlines', () => {
  it('cross New Year and Orthodox Christmas', () => {
    const t = timeline('2025-12-30', ruleSetOn('2025-12-30'), calendar);
    expect(t.privilegedWindow.closes).toBe('2026-01-02');
    expect(t.handOver).toMatchObject({ ends: '2026-01-09', from: '2026-01-10', then: 'general-queue' });
    expect(t.skipped.filter((d) => d.kind !== 'weekend').map((d) => [d.date, d.holiday?.kk])).toEqual([
      ['2026-01-01', 'Жаңа жыл'],
      ['2026-01-02', 'Жаңа жыл'],
      ['2026-01-07', 'Православие Рождествосы'],
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

  it('prints the timeline, naming holidays, and refuses a year without calendar data', () => {
    const r = hattama(['referral', 'timeline', '--offered', '2026-03-19']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Period to take the referral, 5 working days: ends at the end of 2026-03-31 (Tue).');
    expect(r.stdout).toContain('2026-03-24 (Tue)  day off for 21 March (Наурыз мейрамы), which falls on Saturday');
    const json = JSON.parse(hattama(['referral', 'timeline', '--offered', '2025-12-30', '--json']).stdout) as { handOver: { ends: string } };
    expect(json.handOver.ends).toBe('2026-01-09');
    const beyond = hattama(['referral', 'timeline', '--offered', '2026-12-28']);
    expect(beyond.code).toBe(1);
    expect(beyond.stderr).toMatch(/Kurban Ait 2027 is not in/);
  });
});
