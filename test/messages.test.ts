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

describe('keys used in the code', () => {
  // Every src/**/*.ts file's text, read once.
  const sources = async (): Promise<string[]> => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(import.meta.dirname, '..', 'src');
    return readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '')); // comments are not code
  };

  it("exist in the catalogues, and every catalogue key is used", async () => {
    const texts = await sources();
    const known = new Set(Object.keys(catalogue('en')));
    const literal = new Set<string>();
    const prefixes = new Set<string>();
    const quoted = new Set<string>();
    for (const text of texts) {
      // msg('…'), and say('…') where a module words through its own wrapper of msg.
      for (const m of text.matchAll(/\b(?:msg|say)\(\s*'([^']+)'/g)) literal.add(m[1]!);
      // msg(`cli.build.outcome.${…}`): a family of keys; the prefix must name at least two segments.
      for (const m of text.matchAll(/\b(?:msg|say)\(\s*`([a-z][\w-]*\.[\w.-]*\.)\$\{/g)) prefixes.add(m[1]!);
      // Keys kept in a table (LIMIT_MESSAGES) and passed to msg by value.
      for (const m of text.matchAll(/'([a-z][\w-]*(?:\.[\w-]+)+)'/g)) if (known.has(m[1]!)) quoted.add(m[1]!);
    }
    expect(literal.size, 'msg() calls found').toBeGreaterThan(100);
    const missing = [...literal].filter((k) => !known.has(k));
    expect(missing, 'msg() keys missing from data/messages/en').toEqual([]);
    for (const p of prefixes) expect([...known].some((k) => k.startsWith(p)), `no keys start with ${p}`).toBe(true);
    // bin/hattama.js reads one sentence itself (package.no-dist) with a pattern, before dist/ exists.
    const { readFileSync } = await import('node:fs');
    const bin = readFileSync(new URL('../bin/hattama.js', import.meta.url), 'utf8');
    const unused = [...known].filter((k) => !literal.has(k) && !quoted.has(k) && ![...prefixes].some((p) => k.startsWith(p)) && !bin.includes(k.replaceAll('.', '\\.')));
    expect(unused, 'catalogue keys no code uses').toEqual([]);
  });

  it('no message is left as an English sentence in the checked modules', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    // The modules whose wording moved to the catalogues: a `message: '…'` or `message: \`…\`` literal there is a regression.
    const files = ['validate/rules.ts', 'validate/schema-errors.ts', 'parse/read.ts', 'parse/source.ts', 'parse/structure.ts', 'config/load.ts', 'render/render.ts'];
    for (const f of files) {
      const text = readFileSync(join(import.meta.dirname, '..', 'src', f), 'utf8');
      expect(text.match(/message:\s*['`][a-z]/g) ?? [], f).toEqual([]);
    }
  });
});
