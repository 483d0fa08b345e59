/**
 * Which language hattama speaks to its user in: `--lang` on the command line,
 * then `lang:` in the archive's hattama.yaml, then the locale (LC_ALL,
 * LC_MESSAGES, LANG), else English. Decided before the command line is
 * parsed, so `--help` and commander's own errors are worded in it too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findArchiveRoot } from '../archive/root.js';
import { isLanguage, languageFromEnvironment, type Language } from './catalogue.js';

/** What the early scan of the command line found. */
export interface LanguageChoice {
  /** The language to use (English when nothing chose one). */
  readonly language: Language;
  /** False when nothing chose the language and English is the fallback. */
  readonly chosen: boolean;
  /** The value of `--lang` when the user gave it (valid or not). */
  readonly flag?: string;
  /** True when `--lang` was given without a value. */
  readonly missingValue?: boolean;
  /** The arguments with every `--lang` taken out, for commander. */
  readonly argv: string[];
}

/**
 * Takes `--lang X` / `--lang=X` out of `argv` (the last one wins; nothing
 * after `--` is looked at) and decides the language. An unknown value leaves
 * the language to the other sources; the caller reports it as a usage error.
 */
export function chooseLanguage(argv: readonly string[], cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): LanguageChoice {
  const rest: string[] = [];
  let flag: string | undefined;
  let missingValue = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--lang') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('-')) missingValue = true;
      else {
        flag = v;
        i++;
      }
      continue;
    }
    if (a.startsWith('--lang=')) {
      flag = a.slice('--lang='.length);
      continue;
    }
    rest.push(a);
  }
  const found = (isLanguage(flag) ? flag : undefined) ?? configLanguage(cwd) ?? languageFromEnvironment(env);
  return { language: found ?? 'en', chosen: found !== undefined, ...(flag !== undefined && { flag }), ...(missingValue && { missingValue }), argv: rest };
}

/**
 * `lang:` of the hattama.yaml at the archive root above `cwd`, if it names a
 * language. Read with a line match rather than the YAML parser: it runs on
 * every command, and a wrong value is reported in full when the file is loaded
 * for a record (config/load.ts).
 */
export function configLanguage(cwd: string): Language | undefined {
  const root = findArchiveRoot(cwd);
  if (root === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(join(root, 'hattama.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  // Exactly the values config/load.ts accepts (lower case): `lang: KK` is reported there, so it chooses nothing here.
  const m = /^lang:[ \t]*(["']?)([A-Za-z]+)\1[ \t]*(?:#.*)?$/m.exec(text);
  const value = m?.[2];
  return isLanguage(value) ? value : undefined;
}
