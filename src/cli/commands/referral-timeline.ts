import { loadCalendar, CalendarError, type CalendarDay } from '../../referral/calendar.js';
import { ruleSetOn, NoRulesError } from '../../referral/rules.js';
import { timeline } from '../../referral/timeline.js';
import { EXIT } from '../report.js';

/** Options of `hattama referral timeline`. */
export interface ReferralTimelineOptions {
  /** ISO date the referral was offered. */
  readonly offered: string;
  readonly json?: boolean;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const units = (n: number, unit: string): string => `${n} ${unit === 'working-days' ? 'working' : 'calendar'} day${n === 1 ? '' : 's'}`;

/** `hattama referral timeline --offered DATE`: the deadlines of one referral, naming the holidays on the way. */
export async function referralTimelineCommand(options: ReferralTimelineOptions): Promise<number> {
  try {
    const calendar = loadCalendar();
    const rules = ruleSetOn(options.offered);
    const t = timeline(options.offered, rules, calendar);
    if (options.json) {
      process.stdout.write(JSON.stringify(t, null, 2) + '\n');
      return EXIT.ok;
    }
    const day = (iso: string): string => `${iso} (${WEEKDAYS[calendar.day(iso).weekday - 1]})`;
    const lines = [
      `Offered ${day(t.offered)}; rules "${t.rules.id}", in force from ${t.rules.effectiveFrom}. Periods count from the next day.`,
      `Privileged window, ${units(t.privilegedWindow.length, t.privilegedWindow.unit)}: closes at the end of ${day(t.privilegedWindow.closes)}.`,
      ...(t.confirm ? [`Confirm or decline within ${units(t.confirm.length, t.confirm.unit)}: by the end of ${day(t.confirm.by)}.`] : []),
      `Period to take the referral, ${units(t.handOver.length, t.handOver.unit)}: ends at the end of ${day(t.handOver.ends)}.`,
      t.handOver.then === 'general-queue'
        ? `Then the place passes to the general queue: from ${day(t.handOver.from)}.`
        : `Then the referral is annulled: on ${day(t.handOver.from)}.`,
    ];
    const named = t.skipped.filter((d: CalendarDay) => d.kind !== 'weekend');
    const weekends = t.skipped.length - named.length;
    if (t.skipped.length) {
      lines.push('Non-working days stepped over:');
      for (const d of named) lines.push(`  ${day(d.date)}  ${d.reason ?? d.holiday?.kk ?? d.kind}`);
      if (weekends) lines.push(`  and ${weekends} weekend day${weekends === 1 ? '' : 's'}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof CalendarError || err instanceof NoRulesError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT.invalid;
  }
}
