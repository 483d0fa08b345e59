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
import { msg } from '../messages/index.js';

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
  /** `unknown-category`: the id of the rule set's category the given one is nearest to, if any is near. */
  readonly suggestion?: string;
  /** The category id: the rule set's own spelling when the log's differs only in case, else as the log has it. */
  readonly category: string;
  /** How the category stands in the rule set broken. */
  readonly categoryKind: CategoryKind;
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
  /** Per category: the privileged ones of the period's rule sets in their order, then `general`, then unknown ids. */
  readonly categories: readonly CategoryCount[];
  readonly totals: AuditTotals;
  /** Places passed to the general queue after the deadline, by offer date. */
  readonly handOvers: readonly HandOver[];
  /** Every breach, by offer date then place. */
  readonly breaches: readonly Breach[];
  /** Breaches counted by kind. */
  readonly breachCounts: Readonly<Record<BreachKind, number>>;
  /** Events that could not be audited (the first {@link MAX_PROBLEMS}); the audit is incomplete when there are any. */
  readonly problems: readonly AuditProblem[];
  /** How many more events could not be audited than {@link Audit.problems} lists. */
  readonly moreProblems: number;
}

/** Problems an audit lists; the rest are counted. */
export const MAX_PROBLEMS = 200;

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

/**
 * Counts of one group of events and the histogram of their working days to
 * take: a log of a million rows keeps a few small maps, not its events.
 */
class Tally {
  offered = 0;
  taken = 0;
  lapsed = 0;
  open = 0;
  /** Working days to take → how many referrals took that long. */
  private readonly days = new Map<number, number>();
  private daysCount = 0;

  add(event: ReferralEvent, toTake: number | undefined): void {
    this.offered++;
    if (event.taken) this.taken++;
    else if (event.lapsed) this.lapsed++;
    else this.open++;
    if (toTake !== undefined) {
      this.days.set(toTake, (this.days.get(toTake) ?? 0) + 1);
      this.daysCount++;
    }
  }

  /** The median working days to take, exactly as {@link median} over every value. */
  median(): number | undefined {
    if (!this.daysCount) return undefined;
    const sorted = [...this.days].sort((a, b) => a[0] - b[0]);
    const valueAt = (k: number): number => {
      let seen = 0;
      for (const [v, n] of sorted) {
        seen += n;
        if (k < seen) return v;
      }
      return sorted[sorted.length - 1]![0];
    };
    const mid = this.daysCount >> 1;
    return this.daysCount % 2 ? valueAt(mid) : (valueAt(mid - 1) + valueAt(mid)) / 2;
  }

  totals(): AuditTotals {
    const m = this.median();
    return { offered: this.offered, taken: this.taken, lapsed: this.lapsed, open: this.open, ...(m !== undefined && { medianWorkingDays: m }) };
  }
}

/** Offer date, then place, then file order: how breaches and hand-overs are listed. */
const byOffer = <T extends { readonly event: ReferralEvent }>(list: T[]): T[] =>
  list
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.event.offered.localeCompare(b.item.event.offered) || a.item.event.place.localeCompare(b.item.event.place) || a.i - b.i)
    .map((x) => x.item);

/**
 * The audit as a stream: {@link Auditor.add} each event as it is read, then
 * {@link Auditor.finish}. Memory holds the counts, the breaches and
 * hand-overs (each a row of the report), and the deadlines per offer date —
 * never the events themselves.
 */
export class Auditor {
  private readonly total = new Tally();
  /** Per category, keyed "kind id". */
  private readonly tallies = new Map<string, Tally>();
  /** Unknown categories with the offer date and place they were first seen at (they are listed in that order). */
  private readonly unknownFirst = new Map<string, { offered: string; place: string; seq: number }>();
  private readonly used = new Set<RuleSet>();
  private readonly timelines = new Map<string, Timeline>();
  private readonly breaches: Breach[] = [];
  private readonly handOvers: HandOver[] = [];
  private readonly problems: AuditProblem[] = [];
  private moreProblems = 0;
  private seq = 0;

  constructor(private readonly options: AuditOptions) {}

  /** Audits one event (events offered outside the period are skipped). */
  add(event: ReferralEvent): void {
    const { from, to, calendar } = this.options;
    if (event.offered < from || event.offered > to) return;
    const rules = ruleSetIn(this.options.ruleSets, event.offered);
    if (!rules) {
      const earliest = [...this.options.ruleSets].sort((a, b) => a.effective_from.localeCompare(b.effective_from))[0];
      this.problem({
        event,
        rule: 'referral/no-rules',
        message: earliest ? msg('audit.no-rules', { date: event.offered, id: earliest.id, from: earliest.effective_from }) : msg('audit.no-rules.none', { date: event.offered }),
      });
      return;
    }
    let line: Timeline;
    let toTake: number | undefined;
    try {
      // The deadlines depend only on the offer date and the rule set: computed once per day.
      const key = `${rules.id}\0${event.offered}`;
      line = this.timelines.get(key) ?? timeline(event.offered, rules, calendar);
      this.timelines.set(key, line);
      if (event.taken) toTake = calendar.workingDaysBetween(event.offered, event.taken);
    } catch (err) {
      if (!(err instanceof CalendarError)) throw err;
      this.problem({ event, rule: 'referral/calendar', message: msg('audit.calendar', { reason: err.message }) });
      return;
    }
    this.used.add(rules);
    const ids = rules.categories.map((c) => c.id);
    const given = event.category.toLowerCase();
    const known = ids.find((id) => id.toLowerCase() === given);
    const categoryKind: CategoryKind = given === GENERAL_QUEUE ? 'general' : known ? 'privileged' : 'unknown';
    const category = categoryKind === 'general' ? GENERAL_QUEUE : (known ?? event.category);
    this.total.add(event, toTake);
    const tallyKey = `${categoryKind} ${category}`;
    let tally = this.tallies.get(tallyKey);
    if (!tally) this.tallies.set(tallyKey, (tally = new Tally()));
    tally.add(event, toTake);
    if (categoryKind === 'unknown') {
      const first = this.unknownFirst.get(category);
      const here = { offered: event.offered, place: event.place, seq: this.seq++ };
      if (!first || here.offered < first.offered || (here.offered === first.offered && here.place < first.place)) this.unknownFirst.set(category, here);
    }

    const deadline = line.handOver.ends;
    const base = { event, rules, timeline: line, category, categoryKind };
    if (categoryKind === 'unknown') {
      const suggestion = closest(event.category, [...ids, GENERAL_QUEUE]);
      this.breaches.push({ kind: 'unknown-category', ...base, ...(suggestion && { suggestion }) });
    } else if (event.taken && categoryKind === 'general') {
      if (event.taken <= deadline) this.breaches.push({ kind: 'general-too-early', ...base });
      else this.handOvers.push({ event: event as HandOver['event'], rules, timeline: line, workingDaysToTake: toTake! });
    } else if (event.taken && event.taken > deadline) {
      this.breaches.push({
        kind: 'taken-late',
        ...base,
        workingDaysLate: calendar.workingDaysBetween(deadline, event.taken),
        calendarDaysLate: Math.round((Date.parse(event.taken) - Date.parse(deadline)) / 86_400_000),
      });
    }
  }

  private problem(p: AuditProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
    else this.moreProblems++;
  }

  /** The audit of every event added. */
  finish(): Audit {
    const { from, to } = this.options;
    const ruleSets = ruleSetsDuring(this.options.ruleSets, from, to);
    for (const r of this.used) if (!ruleSets.includes(r)) ruleSets.push(r);
    ruleSets.sort((a, b) => a.effective_from.localeCompare(b.effective_from));
    const breaches = byOffer(this.breaches);
    const breachCounts = Object.fromEntries(BREACH_KINDS.map((k) => [k, breaches.filter((b) => b.kind === k).length])) as Record<BreachKind, number>;
    return {
      from,
      to,
      ruleSets,
      categories: this.categoryCounts(ruleSets),
      totals: this.total.totals(),
      handOvers: byOffer(this.handOvers),
      breaches,
      breachCounts,
      problems: byOffer(this.problems),
      moreProblems: this.moreProblems,
    };
  }

  /** Per category: every privileged category of the period's rule sets (newest set's order and names first), general, then unknown ids. */
  private categoryCounts(ruleSets: readonly RuleSet[]): CategoryCount[] {
    const order: { id: string; kind: CategoryKind; names?: Bilingual }[] = [];
    for (const set of [...ruleSets].reverse()) {
      for (const c of set.categories) if (!order.some((o) => o.id === c.id)) order.push({ id: c.id, kind: 'privileged', names: { kk: c.kk, ru: c.ru } });
    }
    order.push({ id: GENERAL_QUEUE, kind: 'general' });
    const unknown = [...this.unknownFirst].sort(([, a], [, b]) => a.offered.localeCompare(b.offered) || a.place.localeCompare(b.place) || a.seq - b.seq);
    for (const [id] of unknown) order.push({ id, kind: 'unknown' });
    // An id that is privileged in one set and unknown in another is counted by the kind it had for each event.
    return order.map((o) => ({ ...o, ...(this.tallies.get(`${o.kind} ${o.id}`) ?? new Tally()).totals() }));
  }
}

/** Audits the events offered in the period (see {@link Auditor}). Throws only on a bug; data problems are {@link Audit.problems}. */
export function auditLog(events: Iterable<ReferralEvent>, options: AuditOptions): Audit {
  const auditor = new Auditor(options);
  for (const e of events) auditor.add(e);
  return auditor.finish();
}
