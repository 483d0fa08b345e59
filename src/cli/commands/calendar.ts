import { CalendarError, loadCalendar, type CalendarDay } from '../../referral/calendar.js';
import { DataFileError } from '../../validate/data-file.js';
import { EXIT, plural } from '../report.js';
import { msg } from '../../messages/index.js';

/** Options of `hattama calendar`. */
export interface CalendarOptions {
  /** Print the days as a JSON array of CalendarDay instead of a table. */
  readonly json?: boolean;
}

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The "why" column: the day's reason, or the holiday a weekend day is. */
function why(day: CalendarDay): string {
  if (day.reason) return day.reason;
  if (day.holiday) return day.kind === 'day-off' ? `day off (Labour Code) on a weekend, not moved: ${day.holiday.kk}` : `holiday on a weekend: ${day.holiday.kk}`;
  return '';
}

/** The readable table: one line per day, then a summary line. */
export function calendarTable(year: number, days: readonly CalendarDay[]): string {
  const lines = [`date        day  working  why`];
  for (const d of days) lines.push(`${d.date}  ${WEEKDAY[d.weekday - 1]}  ${(d.working ? 'yes' : 'no').padEnd(7)}  ${why(d)}`.trimEnd());
  const working = days.filter((d) => d.working).length;
  const weekdaysOff = days.filter((d) => d.weekday <= 5 && !d.working).length;
  const weekendWorked = days.filter((d) => d.weekday >= 6 && d.working).length;
  lines.push(
    '',
    `${year}: ${plural(days.length, 'day')}, ${plural(working, 'working day')}, ${plural(days.length - working, 'day')} off; ` +
      `${plural(weekdaysOff, 'weekday')} off (holidays, transfers, orders), ${plural(weekendWorked, 'weekend day')} worked`,
  );
  return lines.join('\n') + '\n';
}

/**
 * `hattama calendar YEAR [--json]`: every day of the year on Kazakhstan's
 * five-day-week calendar, with why a weekday is off or a weekend day worked.
 * Returns the exit code: 1 when the year's data is missing, 2 for a bad YEAR.
 */
export async function calendarCommand(yearArg: string, options: CalendarOptions): Promise<number> {
  const year = /^\d{4}$/.test(yearArg.trim()) ? Number(yearArg.trim()) : NaN;
  if (!(year >= 1000)) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.calendar.bad-year', { value: yearArg })}\n`);
    return EXIT.usage;
  }
  let days: CalendarDay[];
  try {
    days = loadCalendar().year(year);
  } catch (err) {
    if (err instanceof CalendarError) {
      process.stderr.write(`${msg('cli.error.prefix')}: ${err.message}\n`);
      return EXIT.invalid;
    }
    if (err instanceof DataFileError) {
      process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.calendar.broken')}:\n${err.message}\n`);
      return EXIT.invalid;
    }
    throw err;
  }
  process.stdout.write(options.json ? JSON.stringify(days, null, 2) + '\n' : calendarTable(year, days));
  return EXIT.ok;
}
