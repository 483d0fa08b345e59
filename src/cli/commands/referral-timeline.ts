import { loadCalendar, CalendarError, type CalendarDay } from '../../referral/calendar.js';
import { ruleSetOn, NoRulesError } from '../../referral/rules.js';
import { timeline } from '../../referral/timeline.js';
import { EXIT } from '../report.js';
import { checkRegion, RegionRefused } from './referral-region.js';

/** Options of `hattama referral timeline`. */
export interface ReferralTimelineOptions {
  /** ISO date the referral was offered. */
  readonly offered: string;
  readonly json?: boolean;
  /** The organisation's region id; hattama.yaml's `region` when absent. */
  readonly region?: string;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const units = (n: number, unit: string): string => `${n} ${unit === 'working-days' ? 'working' : 'calendar'} day${n === 1 ? '' : 's'}`;

/**
 * `hattama referral timeline --offered DATE`: the deadlines of one referral,
 * naming the holidays on the way. The privileged window is counted in the
 * unit its source uses, and the other reading is shown beside it; periods the
 * sources do not confirm are marked [unconfirmed] with the data's note.
 */
export async function referralTimelineCommand(options: ReferralTimelineOptions): Promise<number> {
  try {
    const calendar = loadCalendar();
    const rules = ruleSetOn(options.offered);
    const region = checkRegion(rules, options.offered, options.region);
    const t = timeline(options.offered, rules, calendar);
    if (options.json) {
      process.stdout.write(JSON.stringify({ ...t, region }, null, 2) + '\n');
      return EXIT.ok;
    }
    const day = (iso: string): string => `${iso} (${WEEKDAYS[calendar.day(iso).weekday - 1]})`;
    const unconfirmed = (p: { unconfirmed?: true; note?: string }): string[] => (p.unconfirmed ? [`  [unconfirmed] ${p.note}`] : []);
    const w = t.privilegedWindow;
    const lines = [
      `Offered ${day(t.offered)}; rules "${t.rules.id}", in force from ${t.rules.effectiveFrom}. Periods count from the next day.`,
      `Privileged window, ${units(w.length, w.unit)} (the unit its source uses): closes at the end of ${day(w.closes)}.`,
      `  As ${w.otherReading.unit === 'working-days' ? 'working' : 'calendar'} days it would close at the end of ${day(w.otherReading.ends)}.`,
      ...unconfirmed(w),
      ...(t.confirm
        ? [
            `Confirm or decline within ${units(t.confirm.length, t.confirm.unit)}: by the end of ${day(t.confirm.by)}.`,
            ...(t.confirm.otherReading ? [`  As ${t.confirm.otherReading.unit === 'working-days' ? 'working' : 'calendar'} days: by the end of ${day(t.confirm.otherReading.ends)}.`] : []),
            ...unconfirmed(t.confirm),
          ]
        : []),
      `Period to take the referral, ${units(t.handOver.length, t.handOver.unit)}: ends at the end of ${day(t.handOver.ends)}.`,
      // An unconfirmed outcome is said to be unconfirmed in the sentence itself, not only in the note below it.
      `Then${t.handOver.unconfirmed ? ' (unconfirmed: see the note)' : ''} ` +
        (t.handOver.then === 'general-queue'
          ? `the place passes to the general queue: from ${day(t.handOver.from)}.`
          : `the referral is annulled: on ${day(t.handOver.from)}${t.handOver.stopListDays ? `, and the child takes no part in allocation for ${t.handOver.stopListDays} days` : ''}.`),
      ...unconfirmed(t.handOver),
    ];
    const named = t.skipped.filter((d: CalendarDay) => d.kind !== 'weekend');
    const weekends = t.skipped.length - named.length;
    if (t.skipped.length) {
      lines.push('Non-working days stepped over:');
      for (const d of named) lines.push(`  ${day(d.date)}  ${d.reason ?? d.holiday?.kk ?? d.kind}`);
      if (weekends) lines.push(`  and ${weekends} weekend day${weekends === 1 ? '' : 's'}`);
    }
    if (!region.checked) lines.push(`Note: ${region.note}.`);
    process.stdout.write(lines.join('\n') + '\n');
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof CalendarError || err instanceof NoRulesError || err instanceof RegionRefused)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT.invalid;
  }
}
