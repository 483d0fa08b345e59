/**
 * Latin look-alike letters inside Cyrillic words: a warning at the letter's
 * own line and column, in plain, quoted and block scalars.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSource } from '../../src/validate/index.js';
import { formatDiagnostic } from '../../src/parse/diagnostic.js';
import { parseSource, positionInValue } from '../../src/parse/source.js';
import { findLookAlikes, lookAlikeMessage, LOOK_ALIKE_CAP } from '../../src/validate/look-alikes.js';
import { checkFile } from '../../src/validate/index.js';
import { configFor } from '../../src/config/load.js';
import { decline } from '../../src/grammar/index.js';
import { ROOT } from '../support/seed.js';

const MINIMAL = readFileSync(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'), 'utf8');
const warnings = (text: string): string[] =>
  checkSource('x.yaml', text)
    .diagnostics.filter((d) => d.rule === 'text/look-alike')
    .map(formatDiagnostic);

describe('look-alike letters', () => {
  it('finds Latin letters only inside words with a Cyrillic letter', () => {
    expect(findLookAlikes('«Dara bala.kz» платформасы, faceID')).toEqual([]);
    expect(findLookAlikes('Iс-шаралар')).toEqual([{ index: 0, latin: 'I', cyrillic: 'І' }]);
    // Latin a, o, c and p look exactly like Cyrillic а, о, с, р.
    expect(findLookAlikes('жоспap').map((l) => [l.index, l.latin, l.cyrillic])).toEqual([
      [4, 'a', 'а'],
      [5, 'p', 'р'],
    ]);
    // Every occurrence, each at its own index.
    expect(findLookAlikes('бекiтiлсiн')).toEqual([
      { index: 3, latin: 'i', cyrillic: 'і' },
      { index: 5, latin: 'i', cyrillic: 'і' },
      { index: 8, latin: 'i', cyrillic: 'і' },
    ]);
  });

  it('warns at the letter in a plain scalar, naming the fix', () => {
    const text = MINIMAL.replace('Жылдық жоспар бекітілсін.', 'Жылдық жоспар бекiтiлсiн.');
    const i = 'warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]';
    expect(warnings(text)).toEqual([`x.yaml:17:22: ${i}`, `x.yaml:17:24: ${i}`, `x.yaml:17:27: ${i}`]);
  });

  it('warns at the letter in a capital I at the start of a word', () => {
    const text = MINIMAL.replace('title: Жылдық жоспарды бекіту туралы', 'title: Iс-шаралар жоспарын бекіту туралы');
    expect(warnings(text)).toEqual(['x.yaml:13:12: warning: Latin "I" (U+0049) inside a Cyrillic word: use Cyrillic "І" (U+0406) [text/look-alike]']);
  });

  it('warns at the letter in a double-quoted scalar with escapes before it', () => {
    const text = MINIMAL.replace('heard: Меңгеруші жылдық жоспарды таныстырды.', 'heard: "\\u041C\\x65ңгеруші \\"жылдық\\" жоспаpды таныстырды."');
    // \x65 is a Latin e written as an escape: it is reported at the backslash.
    expect(warnings(text)).toEqual([
      'x.yaml:14:19: warning: Latin "e" (U+0065) inside a Cyrillic word: use Cyrillic "е" (U+0435) [text/look-alike]',
      'x.yaml:14:47: warning: Latin "p" (U+0070) inside a Cyrillic word: use Cyrillic "р" (U+0440) [text/look-alike]',
    ]);
  });

  it('warns at the letter in a single-quoted scalar', () => {
    const text = MINIMAL.replace('heard: Меңгеруші жылдық жоспарды таныстырды.', "heard: 'Меңгеруші ''жылдық'' жоспарды тaныстырды.'");
    expect(warnings(text)).toEqual(['x.yaml:14:44: warning: Latin "a" (U+0061) inside a Cyrillic word: use Cyrillic "а" (U+0430) [text/look-alike]']);
  });

  it('warns at the letter on its own line inside a | block', () => {
    const text = MINIMAL.replace(
      '    heard: Меңгеруші жылдық жоспарды таныстырды.\n',
      '    heard: |  # what was said\n      Меңгеруші жылдық жоспарды таныстырды.\n\n      - Бiрiншi тоқсан;\n        екiншi тоқсан.\n',
    );
    // Бiрiншi on line 17, екiншi on line 18: each letter at its own line and column.
    const i = 'warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]';
    expect(warnings(text)).toEqual([`x.yaml:17:10: ${i}`, `x.yaml:17:12: ${i}`, `x.yaml:17:15: ${i}`, `x.yaml:18:11: ${i}`, `x.yaml:18:14: ${i}`]);
  });

  it('maps a character of a folded multi-line plain scalar to its line', () => {
    const source = parseSource('x.yaml', 'a:\n  бірінші жол\n    екінші жол\n');
    const value = source.value as { a: string };
    expect(value.a).toBe('бірінші жол екінші жол');
    expect(positionInValue(source, ['a'], value.a.indexOf('екінші'))).toEqual({ line: 3, column: 5 });
    expect(positionInValue(source, ['a'], 0)).toEqual({ line: 2, column: 3 });
    // Past the end, or not a scalar: the value's own position.
    expect(positionInValue(source, ['a'], 999)).toEqual({ line: 2, column: 3 });
  });

  it('gives the barred-o warning at its letter', () => {
    const text = MINIMAL.replace('Жылдық жоспар бекітілсін.', 'Жылдық жоспар бекітілсін, кӛрсетілсін.');
    const d = checkSource('x.yaml', text).diagnostics.filter((x) => x.rule === 'text/barred-o').map(formatDiagnostic);
    expect(d).toEqual(['x.yaml:17:32: warning: the letter "ӛ" (U+04DB) looks like a legacy-font substitute for Kazakh "ө" (U+04E9) [text/barred-o]']);
  });

  it('reports every occurrence up to the cap, and counts the rest on the last one', () => {
    const text = 'бiлiм '.repeat(12).trim(); // 24 Latin i
    const found = findLookAlikes(text);
    expect(found).toHaveLength(LOOK_ALIKE_CAP);
    expect(found.slice(0, 3).map((l) => l.index)).toEqual([1, 3, 7]);
    expect(found.slice(0, -1).every((l) => l.more === undefined)).toBe(true);
    expect(found.at(-1)).toEqual({ index: 57, latin: 'i', cyrillic: 'і', more: 4 });
    expect(lookAlikeMessage(found.at(-1)!)).toBe('Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456); 4 more look-alike letters in this text not shown');
    const long = MINIMAL.replace('Жылдық жоспар бекітілсін.', text);
    const w = warnings(long);
    expect(w).toHaveLength(LOOK_ALIKE_CAP);
    expect(w[0]).toBe('x.yaml:17:6: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]');
    expect(w.at(-1)).toMatch(/^x\.yaml:17:62: .*4 more look-alike letters in this text not shown/);
  });

  it('finds the Kazakh look-alikes: h for һ, ə for ә, ɵ for ө, at their own positions', () => {
    const text = MINIMAL.replace('Жылдық жоспар бекітілсін.', 'Жаhан, Əділет, мəдениет, ɵнер жоспары бекітілсін.');
    expect(warnings(text)).toEqual([
      'x.yaml:17:7: warning: Latin "h" (U+0068) inside a Cyrillic word: use Cyrillic "һ" (U+04BB) [text/look-alike]',
      'x.yaml:17:12: warning: Latin "Ə" (U+018F) inside a Cyrillic word: use Cyrillic "Ә" (U+04D8) [text/look-alike]',
      'x.yaml:17:21: warning: Latin "ə" (U+0259) inside a Cyrillic word: use Cyrillic "ә" (U+04D9) [text/look-alike]',
      'x.yaml:17:30: warning: Latin "ɵ" (U+0275) inside a Cyrillic word: use Cyrillic "ө" (U+04E9) [text/look-alike]',
    ]);
  });

  it('reads Latin y, Y and ı by the word: ү, Ү, і in a front word, у, У, ы in a back one', () => {
    const found = (t: string): [number, string, string, string | undefined][] => findLookAlikes(t).map((l) => [l.index, l.latin, l.cyrillic, l.otherwise]);
    expect(found('Yкімет тyрлі')).toEqual([
      [0, 'Y', 'Ү', 'У'],
      [8, 'y', 'ү', 'у'],
    ]);
    expect(found('Yчаска, қyрылыс, балалар ıстаған')).toEqual([
      [0, 'Y', 'У', 'Ү'],
      [9, 'y', 'у', 'ү'],
      [25, 'ı', 'ы', 'і'],
    ]);
    expect(found('бıлім')).toEqual([[1, 'ı', 'і', 'ы']]);
    const text = MINIMAL.replace('Жылдық жоспар бекітілсін.', 'Жылдық жоспар тyрлі бекітілсін.');
    expect(warnings(text)).toEqual(['x.yaml:17:20: warning: Latin "y" (U+0079) inside a Cyrillic word: use Cyrillic "ү" (U+04AF) (or "у" (U+0443), by the word) [text/look-alike]']);
  });

  it('lets the grammar read the Kazakh look-alikes as the letters they stand for', () => {
    // ə is the only vowel: read as ә, the word is front.
    expect(decline('Сəт', 'locative')).toBe('Сəтте');
    expect(decline('Мұхтар Əуезов', 'genitive')).toBe('Мұхтар Əуезовтің');
  });

  it('reports a look-alike in hattama.yaml defaults in hattama.yaml, at the letter, and not in each record', async () => {
    const arc = mkdtempSync(join(tmpdir(), 'hattama-lookalike-'));
    mkdirSync(join(arc, 'meetings'));
    // Line 3, column 22 is the Latin C of ЖШC.
    writeFileSync(join(arc, 'hattama.yaml'), 'defaults:\n  organisation:\n    name: «Шұғыла» ЖШC\n  chair: Сейiтова А.Б\n');
    const record = join(arc, 'meetings', 'm.yaml');
    writeFileSync(record, MINIMAL.replace('organisation:\n  name: №5 «Балдырған» бөбекжайы\n', '').replace('chair: Сейітова А.Б\n', ''));
    const { config, diagnostics } = configFor(join(arc, 'meetings'));
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${join(arc, 'hattama.yaml')}:3:22: warning: Latin "C" (U+0043) inside a Cyrillic word: use Cyrillic "С" (U+0421) [text/look-alike]`,
      `${join(arc, 'hattama.yaml')}:4:13: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]`,
    ]);
    const checked = await checkFile(record, config.rules, config.defaults);
    expect(checked.record?.organisation).toEqual({ name: '«Шұғыла» ЖШC' });
    expect(checked.diagnostics.filter((d) => d.rule === 'text/look-alike')).toEqual([]);
    // A record's own value over a default is still checked in the record.
    writeFileSync(record, MINIMAL.replace('chair: Сейітова А.Б', 'chair: Сейiтова А.Б'));
    const own = await checkFile(record, config.rules, config.defaults);
    expect(own.diagnostics.filter((d) => d.rule === 'text/look-alike').map(formatDiagnostic)).toEqual([
      `${record}:10:11: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]`,
    ]);
  });
});
