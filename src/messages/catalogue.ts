/**
 * Message catalogues: every sentence hattama says to its user (diagnostics,
 * summaries, prompts, help) lives in data/messages/<lang>/*.yaml (one file
 * per part of hattama, merged; a key may appear in one file only), like the
 * wording of the minutes lives in templates/. Code names a message by key and
 * passes its values; the catalogue of the chosen language words it.
 *
 *   msg('render.wrote', { file: 'out/x.pdf' })
 *
 * A catalogue entry is a string with `{name}` placeholders, or, where a count
 * changes the wording (Russian, English), an object of plural forms chosen by
 * the `n` value: `{ one: …, few: …, many: …, other: … }` (CLDR categories).
 * A key missing from a language falls back to English, then to the key itself:
 * a missing sentence is a defect the catalogue test catches, never a crash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { parseYamlData } from '../util/precompiled.js';

/** The languages hattama speaks to its user in. */
export type Language = 'kk' | 'ru' | 'en';

/** Every language with a catalogue, in the order `--help` lists them. */
export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];

/** The folder holding one `<lang>/` folder of catalogue files per language. */
export const MESSAGES_DIR = join(packageRoot, 'data', 'messages');

/** One catalogue entry: a sentence, or its plural forms by CLDR category. */
export type MessageText = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>;

/** A catalogue: message key → text. */
export type Catalogue = Readonly<Record<string, MessageText>>;

/** Values a message's placeholders take. `n` also chooses plural forms. */
export type MessageParams = Readonly<Record<string, string | number>>;

let language: Language = 'en';
let chosen = false;
const catalogues = new Map<Language, Catalogue>();

/** The catalogue files of one language, by name (`cli.yaml` → its entries). */
export function catalogueFiles(lang: Language): ReadonlyMap<string, Catalogue> {
  const dir = join(MESSAGES_DIR, lang);
  const files = new Map<string, Catalogue>();
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const value = parseYamlData(readFileSync(join(dir, name), 'utf8'));
    files.set(name, (value && typeof value === 'object' ? value : {}) as Catalogue);
  }
  return files;
}

/** Reads one language's catalogue (cached; built-in files are pre-parsed by the build). */
export function catalogue(lang: Language): Catalogue {
  let found = catalogues.get(lang);
  if (!found) {
    found = Object.assign({}, ...catalogueFiles(lang).values()) as Catalogue;
    catalogues.set(lang, found);
  }
  return found;
}

/**
 * Sets the language of every message from now on (the CLI calls it once it
 * knows). `wasChosen` is false when nothing chose it (no --lang, no `lang:`,
 * no locale) and English is only the fallback.
 */
export function setLanguage(lang: Language, wasChosen = true): void {
  language = lang;
  chosen = wasChosen;
}

/** True when --lang, hattama.yaml or the locale chose the current language (not the English fallback). */
export function languageWasChosen(): boolean {
  return chosen;
}

/** The language messages are worded in now. */
export function currentLanguage(): Language {
  return language;
}

/** True for a supported language code. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language a locale environment asks for: `LC_ALL`, then `LC_MESSAGES`,
 * then `LANG` (POSIX order), e.g. `kk_KZ.UTF-8` → kk, `ru_RU.UTF-8` → ru.
 * Undefined when none names a language hattama has (C, POSIX, en_US, de_DE …
 * all leave the choice to the caller's default, English).
 */
export function languageFromEnvironment(env: NodeJS.ProcessEnv = process.env): Language | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[name];
    if (!value) continue;
    const code = value.slice(0, 2).toLowerCase();
    // The first variable that is set decides, as in POSIX, even when it names a language we lack.
    return isLanguage(code) ? code : undefined;
  }
  return undefined;
}

function pick(text: MessageText, lang: Language, params: MessageParams | undefined): string {
  if (typeof text === 'string') return text;
  const n = typeof params?.n === 'number' ? params.n : Number(params?.n ?? 0);
  const category = new Intl.PluralRules(lang).select(n);
  return text[category] ?? text.other ?? Object.values(text)[0] ?? '';
}

/** Fills `{name}` placeholders; `{{` and `}}` stand for literal braces. */
function fill(text: string, params: MessageParams | undefined): string {
  return text.replace(/\{\{|\}\}|\{([A-Za-z0-9_]+)\}/g, (whole, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const value = name !== undefined ? params?.[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/** The message `key` in the current language, its placeholders filled from `params`. */
export function msg(key: string, params?: MessageParams, lang: Language = language): string {
  const text = catalogue(lang)[key] ?? catalogue('en')[key];
  if (text === undefined) return fill(key, params);
  return fill(pick(text, lang, params), params);
}
