import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlData } from '../util/precompiled.js';
import { deepMerge } from '../style/load.js';

/**
 * A template language's data: the words templates pick by value (months,
 * ordinals, per-body wording) and date formats. Lives in
 * `templates/<lang>/locale.yaml`, never in code.
 */
export interface Locale {
  /** BCP 47 tag written into the documents, e.g. "kk-KZ". */
  readonly lang: string;
  /** Named date formats with {d} {dd} {mm} {yyyy} {month} and {month_<form>} placeholders. */
  readonly dates: Readonly<Record<string, string>>;
  /** Month names: `nominative`, and any other forms the language needs (kk `attributive`, ru `genitive`). */
  readonly months: { readonly nominative: readonly string[] } & Readonly<Record<string, readonly string[]>>;
  readonly ordinals: readonly string[];
  /** Named date styles a layout chooses (`numeric`, `numeric-tight`, `long`), same placeholders as {@link dates}. */
  readonly date_styles: Readonly<Record<string, string>>;
  /** Heading sets by name; `default` has every heading, other sets change some. */
  readonly headings: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The kinds of sitting (regular, extraordinary) for the session line. */
  readonly sittings: Readonly<Record<string, string>>;
  /** Other ordinal forms, e.g. `ordinals_dative`. */
  readonly [form: `ordinals_${string}`]: readonly string[] | undefined;
  /** Wording per body kind (e.g. `meeting`, `chair`); templates read it as `words`. */
  readonly bodies: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Loads `<dir>/<lang>/locale.yaml` from each template folder, later folders overriding earlier ones. */
export function loadLocale(dirs: readonly string[], lang: string): { locale: Locale; files: string[] } {
  let merged: unknown = {};
  const files: string[] = [];
  for (const dir of dirs) {
    const file = join(dir, lang, 'locale.yaml');
    if (!existsSync(file)) continue;
    files.push(file);
    merged = deepMerge(merged, parseYamlData(readFileSync(file, 'utf8')));
  }
  if (!files.length) throw new Error(`no locale.yaml for language "${lang}" in ${dirs.join(', ')}`);
  return { locale: merged as Locale, files };
}

/** Formats an ISO date with a named format from the locale. */
export function formatDate(locale: Locale, iso: string, format = 'numeric'): string {
  const pattern = locale.dates[format];
  if (pattern === undefined) throw new Error(`unknown date format "${format}"; the locale has: ${Object.keys(locale.dates).join(', ')}`);
  return formatDateWith(locale, iso, pattern);
}

/** Formats an ISO date with a pattern of {d} {dd} {mm} {yyyy} {month} {month_<form>} placeholders. */
export function formatDateWith(locale: Locale, iso: string, pattern: string): string {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) throw new Error(`"${iso}" is not an ISO date`);
  const month = Number(m) - 1;
  const values: Record<string, string> = { d: String(Number(d)), dd: d, mm: m, yyyy: y, month: locale.months.nominative[month] ?? m };
  for (const [form, names] of Object.entries(locale.months)) values[`month_${form}`] = names[month] ?? m;
  return pattern.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}
