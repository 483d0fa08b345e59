import { CalendarError, holidayName, loadCalendar, type CalendarDay } from '../../referral/calendar.js';
import { DataFileError } from '../../validate/data-file.js';
import { EXIT } from '../report.js';
import { msg } from '../../messages/index.js';

/** Options of `hattama calendar`. */
export interface CalendarOptions {
  /** Print the days as a JSON array of CalendarDay instead of a table. */
  readonly json?: boolean;
}

/** The "why" column: the day's reason, or the holiday a weekend day is. */
function why(day: CalendarDay): string {
  if (day.reason) return day.reason;
  if (day.holiday) return msg(day.kind === 'day-off' ? 'calendar.why.weekend-day-off' : 'calendar.why.weekend-holiday', { holiday: holidayName(day.holiday) });
  return '';
}

/** The readable table: one line per day, then a summary line. */
export function calendarTable(year: number, days: readonly CalendarDay[]): string {
  // Columns are padded to the widest word of the language (the heading gives the widths).
  const wd = (d: CalendarDay): string => msg(`calendar.wd.${d.weekday}`);
  const dayWidth = Math.max(...[1, 2, 3, 4, 5, 6, 7].map((n) => msg(`calendar.wd.${n}`).length));
  const yes = msg('calendar.table.yes');
  const no = msg('calendar.table.no');
  const [hDate = '', hDay = '', hWorking = '', hWhy = ''] = [msg('calendar.table.date'), msg('calendar.table.day'), msg('calendar.table.working'), msg('calendar.table.why')];
  const w1 = Math.max(10, hDate.length);
  const w2 = Math.max(dayWidth, hDay.length);
  const w3 = Math.max(yes.length, no.length, hWorking.length);
  const lines = [`${hDate.padEnd(w1)}  ${hDay.padEnd(w2)}  ${hWorking.padEnd(w3)}  ${hWhy}`];
  for (const d of days) lines.push(`${d.date.padEnd(w1)}  ${wd(d).padEnd(w2)}  ${(d.working ? yes : no).padEnd(w3)}  ${why(d)}`.trimEnd());
  const working = days.filter((d) => d.working).length;
  const weekdaysOff = days.filter((d) => d.weekday <= 5 && !d.working).length;
  const weekendWorked = days.filter((d) => d.weekday >= 6 && d.working).length;
  lines.push(
    '',
    msg('calendar.summary', {
      year,
      days: msg('calendar.count.days', { n: days.length }),
      working: msg('calendar.count.working', { n: working }),
      off: msg('calendar.count.off', { n: days.length - working }),
      weekdays: msg('calendar.count.weekdays', { n: weekdaysOff }),
      weekend: msg('calendar.count.weekend', { n: weekendWorked }),
    }),
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
