/**
 * The kindergarten referral rules as versioned data (data/referral-rules.yaml):
 * loading, checking, and picking the set in force on a date.
 */
import { join } from 'node:path';
import { packageRoot } from '../util/paths.js';
import { loadData } from '../validate/data-file.js';
import validateRules from '../validate/generated/referral-rules.js';

/** The rules file hattama ships. */
export const RULES_FILE = join(packageRoot, 'data', 'referral-rules.yaml');

/** A name in both document languages. */
export interface Bilingual {
  readonly kk: string;
  readonly ru: string;
}

/** A privileged category: the id referral logs use, and its names. */
export interface Category extends Bilingual {
  readonly id: string;
  readonly basis?: string;
}

/** A way to register on the portal. */
export interface RegistrationMethod extends Bilingual {
  readonly id: string;
  readonly basis?: string;
}

/** Units periods are counted in. */
export type PeriodUnit = 'calendar-days' | 'working-days';

/** A period counted from the day after an event. */
export interface Period {
  readonly length: number;
  readonly unit: PeriodUnit;
  /** Why this length and unit: the source. */
  readonly basis: string;
}

/** The rules in force from one date. */
export interface RuleSet {
  readonly id: string;
  /** ISO date the set applies from. */
  readonly effective_from: string;
  readonly title: Bilingual;
  readonly portal: string;
  readonly sources: readonly { readonly title: string; readonly url?: string }[];
  readonly registration_methods: readonly RegistrationMethod[];
  /** The first period, when only privileged categories are offered the place. */
  readonly privileged_window: Period;
  readonly categories: readonly Category[];
  /** Optional: days to confirm or decline the referral. */
  readonly confirm?: Period;
  /** The period to take the referral, and what follows when it runs out. */
  readonly hand_over: Period & { readonly then: 'general-queue' | 'annulled' };
  /** Optional: how long and how often the referral can be extended. */
  readonly extension?: { readonly max_length: number; readonly unit: PeriodUnit; readonly times: number; readonly basis: string };
}

/** The whole rules file. */
export interface ReferralRulesFile {
  readonly rule_sets: readonly RuleSet[];
}

/** No rule set is in force on the date asked about. */
export class NoRulesError extends Error {
  constructor(date: string, earliest: RuleSet) {
    super(`no referral rule set is in force on ${date}: the earliest, "${earliest.id}", starts ${earliest.effective_from}`);
    this.name = 'NoRulesError';
  }
}

const loaded = new Map<string, readonly RuleSet[]>();

/**
 * Every rule set in a rules file, oldest first (checked against its schema,
 * and for unique ids and dates; parsed once per process).
 * @throws DataFileError listing every problem at file:line:column
 */
export function ruleSets(file: string = RULES_FILE): readonly RuleSet[] {
  const hit = loaded.get(file);
  if (hit) return hit;
  const { value } = loadData(file, validateRules);
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
  loaded.set(file, sets);
  return sets;
}

/** The rule set in force on an ISO date: the latest that started on or before it. */
export function ruleSetOn(date: string, file: string = RULES_FILE): RuleSet {
  const sets = ruleSets(file);
  let found: RuleSet | undefined;
  for (const s of sets) if (s.effective_from <= date) found = s;
  if (!found) throw new NoRulesError(date, sets[0]!);
  return found;
}
