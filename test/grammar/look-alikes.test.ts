/**
 * Latin look-alike letters inside Cyrillic words: a warning at the letter's
 * own line and column, in plain, quoted and block scalars.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSource } from '../../src/validate/index.js';
import { formatDiagnostic } from '../../src/parse/diagnostic.js';
import { parseSource, positionInValue } from '../../src/parse/source.js';
import { findLookAlikes } from '../../src/validate/look-alikes.js';
import { ROOT } from '../support/seed.js';

const MINIMAL = readFileSync(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'), 'utf8');
const warnings = (text: string): string[] =>
  checkSource('x.yaml', text)
    .diagnostics.filter((d) => d.rule === 'text/look-alike')
    .map(formatDiagnostic);

describe('look-alike letters', () => {
  it('finds Latin letters only inside words with a Cyrillic letter', () => {
    expect(findLookAlikes('«Dara bala.kz» платформасы, faceID')).toEqual([]);
    expect(findLookAlikes('Iс-шаралар')).toEqual([{ index: 0, latin: 'I', cyrillic: 'І', count: 1 }]);
    // Latin a, o, c and p look exactly like Cyrillic а, о, с, р.
    expect(findLookAlikes('жоспap').map((l) => [l.index, l.latin, l.cyrillic])).toEqual([
      [4, 'a', 'а'],
      [5, 'p', 'р'],
    ]);
    expect(findLookAlikes('бекiтiлсiн')).toEqual([{ index: 3, latin: 'i', cyrillic: 'і', count: 3 }]);
  });

  it('warns at the letter in a plain scalar, naming the fix', () => {
    const text = MINIMAL.replace('Жылдық жоспар бекітілсін.', 'Жылдық жоспар бекiтiлсiн.');
    expect(warnings(text)).toEqual(['x.yaml:17:22: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) (3 times in this text) [text/look-alike]']);
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
    expect(warnings(text)).toEqual(['x.yaml:17:10: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) (5 times in this text) [text/look-alike]']);
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
});
