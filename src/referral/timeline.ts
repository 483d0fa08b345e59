/**
 * When a referral's periods run out: the privileged window, the optional
 * confirmation step, and the period to take it, after which the place passes
 * to the general queue (or the referral is annulled). Periods are counted
 * from the day after the referral is offered, in the unit the rule set gives
 * (calendar or working days, on Kazakhstan's working-day calendar).
 */
import type { Calendar, CalendarDay } from './calendar.js';
import type { Period, RuleSet } from './rules.js';

/** ISO date plus n calendar days (UTC arithmetic; no time zone can shift it). */
export function addCalendarDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The last day of a period that starts the day after `from`, and the non-working days inside it. */
export function periodEnd(calendar: Calendar, from: string, period: Pick<Period, 'length' | 'unit'>): { date: string; skipped: CalendarDay[] } {
  if (period.unit === 'working-days') return calendar.addWorkingDays(from, period.length);
  const date = addCalendarDays(from, period.length);
  const skipped: CalendarDay[] = [];
  for (let i = 1; i <= period.length; i++) {
    const day = calendar.day(addCalendarDays(from, i));
    if (!day.working) skipped.push(day);
  }
  return { date, skipped };
}

/** The same period read in the other unit. */
export interface OtherReading {
  readonly unit: Period['unit'];
  readonly ends: string;
}

/** Set on a period the rules' sources do not confirm, with the data's note. */
export type Flag = { readonly unconfirmed?: true; readonly note?: string };

const flag = (p: Period): Flag => (p.unconfirmed ? { unconfirmed: true, note: p.note ?? '' } : {});
const other = (unit: Period['unit']): Period['unit'] => (unit === 'working-days' ? 'calendar-days' : 'working-days');
function otherReading(calendar: Calendar, from: string, p: Period): OtherReading {
  const unit = other(p.unit);
  return { unit, ends: periodEnd(calendar, from, { length: p.length, unit }).date };
}

/** A referral's deadlines under one rule set. */
export interface Timeline {
  /** ISO date the place was offered. */
  readonly offered: string;
  /** The rule set in force on that date. */
  readonly rules: { readonly id: string; readonly effectiveFrom: string };
  /**
   * Last day only privileged categories are offered the place, in the unit the
   * rules give; `otherReading` is when it would close in the other unit (the
   * unit is unconfirmed for the seed's "first 3 days"), `unconfirmed` flags it.
   */
  readonly privilegedWindow: { readonly length: number; readonly unit: Period['unit']; readonly closes: string; readonly otherReading: OtherReading } & Flag;
  /** Last day to confirm or decline, when the rules have that step (with the other reading when its unit is unconfirmed). */
  readonly confirm?: { readonly length: number; readonly unit: Period['unit']; readonly by: string; readonly otherReading?: OtherReading } & Flag;
  /** Last day to take the referral, and what happens the day after. */
  readonly handOver: {
    readonly length: number;
    readonly unit: Period['unit'];
    readonly ends: string;
    readonly then: RuleSet['hand_over']['then'];
    /** The day the place passes to the general queue (or the referral lapses). */
    readonly from: string;
    /** Days the child is then kept out of allocation, when the rules say so (Almaty 2023's stop-list). */
    readonly stopListDays?: number;
  } & Flag;
  /** Non-working days between the offer and the end of the last period, holidays named. */
  readonly skipped: readonly CalendarDay[];
}

/** The deadlines for a referral offered on `offered` under `rules`. */
export function timeline(offered: string, rules: RuleSet, calendar: Calendar): Timeline {
  const window = periodEnd(calendar, offered, rules.privileged_window);
  const confirm = rules.confirm ? periodEnd(calendar, offered, rules.confirm) : undefined;
  const handOver = periodEnd(calendar, offered, rules.hand_over);
  const byDate = new Map<string, CalendarDay>();
  for (const d of [...window.skipped, ...(confirm?.skipped ?? []), ...handOver.skipped]) byDate.set(d.date, d);
  return {
    offered,
    rules: { id: rules.id, effectiveFrom: rules.effective_from },
    privilegedWindow: {
      length: rules.privileged_window.length,
      unit: rules.privileged_window.unit,
      closes: window.date,
      otherReading: otherReading(calendar, offered, rules.privileged_window),
      ...flag(rules.privileged_window),
    },
    ...(confirm &&
      rules.confirm && {
        confirm: {
          length: rules.confirm.length,
          unit: rules.confirm.unit,
          by: confirm.date,
          ...(rules.confirm.unconfirmed && { otherReading: otherReading(calendar, offered, rules.confirm) }),
          ...flag(rules.confirm),
        },
      }),
    handOver: {
      length: rules.hand_over.length,
      unit: rules.hand_over.unit,
      ends: handOver.date,
      then: rules.hand_over.then,
      from: addCalendarDays(handOver.date, 1),
      ...(rules.hand_over.stop_list && { stopListDays: rules.hand_over.stop_list.length }),
      ...flag(rules.hand_over),
    },
    skipped: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
