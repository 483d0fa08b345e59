import { describe, expect, it } from 'vitest';
import { catalogue, languageFromEnvironment, LANGUAGES, msg } from '../src/messages/index.js';

describe('message catalogues', () => {
  it('every key exists in every language, with the same placeholders', () => {
    const keys = new Set(LANGUAGES.flatMap((l) => Object.keys(catalogue(l))));
    const placeholders = (v: unknown): string[] =>
      [...JSON.stringify(v).matchAll(/(?<!\{)\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!).filter((x, i, a) => a.indexOf(x) === i).sort();
    for (const key of keys) {
      for (const lang of LANGUAGES) {
        expect(catalogue(lang)[key], `${lang}: ${key}`).toBeDefined();
        expect(placeholders(catalogue(lang)[key]), `${lang}: ${key} placeholders`).toEqual(placeholders(catalogue('en')[key]));
      }
    }
  });

  it('fills placeholders and picks plural forms by n', () => {
    expect(msg('cli.description', undefined, 'kk')).toMatch(/хаттама/);
    expect(msg('no.such.key {x}', { x: 1 })).toBe('no.such.key 1');
  });

  it('reads the language from LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(languageFromEnvironment({ LANG: 'kk_KZ.UTF-8' })).toBe('kk');
    expect(languageFromEnvironment({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(languageFromEnvironment({ LC_ALL: 'C', LANG: 'kk_KZ.UTF-8' })).toBeUndefined();
    expect(languageFromEnvironment({ LC_MESSAGES: 'ru_RU', LANG: 'kk_KZ' })).toBe('ru');
    expect(languageFromEnvironment({})).toBeUndefined();
  });
});

describe('catalogue files', () => {
  it('name each key in one file only, and every language has the same files', async () => {
    const { catalogueFiles } = await import('../src/messages/index.js');
    const names = (l: (typeof LANGUAGES)[number]) => [...catalogueFiles(l).keys()];
    for (const lang of LANGUAGES) {
      expect(names(lang), lang).toEqual(names('en'));
      const seen = new Map<string, string>();
      for (const [file, entries] of catalogueFiles(lang)) {
        for (const key of Object.keys(entries)) {
          expect(seen.get(key), `${lang}: ${key} in ${file} and ${seen.get(key)}`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });
});
