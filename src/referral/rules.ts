/**
 * The kindergarten referral rules as versioned data (data/referral-rules.yaml):
 * loading, checking, picking the set in force on a date, checking the region
 * it applies to, and listing what its sources do not confirm.
 */
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { loadData } from '../validate/data-file.js';
import { closest } from '../util/suggest.js';
import validateRules from '../validate/generated/referral-rules.js';
import { msg } from '../messages/index.js';

/** The rules file hattama ships. */
export const RULES_FILE = join(packageRoot, 'data', 'referral-rules.yaml');

/** A name in both document languages. */
export interface Bilingual {
  readonly kk: string;
  readonly ru: string;
}

/**
 * What a fact rests on. `unconfirmed` (with its `note`) marks a fact the
 * sources do not confirm ([R] in the reference): kept as a default to correct,
 * never stated as settled.
 */
export interface Claim {
  /** The source that says so. */
  readonly basis?: string;
  readonly unconfirmed?: true;
  /** What is not confirmed, and why it is kept (English, for --json). */
  readonly note?: string;
  /** The same, as documents print it under the item's footnote mark. */
  readonly footnote?: Bilingual;
}

/** A privileged category: the id referral logs use, and its names. */
export interface Category extends Bilingual, Claim {
  readonly id: string;
}

/** A way to register on the portal. */
export interface RegistrationMethod extends Bilingual, Claim {
  readonly id: string;
}

/** Units periods are counted in. */
export type PeriodUnit = 'calendar-days' | 'working-days';

/** A period counted from the day after an event. */
export interface Period extends Claim {
  readonly length: number;
  readonly unit: PeriodUnit;
  /** Why this length and unit: the source. */
  readonly basis: string;
}

/** A region of Kazakhstan (one of the 17 regions or 3 cities of republican significance). */
export interface Region extends Bilingual {
  readonly id: string;
}

/** Where a rule set applies: everywhere, or in the regions listed. */
export interface AppliesTo extends Claim {
  readonly regions: 'all' | readonly string[];
  readonly basis: string;
}

/** A source of a rule set, named in each document language. */
export interface RuleSource extends Bilingual {
  readonly url?: string;
}

/**
 * The period after the referral is offered, what must be done in it
 * (`take` the referral; `hand-in` the referral to the kindergarten; after
 * confirming, submit the `documents` and sign the contract), and what follows
 * when it runs out. Each action and outcome has its own sentence in the templates.
 */
export interface HandOver extends Period {
  readonly action: 'take' | 'hand-in' | 'documents';
  readonly then: 'general-queue' | 'annulled';
  /** Days the child is kept out of allocation after the referral is annulled (the source gives no unit). */
  readonly stop_list?: { readonly length: number; readonly basis: string };
}

/** The rules in force from one date. */
export interface RuleSet {
  readonly id: string;
  /** ISO date the set applies from. */
  readonly effective_from: string;
  /** What the date rests on. */
  readonly effective_from_basis: Claim & { readonly basis: string };
  readonly applies_to: AppliesTo;
  readonly title: Bilingual;
  readonly portal: string;
  readonly sources: readonly RuleSource[];
  readonly registration_methods: readonly RegistrationMethod[];
  /** The first period, when only privileged categories are offered the place. */
  readonly privileged_window: Period;
  readonly categories: readonly Category[];
  /** Optional: days to confirm or decline the referral. */
  readonly confirm?: Period;
  /** The period to take the referral, and what follows when it runs out. */
  readonly hand_over: HandOver;
  /** Optional: how long and how often the referral can be extended. */
  readonly extension?: Claim & { readonly max_length: number; readonly unit: PeriodUnit; readonly times: number; readonly basis: string };
  /** Set when minutes quote this set word for word (the Erketai minutes): no footnote marks in minutes. */
  readonly minutes_unmarked?: true;
}

/** The whole rules file. */
export interface ReferralRulesFile {
  readonly regions: readonly Region[];
  readonly rule_sets: readonly RuleSet[];
}

/** No rule set is in force on the date asked about. */
export class NoRulesError extends Error {
  constructor(date: string, earliest: RuleSet) {
    super(msg('rules.none', { date, id: earliest.id, from: earliest.effective_from }));
    this.name = 'NoRulesError';
  }
}

interface Loaded {
  readonly sets: readonly RuleSet[];
  readonly regions: readonly Region[];
}
const loaded = new Map<string, Loaded>();

/** The rules file, checked against its schema and for unique ids, dates and known regions (parsed once per process). */
function load(file: string): Loaded {
  const hit = loaded.get(file);
  if (hit) return hit;
  const value = loadData(file, validateRules);
  const sets = [...value.rule_sets].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
  for (let i = 1; i < sets.length; i++) {
    if (sets[i]!.effective_from === sets[i - 1]!.effective_from) {
      throw new Error(`${file}: rule sets "${sets[i - 1]!.id}" and "${sets[i]!.id}" both start ${sets[i]!.effective_from}; which one applies would be ambiguous`);
    }
  }
  const ids = new Set<string>();
  for (const s of sets) {
    if (ids.has(s.id)) throw new Error(`${file}: two rule sets have the id "${s.id}"`);
    ids.add(s.id);
  }
  const regionIds = new Set<string>();
  for (const r of value.regions) {
    if (regionIds.has(r.id)) throw new Error(`${file}: two regions have the id "${r.id}"`);
    regionIds.add(r.id);
  }
  for (const s of sets) {
    if (s.applies_to.regions === 'all') continue;
    for (const r of s.applies_to.regions) {
      if (!regionIds.has(r)) throw new Error(`${file}: rule set "${s.id}" applies to region "${r}", which is not in regions`);
    }
  }
  const result = { sets, regions: value.regions };
  loaded.set(file, result);
  return result;
}

/**
 * Every rule set in a rules file, oldest first.
 * @throws DataFileError listing every problem at file:line:column
 */
export function ruleSets(file: string = RULES_FILE): readonly RuleSet[] {
  return load(file).sets;
}

/** The regions hattama.yaml's `region:` can name. */
export function regions(file: string = RULES_FILE): readonly Region[] {
  return load(file).regions;
}

/** The rule set in force on an ISO date: the latest that started on or before it. */
export function ruleSetOn(date: string, file: string = RULES_FILE): RuleSet {
  const sets = ruleSets(file);
  let found: RuleSet | undefined;
  for (const s of sets) if (s.effective_from <= date) found = s;
  if (!found) throw new NoRulesError(date, sets[0]!);
  return found;
}

/** True when the rule set applies in the region. */
function appliesIn(set: RuleSet, region: string): boolean {
  return set.applies_to.regions === 'all' || set.applies_to.regions.includes(region);
}

/** The region's English-free display: «Алматы қаласы / город Алматы». */
const regionName = (r: Region): string => `${r.kk} / ${r.ru}`;

/**
 * Why a rule set does not apply in a region, or undefined when it does. The
 * message names the set, where it applies and the region, so the reader knows
 * what to fix (hattama.yaml's `region`, or a rule set for that region).
 */
export function regionProblem(set: RuleSet, region: string, date: string, file: string = RULES_FILE): string | undefined {
  if (appliesIn(set, region)) return undefined;
  const all = regions(file);
  const named = (id: string): string => {
    const r = all.find((x) => x.id === id);
    return r ? `${id} (${regionName(r)})` : id;
  };
  const where = set.applies_to.regions === 'all' ? msg('rules.every-region') : (set.applies_to.regions as readonly string[]).map(named).join(', ');
  return msg('rules.region-refused', { date, id: set.id, from: set.effective_from, where, region: named(region), file: file === RULES_FILE ? 'data/referral-rules.yaml' : file });
}

/** Checks a hattama.yaml `region:` value: undefined when it is a known id, else a message with the nearest id. */
export function unknownRegion(id: string, file: string = RULES_FILE): string | undefined {
  const ids = regions(file).map((r) => r.id);
  if (ids.includes(id)) return undefined;
  const hint = closest(id, ids);
  return hint ? msg('rules.unknown-region.hint', { id, hint, ids: ids.join(', ') }) : msg('rules.unknown-region', { id, ids: ids.join(', ') });
}

// ---------------------------------------------------------------------------
// Unconfirmed facts, numbered for footnotes.

/** Kinds of item that can be unconfirmed, in the order a rule set's document shows them. */
export type UnconfirmedKind = 'effective-from' | 'applies-to' | 'registration' | 'privileged-window' | 'category' | 'confirm' | 'hand-over' | 'extension';

/** One unconfirmed fact of a rule set. */
export interface UnconfirmedItem {
  /** 1, 2, 3… in document order. */
  readonly n: number;
  /** The footnote mark, a superscript number: ¹, ², ³… */
  readonly marker: string;
  readonly kind: UnconfirmedKind;
  /** JSON path of the item in the rule set, e.g. `categories/5`. */
  readonly path: string;
  /** The item's names, for registration methods and categories. */
  readonly names?: Bilingual;
  /** What is not confirmed (English, as in --json). */
  readonly note: string;
  /** The footnote documents print, in Kazakh and Russian. */
  readonly footnote: Bilingual;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');

/** A rule set with every unconfirmed item carrying its footnote `marker`, and the list of them (`notes`). */
export type MarkedRuleSet = RuleSet & { readonly notes: readonly UnconfirmedItem[] };

const marked = new WeakMap<RuleSet, MarkedRuleSet>();

/**
 * The rule set as documents show it: a copy in which every unconfirmed item
 * has its footnote `marker` (¹, ², …, numbered in the order the document
 * shows them), with `notes` listing them. Items the sources confirm are as they were.
 * `only` limits the marks to the kinds a document shows (a report shows the periods, not the categories).
 */
export function markUnconfirmed(set: RuleSet, only?: readonly UnconfirmedKind[]): MarkedRuleSet {
  const hit = only ? undefined : marked.get(set);
  if (hit) return hit;
  const notes: UnconfirmedItem[] = [];
  const mark = <T extends Claim>(item: T, kind: UnconfirmedKind, path: string, names?: Bilingual): T => {
    if (!item.unconfirmed || (only && !only.includes(kind))) return { ...item };
    const n = notes.length + 1;
    notes.push({ n, marker: superscript(n), kind, path, ...(names && { names: { kk: names.kk, ru: names.ru } }), note: item.note ?? '', footnote: item.footnote ?? { kk: '', ru: '' } });
    return { ...item, marker: superscript(n) };
  };
  const copy = {
    ...set,
    effective_from_basis: mark(set.effective_from_basis, 'effective-from', 'effective_from_basis'),
    applies_to: mark(set.applies_to, 'applies-to', 'applies_to'),
    registration_methods: set.registration_methods.map((m, i) => mark(m, 'registration', `registration_methods/${i}`, m)),
    privileged_window: mark(set.privileged_window, 'privileged-window', 'privileged_window'),
    categories: set.categories.map((c, i) => mark(c, 'category', `categories/${i}`, c)),
    ...(set.confirm && { confirm: mark(set.confirm, 'confirm', 'confirm') }),
    hand_over: mark(set.hand_over, 'hand-over', 'hand_over'),
    ...(set.extension && { extension: mark(set.extension, 'extension', 'extension') }),
    notes,
  };
  if (!only) marked.set(set, copy);
  return copy;
}

/**
 * The rule set in force on a date as minutes include it (`include:
 * referral-rules`): unconfirmed items marked and `notes` listed, as in the
 * rules document, unless the set is `minutes_unmarked` (the set the Erketai
 * minutes quote word for word, which must reproduce as signed).
 * @throws NoRulesError when no set is in force on the date
 */
export function minutesRuleSet(date: string, file: string = RULES_FILE): RuleSet | MarkedRuleSet {
  const set = ruleSetOn(date, file);
  return set.minutes_unmarked ? set : markUnconfirmed(set, SUMMARY_SHOWS);
}

/** What the summary minutes include states (not the date it applies from, nor where): so what they mark and note. */
export const SUMMARY_SHOWS: readonly UnconfirmedKind[] = ['registration', 'privileged-window', 'category', 'confirm', 'hand-over', 'extension'];
