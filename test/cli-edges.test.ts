/** Command-line edges: user values with terminal escapes, hattama.yaml `lang` as config/load.ts reads it, its path as printed. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hattama } from './support/cli.js';
import { ROOT } from './support/seed.js';

const noLocale = (): NodeJS.ProcessEnv => {
  const e = { ...process.env };
  delete e['LC_ALL'];
  delete e['LC_MESSAGES'];
  delete e['LANG'];
  return e;
};
const ESC = '\u001b';

describe('command-line errors never echo a terminal escape', () => {
  const cases: [string, string[]][] = [
    ['new --date', ['new', 'board', '--date', `${ESC}]0;PWN\u0007`]],
    ['--lang', ['--lang', `${ESC}[31mx`, 'build']],
    ['an unknown command', [`${ESC}[31mx`]],
    ['an unknown option', ['build', `--${ESC}[31mx`]],
    ['--jobs', ['build', '--jobs', `${ESC}[1m`]],
    ['--format', ['render', 'x.yaml', '--format', `${ESC}[1m`]],
    ['referral timeline --offered', ['referral', 'timeline', '--offered', `${ESC}[2J`]],
  ];
  for (const lang of ['en', 'kk', 'ru']) {
    for (const [what, args] of cases) {
      it(`${what} (${lang})`, () => {
        const r = hattama(lang === 'en' ? args : ['--lang', lang, ...args], { cwd: tmpdir(), env: noLocale() });
        expect(r.code).toBe(2);
        expect(r.stderr).not.toContain(ESC);
        expect(r.stderr).not.toContain('\u0007');
        expect(r.stderr).toContain('\\u{1b}');
      });
    }
  }
});

describe('hattama.yaml', () => {
  it('`lang: KK` is an error and does not switch the messages to Kazakh; the file is named relative to the root', () => {
    const work = mkdtempSync(join(tmpdir(), 'hattama-edges-'));
    mkdirSync(join(work, 'meetings'));
    writeFileSync(join(work, 'hattama.yaml'), 'lang: KK\n');
    writeFileSync(join(work, 'meetings', 'a.yaml'), 'hattama: 1\n');
    const r = hattama(['validate', 'meetings/a.yaml'], { cwd: work, env: noLocale() });
    expect(r.stderr).toContain('hattama.yaml:1:7: error:');
    expect(r.stderr).not.toContain(work);
    // English: the value chose nothing.
    expect(r.stderr).toMatch(/lang/);
    expect(r.stderr).not.toMatch(/[а-яәіңғүұқөһ]/i);
  });
});

describe('build --out', () => {
  it('is refused (exit 2, nothing written) inside the records folder, or holding it', () => {
    const work = mkdtempSync(join(tmpdir(), 'hattama-edges-'));
    mkdirSync(join(work, 'meetings', 'sealed'), { recursive: true });
    for (const out of ['meetings/sealed', 'meetings', '.', join(work, 'meetings', 'x')]) {
      for (const lang of ['en', 'kk']) {
        const r = hattama(['--lang', lang, 'build', '--out', out], { cwd: work, env: noLocale() });
        expect(r.code, `${out} ${lang}`).toBe(2);
        expect(r.stderr).toContain(lang === 'en' ? 'overlap' : 'бір-бірінің ішінде');
      }
    }
    expect(readdirSync(join(work, 'meetings', 'sealed'))).toEqual([]);
    expect(readdirSync(join(work, 'meetings')).sort()).toEqual(['sealed']);
    expect(readdirSync(work).sort()).toEqual(['meetings']);
  });
});

describe('build repeats stored warnings', () => {
  it('in the language of this build, not the one that made them, leaving the files alone', () => {
    const work = mkdtempSync(join(tmpdir(), 'hattama-edges-'));
    mkdirSync(join(work, 'meetings'));
    const seed = readFileSync(join(ROOT, 'meetings/2025/2025-12-25-board-of-trustees-02.yaml'), 'utf8');
    // A Latin "a" in a Cyrillic name: a record-level warning (text/look-alike), stored with the record.
    writeFileSync(join(work, 'meetings', 'a.yaml'), seed.replace('status: signed', 'status: draft').replace('Жұмағалиева', 'Жұмaғалиева'));
    const build = (lang: string) => hattama(['--lang', lang, 'build', '-f', 'docx'], { cwd: work, env: noLocale() });
    const en = build('en');
    expect(en.code, en.stderr).toBe(0);
    expect(en.stderr).toContain('Latin "a" (U+0061) inside a Cyrillic word');
    const docx = join(work, 'out', 'a.docx');
    const before = statSync(docx).mtimeMs;
    for (const lang of ['kk', 'kk', 'ru']) {
      const r = build(lang);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('Latin');
      expect(r.stderr).toContain(lang === 'kk' ? 'латынның «a» (U+0061)' : '(U+0061)');
      expect(r.stdout).toBe('');
      expect(statSync(docx).mtimeMs).toBe(before);
    }
  });
});
