/**
 * The audit of a referral log against the rules: pure, from events, rule sets
 * and the working-day calendar to findings for a period. Nothing is read or
 * written here.
 *
 * Each event offered in the period is judged by the rule set in force on the
 * day it was offered, on its {@link timeline}: the privileged window, then the
 * period to take the referral (hand-over), after which the place passes to the
 * general queue (or the referral is annulled). Three things break the rules:
 *
 * - `general-too-early`: a child of the general queue took the place on or
 *   before the last day of the hand-over period, while privileged children
 *   could still take it;
 * - `taken-late`: a privileged child took it after that day;
 * - `unknown-category`: the category is neither one of the rule set's nor
 *   `general`, so the event cannot be judged.
 *
 * A lapsed or still open referral breaks nothing by itself. Extensions (the
 * 2026 rules allow one) are not in the log, so an extended referral taken
 * after the period shows as `taken-late`; the report says so.
 */
import { CalendarError, type Calendar } from './calendar.js';
import { GENERAL_QUEUE, type ReferralEvent } from './log.js';
import type { Bilingual, RuleSet } from './rules.js';
import { timeline, type Timeline } from './timeline.js';
import { closest } from '../util/suggest.js';

/** The kinds of breach, in the order reports list them. */
export const BREACH_KINDS = ['general-too-early', 'taken-late', 'unknown-category'] as const;

/** One kind of breach of the referral rules. */
export type BreachKind = (typeof BREACH_KINDS)[number];

/** How an event's category stands in its rule set. */
export type CategoryKind = 'privileged' | 'general' | 'unknown';

/** The period audited: events offered from `from` to `to`, both included (ISO dates). */
export interface AuditPeriod {
  readonly from: string;
  readonly to: string;
}

/** What the audit needs besides the events. */
export interface AuditOptions extends AuditPeriod {
  /** Every rule set (as `ruleSets()` of rules.ts returns them); each event is judged by the one in force on its `offered` date. */
  readonly ruleSets: readonly RuleSet[];
  readonly calendar: Calendar;
}

/** An event of the period with its rules and deadlines. */
export interface AuditedEvent {
  readonly event: ReferralEvent;
  /** The rule set in force on the day the place was offered. */
  readonly rules: RuleSet;
  readonly timeline: Timeline;
  readonly categoryKind: CategoryKind;
  /** The category id: the rule set's own spelling when the log's differs only in case, else as the log has it. */
  readonly category: string;
  /** Working days from the offer to the taking (the offer's day not counted), when taken. */
  readonly workingDaysToTake?: number;
}

/** One breach of the rules. */
export interface Breach {
  readonly kind: BreachKind;
  readonly event: ReferralEvent;
  /** The rule set broken. */
  readonly rules: RuleSet;
  /** The event's deadlines; `timeline.handOver.ends` is the deadline. */
  readonly timeline: Timeline;
  /** `taken-late`: working days after the deadline the referral was taken. */
  readonly workingDaysLate?: number;
  /** For taken-late: calendar days after the deadline (what tells a taking on a day off right after it). */
  readonly calendarDaysLate?: number;
  /** `unknown-category`: the known category id the given one is nearest to, if any is near. */
  readonly suggestion?: string;
}

/** Referrals of one category in the period. */
export interface CategoryCount {
  /** The category id as logs write it (`general` for the general queue). */
  readonly id: string;
  readonly kind: CategoryKind;
  /** The category's names, from the latest rule set of the period that has it (privileged categories only). */
  readonly names?: Bilingual;
  readonly offered: number;
  readonly taken: number;
  readonly lapsed: number;
  /** Neither taken nor lapsed. */
  readonly open: number;
  /** Median working days from offer to taking, over its taken referrals. */
  readonly medianWorkingDays?: number;
}

/** A place lawfully passed to the general queue: taken by a `general` child after the deadline. */
export interface HandOver {
  readonly event: ReferralEvent & { readonly taken: string };
  readonly rules: RuleSet;
  readonly timeline: Timeline;
  readonly workingDaysToTake: number;
}

/** An event that could not be audited (no rule set in force on its date, or a year missing from the calendar). */
export interface AuditProblem {
  readonly event: ReferralEvent;
  /** `referral/no-rules` or `referral/calendar`. */
  readonly rule: string;
  readonly message: string;
}

/** Counts over every event of the period. */
export interface AuditTotals {
  readonly offered: number;
  readonly taken: number;
  readonly lapsed: number;
  readonly open: number;
  /** Median working days from offer to taking over every taken referral; undefined when none was taken. */
  readonly medianWorkingDays?: number;
}

/** The audit of one period. */
export interface Audit extends AuditPeriod {
  /** The rule sets in force at some time in the period, oldest first. */
  readonly ruleSets: readonly RuleSet[];
  /** The events offered in the period, by offer date then place. */
  readonly events: readonly AuditedEvent[];
  /** Per category: the privileged ones of the period's rule sets in their order, then `general`, then unknown ids. */
  readonly categories: readonly CategoryCount[];
  readonly totals: AuditTotals;
  /** Places passed to the general queue after the deadline, by offer date. */
  readonly handOvers: readonly HandOver[];
  /** Every breach, by offer date then place. */
  readonly breaches: readonly Breach[];
  /** Breaches counted by kind. */
  readonly breachCounts: Readonly<Record<BreachKind, number>>;
  /** Events that could not be audited; the audit is incomplete when there are any. */
  readonly problems: readonly AuditProblem[];
}

/** The rule set in force on an ISO date among `sets`: the latest that started on or before it. */
export function ruleSetIn(sets: readonly RuleSet[], date: string): RuleSet | undefined {
  let found: RuleSet | undefined;
  for (const s of [...sets].sort((a, b) => a.effective_from.localeCompare(b.effective_from))) if (s.effective_from <= date) found = s;
  return found;
}

/** The rule sets in force at some time from `from` to `to`, oldest first. */
export function ruleSetsDuring(sets: readonly RuleSet[], from: string, to: string): RuleSet[] {
  const first = ruleSetIn(sets, from);
  const later = sets.filter((s) => s.effective_from > from && s.effective_from <= to);
  return [...(first ? [first] : []), ...later].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
}

/** The median of some numbers (the mean of the middle two for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Audits the events offered in the period. Throws only on a bug; data problems are {@link Audit.problems}. */
export function auditLog(events: readonly ReferralEvent[], options: AuditOptions): Audit {
  const { from, to, calendar } = options;
  const inPeriod = events
    .filter((e) => e.offered >= from && e.offered <= to)
    .sort((a, b) => a.offered.localeCompare(b.offered) || a.place.localeCompare(b.place));
  const audited: AuditedEvent[] = [];
  const problems: AuditProblem[] = [];
  const breaches: Breach[] = [];
  const handOvers: HandOver[] = [];

  for (const event of inPeriod) {
    const rules = ruleSetIn(options.ruleSets, event.offered);
    if (!rules) {
      const earliest = [...options.ruleSets].sort((a, b) => a.effective_from.localeCompare(b.effective_from))[0];
      problems.push({
        event,
        rule: 'referral/no-rules',
        message: `no referral rule set is in force on ${event.offered}${earliest ? `: the earliest, "${earliest.id}", starts ${earliest.effective_from}` : ''}; the event cannot be audited`,
      });
      continue;
    }
    let line: Timeline;
    let toTake: number | undefined;
    try {
      line = timeline(event.offered, rules, calendar);
      if (event.taken) toTake = calendar.workingDaysBetween(event.offered, event.taken);
    } catch (err) {
      if (!(err instanceof CalendarError)) throw err;
      problems.push({ event, rule: 'referral/calendar', message: `the event cannot be audited: ${err.message}` });
      continue;
    }
    const ids = rules.categories.map((c) => c.id);
    const given = event.category.toLowerCase();
    const known = ids.find((id) => id.toLowerCase() === given);
    const categoryKind: CategoryKind = given === GENERAL_QUEUE ? 'general' : known ? 'privileged' : 'unknown';
    const category = categoryKind === 'general' ? GENERAL_QUEUE : (known ?? event.category);
    audited.push({ event, rules, timeline: line, categoryKind, category, ...(toTake !== undefined && { workingDaysToTake: toTake }) });

    const deadline = line.handOver.ends;
    if (categoryKind === 'unknown') {
      const suggestion = closest(event.category, [...ids, GENERAL_QUEUE]);
      breaches.push({ kind: 'unknown-category', event, rules, timeline: line, ...(suggestion && { suggestion }) });
    } else if (event.taken && categoryKind === 'general') {
      if (event.taken <= deadline) breaches.push({ kind: 'general-too-early', event, rules, timeline: line });
      else handOvers.push({ event: event as HandOver['event'], rules, timeline: line, workingDaysToTake: toTake! });
    } else if (event.taken && event.taken > deadline) {
      breaches.push({
        kind: 'taken-late',
        event,
        rules,
        timeline: line,
        workingDaysLate: calendar.workingDaysBetween(deadline, event.taken),
        calendarDaysLate: Math.round((Date.parse(event.taken) - Date.parse(deadline)) / 86_400_000),
      });
    }
  }

  const ruleSets = ruleSetsDuring(options.ruleSets, from, to);
  for (const a of audited) if (!ruleSets.includes(a.rules)) ruleSets.push(a.rules);
  ruleSets.sort((a, b) => a.effective_from.localeCompare(b.effective_from));

  const breachCounts = Object.fromEntries(BREACH_KINDS.map((k) => [k, breaches.filter((b) => b.kind === k).length])) as Record<BreachKind, number>;
  return {
    from,
    to,
    ruleSets,
    events: audited,
    categories: categoryCounts(audited, ruleSets),
    totals: { ...counts(audited), ...medianOf(audited) },
    handOvers,
    breaches,
    breachCounts,
    problems,
  };
}

function counts(events: readonly AuditedEvent[]): Omit<AuditTotals, 'medianWorkingDays'> {
  return {
    offered: events.length,
    taken: events.filter((a) => a.event.taken).length,
    lapsed: events.filter((a) => a.event.lapsed).length,
    open: events.filter((a) => !a.event.taken && !a.event.lapsed).length,
  };
}

function medianOf(events: readonly AuditedEvent[]): { medianWorkingDays?: number } {
  const m = median(events.flatMap((a) => (a.workingDaysToTake === undefined ? [] : [a.workingDaysToTake])));
  return m === undefined ? {} : { medianWorkingDays: m };
}

/** Per category: every privileged category of the period's rule sets (newest set's order and names first), general, then unknown ids. */
function categoryCounts(events: readonly AuditedEvent[], ruleSets: readonly RuleSet[]): CategoryCount[] {
  const order: { id: string; kind: CategoryKind; names?: Bilingual }[] = [];
  for (const set of [...ruleSets].reverse()) {
    for (const c of set.categories) if (!order.some((o) => o.id === c.id)) order.push({ id: c.id, kind: 'privileged', names: { kk: c.kk, ru: c.ru } });
  }
  order.push({ id: GENERAL_QUEUE, kind: 'general' });
  for (const a of events) {
    if (a.categoryKind === 'unknown' && !order.some((o) => o.id === a.category && o.kind === 'unknown')) order.push({ id: a.category, kind: 'unknown' });
  }
  return order.map((o) => {
    // An id that is privileged in one set and unknown in another is counted by the kind it had for each event.
    const mine = events.filter((a) => a.category === o.id && a.categoryKind === o.kind);
    return { ...o, ...counts(mine), ...medianOf(mine) };
  });
}
