/**
 * Kazakh case forms over real names. The expected forms are in names.yaml,
 * written from the spelling rules (see src/grammar/index.ts), not from the code.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { decline, canDecline, GrammarError, KAZAKH_CASES, type KazakhCase } from '../../src/grammar/index.js';

interface Entry {
  name: string;
  rule: string;
  locative: string;
  genitive?: string;
  dative?: string;
  accusative?: string;
  ablative?: string;
  instrumental?: string;
}

const names = parse(readFileSync(join(import.meta.dirname, 'names.yaml'), 'utf8')) as Entry[];
const cases = names.flatMap((e) => KAZAKH_CASES.filter((k) => e[k] !== undefined).map((k) => [e.name, k, e[k]!, e.rule] as const));

describe('the name set', () => {
  it('has at least 60 names, 15 of them with genitive, dative and ablative', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
    expect(names.filter((e) => e.genitive && e.dative && e.ablative).length).toBeGreaterThanOrEqual(15);
    expect(names.every((e) => e.rule && e.locative)).toBe(true);
  });
});

describe('decline', () => {
  it.each(cases)('%s → %s', (name, kase, expected) => {
    expect(decline(name, kase as KazakhCase)).toBe(expected);
    expect(canDecline(name, kase as KazakhCase)).toBe(true);
  });

  it('reads Latin look-alikes inside a Cyrillic word as the Cyrillic letters they stand for', () => {
    // Latin i (U+0069) for і: validation warns; the form is still right.
    expect(decline('«Болашақ» мектебi', 'locative')).toBe('«Болашақ» мектебiнде');
    expect(decline('«Шұғыла» ЖШC', 'genitive')).toBe('«Шұғыла» ЖШC-ның');
  });

  it('ignores trailing spaces', () => {
    expect(decline('Алматы қаласы  ', 'locative')).toBe('Алматы қаласында');
  });

  it.each([
    ['Nazarbayev University', /not in Cyrillic/],
    ['«Dara bala.kz»', /not in Cyrillic/],
    ['Мектеп (КММ)', /bracket/],
    ['Мектеп …', /does not end in a word/],
    ['«Ақжол» бірлестігі мүшелігіндегі Сарбазы', /possessive/],
  ])('refuses %s', (text, reason) => {
    expect(canDecline(text, 'locative')).toBe(false);
    let thrown: unknown;
    try {
      decline(text, 'locative');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(GrammarError);
    const err = thrown as GrammarError;
    expect(err.message).toMatch(reason);
    expect(err.message).toMatch(/locative/);
    // The message never repeats the text (it may be record data).
    const lastWord = /[\p{L}]+/gu.exec(text.split(' ').at(-1)!)?.[0] ?? '';
    if (lastWord.length > 3) expect(err.message).not.toContain(lastWord);
    expect(err.text).toBe(text);
  });

  it('refuses an unknown case', () => {
    expect(canDecline('Алматы', 'vocative' as KazakhCase)).toBe(false);
  });
});
