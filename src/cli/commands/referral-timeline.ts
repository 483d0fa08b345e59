import { loadCalendar, CalendarError, holidayName, type CalendarDay } from '../../referral/calendar.js';
import { ruleSetOn, NoRulesError } from '../../referral/rules.js';
import { timeline } from '../../referral/timeline.js';
import { EXIT } from '../report.js';
import { checkRegion, RegionRefused } from './referral-region.js';
import { msg } from '../../messages/index.js';

/** Options of `hattama referral timeline`. */
export interface ReferralTimelineOptions {
  /** ISO date the referral was offered. */
  readonly offered: string;
  readonly json?: boolean;
  /** The organisation's region id; hattama.yaml's `region` when absent. */
  readonly region?: string;
}

/** "3 working days" / "10 calendar days", in the user's language. */
const units = (n: number, unit: string): string => msg(unit === 'working-days' ? 'timeline.working-days' : 'timeline.calendar-days', { n });
/** The other reading's unit, e.g. "As working days". */
const asUnit = (unit: string): string => msg(unit === 'working-days' ? 'timeline.as-working' : 'timeline.as-calendar');

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
    const day = (iso: string): string => msg('timeline.day', { date: iso, weekday: msg(`calendar.wd.${calendar.day(iso).weekday}`) });
    const unconfirmed = (p: { unconfirmed?: true; note?: string }): string[] => (p.unconfirmed ? [`  ${msg('timeline.unconfirmed', { note: p.note ?? '' })}`] : []);
    const w = t.privilegedWindow;
    const lines = [
      msg('timeline.offered', { day: day(t.offered), rules: t.rules.id, from: t.rules.effectiveFrom }),
      msg('timeline.window', { period: units(w.length, w.unit), day: day(w.closes) }),
      `  ${msg('timeline.other-reading', { as: asUnit(w.otherReading.unit), day: day(w.otherReading.ends) })}`,
      ...unconfirmed(w),
      ...(t.confirm
        ? [
            msg('timeline.confirm', { period: units(t.confirm.length, t.confirm.unit), day: day(t.confirm.by) }),
            ...(t.confirm.otherReading ? [`  ${msg('timeline.confirm-other', { as: asUnit(t.confirm.otherReading.unit), day: day(t.confirm.otherReading.ends) })}`] : []),
            ...unconfirmed(t.confirm),
          ]
        : []),
      msg('timeline.hand-over', { period: units(t.handOver.length, t.handOver.unit), day: day(t.handOver.ends) }),
      // An unconfirmed outcome is said to be unconfirmed in the sentence itself, not only in the note below it.
      msg(t.handOver.then === 'general-queue' ? 'timeline.then-queue' : t.handOver.stopListDays ? 'timeline.then-annulled-stop' : 'timeline.then-annulled', {
        unconfirmed: t.handOver.unconfirmed ? msg('timeline.unconfirmed-mark') : '',
        day: day(t.handOver.from),
        n: t.handOver.stopListDays ?? 0,
      }),
      ...unconfirmed(t.handOver),
    ];
    const named = t.skipped.filter((d: CalendarDay) => d.kind !== 'weekend');
    const weekends = t.skipped.length - named.length;
    if (t.skipped.length) {
      lines.push(msg('timeline.skipped'));
      for (const d of named) lines.push(`  ${day(d.date)}  ${d.reason ?? (d.holiday ? holidayName(d.holiday) : d.kind)}`);
      if (weekends) lines.push(`  ${msg('timeline.skipped-weekends', { n: weekends })}`);
    }
    if (!region.checked) lines.push(msg('timeline.note', { note: region.note }));
    process.stdout.write(lines.join('\n') + '\n');
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof CalendarError || err instanceof NoRulesError || err instanceof RegionRefused)) throw err;
    process.stderr.write(`${msg('cli.error.prefix')}: ${err.message}\n`);
    return EXIT.invalid;
  }
}
