/** The language hattama speaks in: --lang, then hattama.yaml `lang`, then the locale, else English. */
import { describe, expect, it, beforeEach } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';

// A record with a date that does not exist (line 7) and a misspelt key (line 8).
const FAULTY = `hattama: 1
language: kk
organisation:
  name: Тест балабақшасы
body: board-of-trustees
number: 1
date: 2025-02-30
secretery:
  name: Аметов Е.Д
attendance:
  present: 3
chair:
  name: Жұмағалиева Г.Т
agenda:
  - title: Есеп
    heard: Тыңдалды.
`;

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'hattama-lang-'));
  mkdirSync(join(work, 'meetings'));
  writeFileSync(join(work, 'meetings', 'bad.yaml'), FAULTY);
});

/** The environment with no locale, plus `extra`. */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const e = { ...process.env };
  delete e['LC_ALL'];
  delete e['LC_MESSAGES'];
  delete e['LANG'];
  return { ...e, ...extra };
};
const validate = (args: string[], extra?: NodeJS.ProcessEnv) => hattama([...args, 'validate', 'meetings/bad.yaml'], { cwd: work, env: env(extra) });

const KAZAKH = [
  'meetings/bad.yaml:7:7: error: date: «2025-02-30» — күнтізбеде жоқ күн [schema/date]',
  'meetings/bad.yaml:8:1: error: «secretery» деген кілт жоқ — «secretary» болуы мүмкін бе? [schema/unknown-key]',
  '1 жазба тексерілді: 1 жазба жарамсыз, 2 қате, 0 ескерту',
];
const RUSSIAN = [
  'meetings/bad.yaml:7:7: error: date: «2025-02-30» — такой даты нет в календаре [schema/date]',
  'meetings/bad.yaml:8:1: error: неизвестный ключ «secretery» — возможно, имелось в виду «secretary»? [schema/unknown-key]',
  'проверено: 1 запись; 1 с ошибками, 2 ошибки, 0 предупреждений',
];
const ENGLISH = [
  'meetings/bad.yaml:7:7: error: date "2025-02-30" is not a real calendar date [schema/date]',
  'meetings/bad.yaml:8:1: error: unknown key "secretery" — did you mean "secretary"? [schema/unknown-key]',
  '1 record checked: 1 invalid, 2 errors, 0 warnings',
];
const lines = (s: string): string[] => s.trim().split('\n');

describe('the language of messages', () => {
  it('is Kazakh with --lang kk, before or after the command', () => {
    for (const r of [validate(['--lang', 'kk']), hattama(['validate', 'meetings/bad.yaml', '--lang=kk'], { cwd: work, env: env() })]) {
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual(KAZAKH);
    }
  });

  it('is Kazakh with LANG=kk_KZ.UTF-8, Russian with --lang ru, English with LANG=C or no locale', () => {
    expect(lines(validate([], { LANG: 'kk_KZ.UTF-8' }).stderr)).toEqual(KAZAKH);
    expect(lines(validate(['--lang', 'ru']).stderr)).toEqual(RUSSIAN);
    expect(lines(validate([], { LANG: 'C' }).stderr)).toEqual(ENGLISH);
    expect(lines(validate([]).stderr)).toEqual(ENGLISH);
    // LC_ALL outranks LANG, as in POSIX.
    expect(lines(validate([], { LC_ALL: 'ru_RU.UTF-8', LANG: 'kk_KZ.UTF-8' }).stderr)).toEqual(RUSSIAN);
  });

  it('follows lang in hattama.yaml, from any subfolder, and --lang beats it; the locale does not', () => {
    writeFileSync(join(work, 'hattama.yaml'), 'lang: ru   # messages in Russian\n');
    expect(lines(validate([], { LANG: 'kk_KZ.UTF-8' }).stderr)).toEqual(RUSSIAN);
    expect(lines(validate(['--lang', 'en']).stderr)).toEqual(ENGLISH);
    const sub = hattama(['validate', 'bad.yaml'], { cwd: join(work, 'meetings'), env: env() });
    expect(lines(sub.stderr).at(-1)).toBe(RUSSIAN.at(-1));
  });

  it('refuses a wrong lang in hattama.yaml at its place', () => {
    writeFileSync(join(work, 'hattama.yaml'), 'lang: de\n');
    const r = validate([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hattama.yaml:1:7: error: lang must be kk, ru or en, not "de" [config]');
  });

  it('prints --help in Kazakh, commander words included', () => {
    const r = hattama(['--lang', 'kk', '--help'], { cwd: work, env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Қолданылуы: hattama /);
    expect(r.stdout).toContain('Параметрлер:');
    expect(r.stdout).toContain('Командалар:');
    expect(r.stdout).toContain('команда бойынша анықтаманы көрсету');
    expect(r.stdout).toContain('жазбаларды тексеру (схема, ережелер, үлгі),');
    expect(r.stdout).toContain('Шығу кодтары:');
    expect(r.stdout).not.toMatch(/Usage:|Options:|display help/);
    const sub = hattama(['render', '--help'], { cwd: work, env: env({ LANG: 'kk_KZ.UTF-8' }) });
    expect(sub.stdout).toContain('Аргументтер:');
    expect(sub.stdout).toContain('(әдепкісі: docx,pdf)');
  });

  it("words commander's own errors in the language, exit 2", () => {
    const r = hattama(['--lang', 'ru', 'validate', '--strictt', 'meetings/bad.yaml'], { cwd: work, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ошибка: неизвестный параметр '--strictt' (возможно, имелось в виду --strict?)\n");
    const k = hattama(['--lang', 'kk', 'render'], { cwd: work, env: env() });
    expect(k.code).toBe(2);
    expect(k.stderr).toBe("қате: міндетті 'file' аргументі берілмеген\n");
  });

  it('refuses an unknown --lang, or one without a value, as a usage error (exit 2)', () => {
    const r = hattama(['--lang', 'xx', 'validate', 'meetings/bad.yaml'], { cwd: work, env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: --lang takes one of kk, ru, en, not "xx"\n');
    const k = hattama(['validate', 'meetings/bad.yaml', '--lang'], { cwd: work, env: env({ LANG: 'kk_KZ.UTF-8' }) });
    expect(k.code).toBe(2);
    expect(k.stderr).toBe('қате: --lang мына мәндердің бірін қабылдайды: kk, ru, en; "" жарамайды\n');
  });

  it('never repeats a personal name in any language', () => {
    writeFileSync(join(work, 'meetings', 'bad.yaml'), FAULTY.replace('present: 3', 'present: 0'));
    for (const lang of ['kk', 'ru', 'en']) {
      const r = validate(['--lang', lang]);
      expect(r.stderr).not.toMatch(/Аметов|Жұмағалиева/);
    }
  });
});

describe('referral documents and --lang', () => {
  it('--lang ru also makes the referral summary Russian; --doc-lang chooses it alone', () => {
    const ru = hattama(['--lang', 'ru', 'referral', 'rules', '--date', '2025-06-01'], { cwd: work, env: env() });
    const kk = hattama(['referral', 'rules', '--date', '2025-06-01'], { cwd: work, env: env() });
    const docKk = hattama(['--lang', 'ru', 'referral', 'rules', '--date', '2025-06-01', '--doc-lang', 'kk'], { cwd: work, env: env() });
    expect(ru.code).toBe(0);
    expect(kk.code).toBe(0);
    expect(ru.stdout).not.toBe(kk.stdout);
    expect(ru.stdout).toMatch(/[ыэё]/); // Russian letters
    expect(docKk.stdout).toBe(kk.stdout);
  });
});

describe('calendar and referral timeline in Kazakh', () => {
  it('calendar --lang kk: headings, weekdays, reasons and summary in Kazakh', () => {
    const r = hattama(['--lang', 'kk', 'calendar', '2026']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('күні        апта күні  жұмыс  себебі');
    expect(lines).toContain('2026-03-09  Дс         жоқ    ауыстырылған демалыс күні: 8 наурыз (Халықаралық әйелдер күні) жексенбіге сәйкес келеді');
    expect(lines).toContain('2026-03-08  Жс         жоқ    мереке сенбі не жексенбіге түсті: Халықаралық әйелдер күні');
    expect(r.stdout).toContain('2026: 365 күн, 246 жұмыс күні, 119 демалыс күні;');
    expect(r.stdout).not.toMatch(/\b(yes|no|working|Mon|day off)\b/);
  });

  it('referral timeline with LANG=kk_KZ.UTF-8: deadlines and skipped days in Kazakh', () => {
    const r = hattama(['referral', 'timeline', '--offered', '2026-03-05'], { env: env({ LANG: 'kk_KZ.UTF-8' }) });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Жолдама 2026-03-05 (Бс) ұсынылды; «voucher-2026» қағидалары, 2026-01-01 бастап күшінде. Мерзімдер келесі күннен бастап есептеледі.');
    expect(lines).toContain('Жолдаманы алу мерзімі 5 жұмыс күні: 2026-03-13 (Жм) күннің соңында аяқталады.');
    expect(lines).toContain('  2026-03-09 (Дс)  ауыстырылған демалыс күні: 8 наурыз (Халықаралық әйелдер күні) жексенбіге сәйкес келеді');
    expect(lines).toContain('  және 1 сенбі не жексенбі');
  });
});
