/**
 * Layout settings: which parts the minutes have and how they are worded,
 * chosen in hattama.yaml (`layout:`) instead of in template code. The
 * defaults live in templates/layout.yaml, the words in each language's
 * locale.yaml; this module only merges them into what templates read as
 * `layout` and `headings`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { parseYamlData } from '../util/precompiled.js';
import { deepMerge } from '../style/load.js';
import type { BodyKind, Meeting } from '../model/meeting.js';

/** hattama's layout defaults. */
export const DEFAULT_LAYOUT_FILE = join(packageRoot, 'templates', 'layout.yaml');

/** Text a setting gives: one string for every language, or one per language. */
export type LayoutText = string | { readonly kk?: string; readonly ru?: string };

/** Date styles, named in each locale's `date_styles`. */
export type DateStyle = 'numeric' | 'numeric-tight' | 'long';

/** Every layout setting, as templates/layout.yaml documents it. */
export interface LayoutSettings {
  readonly title: 'held-at' | 'document-type';
  readonly title_case: 'as-written' | 'upper';
  readonly meeting: 'sitting' | 'assembly';
  readonly organisation: { readonly position: 'above' | 'below' | 'none'; readonly align: 'left' | 'center' | 'right' };
  readonly number: 'title' | 'date';
  readonly date: DateStyle;
  readonly deadline: DateStyle;
  readonly officers: 'top' | 'none';
  readonly session_line: boolean;
  /** A set's name, or a mapping naming a set (`set`) and single headings to change. */
  readonly headings: string | Readonly<Record<string, LayoutText>>;
  readonly proceedings: 'per-item' | 'together';
  readonly item_heading: 'numbered' | 'ordinal';
  readonly rapporteur: 'line' | 'inline';
  readonly responsible: 'inline' | 'lines';
  readonly unanimous: boolean;
  readonly signatures: { readonly chair?: LayoutText; readonly secretary?: LayoutText };
}

/** A `layout:` section as written: any settings, and settings for single bodies. */
export type LayoutOverrides = Partial<LayoutSettings> & { readonly bodies?: Partial<Record<BodyKind, Partial<LayoutSettings>>> };

/** What templates see as `layout`: the settings, with texts in the record's language. */
export interface ResolvedLayout extends Omit<LayoutSettings, 'headings' | 'signatures'> {
  readonly signatures: { readonly chair?: string; readonly secretary?: string };
  /** Some agenda item has proceedings (heard, speakers, votes or decisions). */
  readonly hasProceedings: boolean;
  /** Each item's proceedings go under a heading of its own: `per-item`, and more than one item to tell apart. */
  readonly perItem: boolean;
}

let defaults: LayoutSettings | undefined;
/** The built-in settings (templates/layout.yaml), read once. */
export function defaultLayout(): LayoutSettings {
  defaults ??= parseYamlData(readFileSync(DEFAULT_LAYOUT_FILE, 'utf8')) as LayoutSettings;
  return defaults;
}

/** A setting's text in one language; undefined when it has none for that language. */
export function textIn(text: LayoutText | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[lang as 'kk' | 'ru'];
}

/** The settings for one body: defaults, then the organisation's, then its settings for that body. */
export function layoutFor(overrides: LayoutOverrides | undefined, body: BodyKind): LayoutSettings {
  const { bodies, ...general } = overrides ?? {};
  return deepMerge(deepMerge(defaultLayout(), general), bodies?.[body] ?? {}) as LayoutSettings;
}

/** The layout as templates read a meeting with it, texts picked for the meeting's language. */
export function resolveLayout(settings: LayoutSettings, meeting: Meeting): ResolvedLayout {
  const { headings: _headings, signatures, ...rest } = settings;
  const chair = textIn(signatures.chair, meeting.language);
  const secretary = textIn(signatures.secretary, meeting.language);
  const withProceedings = meeting.agenda.filter((i) => i.heard || i.speakers.length || i.votes || i.decisions.length).length;
  return {
    ...rest,
    signatures: { ...(chair !== undefined && { chair }), ...(secretary !== undefined && { secretary }) },
    hasProceedings: withProceedings > 0,
    perItem: settings.proceedings === 'per-item' && withProceedings > 1,
  };
}

/**
 * The headings for a language: the locale's `default` set, the chosen set
 * over it, then single headings the layout changes.
 * @throws Error when the layout names a set the locale does not have
 */
export function resolveHeadings(
  settings: LayoutSettings,
  sets: Readonly<Record<string, Readonly<Record<string, string>>>>,
  lang: string,
): Readonly<Record<string, string>> {
  const chosen = typeof settings.headings === 'string' ? { set: settings.headings } : settings.headings;
  const setName = textIn(chosen['set'], lang) ?? 'default';
  const set = sets[setName];
  if (!set) throw new Error(`layout.headings: there is no heading set "${setName}"; the ${lang} locale has ${Object.keys(sets).join(', ')}`);
  const changed: Record<string, string> = {};
  for (const [key, value] of Object.entries(chosen)) {
    const text = key === 'set' ? undefined : textIn(value, lang);
    if (text !== undefined) changed[key] = text;
  }
  return { ...sets['default'], ...set, ...changed };
}
