/**
 * Kazakhstan's working-day calendar (five-day week), computed from
 * data/calendar-kz.yaml: fixed public holidays, Kurban Ait per year, the
 * weekend-transfer rule and its exceptions, and the yearly transfers made by
 * order. Dates are ISO strings (YYYY-MM-DD) and all arithmetic is on UTC days,
 * so nothing depends on the machine's time zone.
 *
 * A year without a known Kurban Ait date is an error ({@link CalendarError}),
 * never a guess: the date is set each year by the Ministry of Labour with ДУМК.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../parse/diagnostic.js';
import { keyPositionOf, positionOf, type SourceFile } from '../parse/source.js';
import { isRealDate } from '../util/dates.js';
import { packageRoot } from '../util/paths.js';
import { checkData, DataFileError } from '../validate/data-file.js';
import validateCalendar from '../validate/generated/calendar.js';
import { currentLanguage, msg } from '../messages/index.js';

/** The calendar file hattama ships. */
export const CALENDAR_FILE = join(packageRoot, 'data', 'calendar-kz.yaml');

// ---------------------------------------------------------------------------
// The data file, as schemas/calendar.schema.json describes it.

/** One fixed public holiday in data/calendar-kz.yaml. */
export interface CalendarHolidayData {
  /** A stable English id, e.g. `nauryz`. */
  readonly id: string;
  readonly kk: string;
  readonly ru: string;
  /** Its days as `MM-DD`. */
  readonly days: readonly string[];
  /** Whether a day on Saturday or Sunday gives an extra day off (false for 7 January). */
  readonly transfer: boolean;
  /** `day-off`: a day off under Labour Code art. 84 §5, not a public holiday (7 January). Default `holiday`. */
  readonly status?: 'holiday' | 'day-off';
  /** First year it applies. */
  readonly since?: number;
  /** Last year it applied. */
  readonly until?: number;
  readonly source: readonly string[];
}

/** Kurban Ait (first day) of one year. */
export interface KurbanAitData {
  readonly date: string;
  /** Whether it gives an extra day off when on a weekend; by law it does not. */
  readonly transfer: boolean;
  readonly note?: string;
  readonly source: readonly string[];
}

/** A day made a day off or a working day by order of the Ministry of Labour. */
export interface CalendarOrderData {
  readonly date: string;
  readonly change: 'day-off' | 'working-day';
  /** One English sentence: shown as the day's reason. */
  readonly note: string;
  readonly source: readonly string[];
}

/** What changes each year. */
export interface CalendarYearData {
  readonly year: number;
  readonly calendar_source?: readonly string[];
  readonly kurban_ait: KurbanAitData;
  readonly orders?: readonly CalendarOrderData[];
}

/** The whole of data/calendar-kz.yaml. */
export interface CalendarData {
  readonly calendar: 1;
  readonly rule_sources?: Readonly<Record<'weekend_transfer' | 'no_transfer' | 'orders', readonly string[] | undefined>>;
  readonly holidays: readonly CalendarHolidayData[];
  /** Kurban Ait's names. */
  readonly kurban_ait: { readonly kk: string; readonly ru: string; readonly source: readonly string[] };
  /** One entry per year with a known Kurban Ait date. */
  readonly years: readonly CalendarYearData[];
}

// ---------------------------------------------------------------------------
// The public API.

/** Why a day is working or not. */
export type CalendarDayKind = 'workday' | 'weekend' | 'holiday' | 'day-off' | 'holiday-transfer' | 'order-day-off' | 'order-working-day';

/** One day of the calendar. */
export interface CalendarDay {
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  /** 1=Mon…7=Sun */
  readonly weekday: number;
  /** True for a working day of the five-day week. */
  readonly working: boolean;
  /**
   * Why: 'workday' | 'weekend' | 'holiday' (a public holiday) | 'day-off' (a
   * day off under Labour Code art. 84 §5 that is not a public holiday: 7 January,
   * Kurban Ait) | 'holiday-transfer' (day off for a holiday on a weekend) |
   * 'order-day-off' | 'order-working-day'.
   */
  readonly kind: CalendarDayKind;
  /** Holiday name for holiday / day-off / holiday-transfer. */
  readonly holiday?: { readonly kk: string; readonly ru: string };
  /**
   * One English sentence for non-working weekdays and working weekend days
   * (and for any day changed by order), e.g. "day off for 8 March
   * (Халықаралық әйелдер күні), which falls on Saturday".
   */
  readonly reason?: string;
}

/**
 * The calendar cannot answer: a year without a known Kurban Ait date, or a
 * transfer the data does not settle. The message names the missing data.
 */
export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarError';
  }
}

/** Kazakhstan's working-day calendar, five-day week. */
export interface Calendar {
  /** One day. Throws {@link CalendarError} for a year without a known Kurban Ait (never guesses), RangeError for a malformed date. */
  day(iso: string): CalendarDay;
  /** Every day of the year, 1 January to 31 December. Throws {@link CalendarError} like {@link Calendar.day}. */
  year(year: number): CalendarDay[];
  /** True when the day is a working day. Throws like {@link Calendar.day}. */
  isWorkingDay(iso: string): boolean;
  /**
   * The n-th working day after `iso` (counting starts the next day; n = 0
   * gives `iso` itself), and the non-working days stepped over on the way.
   */
  addWorkingDays(iso: string, n: number): { date: string; skipped: CalendarDay[] };
  /** Working days after `from` up to and including `to` (0 when to <= from). */
  workingDaysBetween(from: string, to: string): number;
}

const cache = new Map<string, Calendar>();

/**
 * Reads and checks the calendar data (default data/calendar-kz.yaml in the
 * package), once per process per file. Throws {@link DataFileError} listing
 * every problem at file:line:column when the file is broken.
 */
export function loadCalendar(file?: string): Calendar {
  const path = resolve(file ?? CALENDAR_FILE);
  let calendar = cache.get(path);
  if (!calendar) {
    const shown = displayName(path, file);
    const checked = checkData(shown, readFileSync(path, 'utf8'), validateCalendar);
    const diagnostics = [...checked.diagnostics];
    if (checked.value) diagnostics.push(...semanticDiagnostics(checked.source, checked.value));
    if (!checked.value || diagnostics.some((d) => d.severity === 'error')) throw new DataFileError(diagnostics);
    calendar = new KzCalendar(checked.value, shown);
    cache.set(path, calendar);
  }
  return calendar;
}

/** The package's own data as `data/calendar-kz.yaml`; any other file as the caller named it. */
function displayName(path: string, given: string | undefined): string {
  const rel = relative(packageRoot, path);
  if (given === undefined || (!rel.startsWith('..') && !isAbsolute(rel))) return rel.split(sep).join('/');
  return given;
}

/** Checks the schema cannot express: real month-days, years in range, dates in their year, no duplicates. */
function semanticDiagnostics(source: SourceFile, data: CalendarData): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (segments: (string | number)[], rule: string, message: string, atKey = false): void => {
    const segs = segments.map(String);
    out.push({ file: source.file, position: atKey ? keyPositionOf(source, segs) : positionOf(source, segs), severity: 'error', rule, message });
  };
  const ids = new Set<string>();
  data.holidays.forEach((h, i) => {
    if (ids.has(h.id)) error(['holidays', i, 'id'], 'calendar/duplicate', `holidays[${i + 1}].id "${h.id}" is already used by another holiday`);
    ids.add(h.id);
    // 2000 is a leap year, so 02-29 passes and 02-30 does not.
    h.days.forEach((md, j) => {
      if (!isRealDate(`2000-${md}`)) error(['holidays', i, 'days', j], 'calendar/date', `holidays[${i + 1}].days[${j + 1}] "${md}" is not a real month and day`);
    });
    if (h.since !== undefined && h.until !== undefined && h.since > h.until)
      error(['holidays', i, 'until'], 'calendar/years', `holidays[${i + 1}] (${h.id}): until ${h.until} is before since ${h.since}`);
  });
  const years = new Set<number>();
  data.years.forEach((y, k) => {
    const { year } = y;
    if (years.has(year)) error(['years', k, 'year'], 'calendar/duplicate', `years[${k + 1}].year ${year} is already listed above`);
    years.add(year);
    if (!y.kurban_ait.date.startsWith(`${year}-`))
      error(['years', k, 'kurban_ait', 'date'], 'calendar/wrong-year', `years[${k + 1}].kurban_ait.date ${y.kurban_ait.date} is not in ${year}`);
    const seen = new Set<string>();
    (y.orders ?? []).forEach((o, i) => {
      const where = `years[${k + 1}].orders[${i + 1}]`;
      if (!o.date.startsWith(`${year}-`)) error(['years', k, 'orders', i, 'date'], 'calendar/wrong-year', `${where}.date ${o.date} is not in ${year}`);
      if (seen.has(o.date)) error(['years', k, 'orders', i, 'date'], 'calendar/duplicate', `${where}: ${o.date} is already changed by another order`);
      seen.add(o.date);
    });
  });
  return out;
}

// ---------------------------------------------------------------------------
// Day arithmetic on UTC day numbers.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (throws RangeError when it is not a real date). */
function dayNumber(iso: string): number {
  if (typeof iso !== 'string' || !isRealDate(iso)) throw new RangeError(msg('calendar.range.date', { value: String(iso) }));
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

const isoOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday. */
const weekdayOf = (n: number): number => ((new Date(n * DAY_MS).getUTCDay() + 6) % 7) + 1;
const yearOf = (n: number): number => new Date(n * DAY_MS).getUTCFullYear();
/** "8 March". */
/** A holiday's name in the language messages are worded in: Russian for ru, else Kazakh (the data has kk and ru). */
export const holidayName = (name: { readonly kk: string; readonly ru: string }): string => (currentLanguage() === 'ru' ? name.ru : name.kk);

const dayMonth = (n: number): string => {
  const d = new Date(n * DAY_MS);
  return msg('calendar.day-month', { day: d.getUTCDate(), month: msg(`calendar.month.${d.getUTCMonth() + 1}`) });
};

// ---------------------------------------------------------------------------
// The engine.

/** A holiday day (fixed or Kurban Ait) in a given year. */
interface HolidayDay {
  readonly name: { readonly kk: string; readonly ru: string };
  readonly transfer: boolean;
  readonly kurbanAit: boolean;
  /** A day off under Labour Code art. 84 §5, not a public holiday. */
  readonly dayOff: boolean;
}

/** An extra day off given by the weekend-transfer rule, and the holiday day that caused it. */
interface Transfer {
  readonly holiday: HolidayDay;
  readonly from: number;
}

class KzCalendar implements Calendar {
  private readonly holidayCache = new Map<number, Map<number, HolidayDay>>();
  private readonly transferCache = new Map<number, Map<number, Transfer>>();
  private readonly yearCache = new Map<number, Map<number, CalendarDay>>();

  constructor(
    private readonly data: CalendarData,
    readonly file: string,
  ) {}

  day(iso: string): CalendarDay {
    const n = dayNumber(iso);
    return this.days(yearOf(n)).get(n)!;
  }

  year(year: number): CalendarDay[] {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(msg('calendar.range.year', { year }));
    return [...this.days(year).values()];
  }

  isWorkingDay(iso: string): boolean {
    return this.day(iso).working;
  }

  addWorkingDays(iso: string, n: number): { date: string; skipped: CalendarDay[] } {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(msg('calendar.range.days', { n }));
    let d = dayNumber(iso);
    const skipped: CalendarDay[] = [];
    for (let left = n; left > 0; ) {
      d++;
      const day = this.dayAt(d);
      if (day.working) left--;
      else skipped.push(day);
    }
    return { date: isoOf(d), skipped };
  }

  workingDaysBetween(from: string, to: string): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.dayAt(d).working) count++;
    return count;
  }

  private dayAt(n: number): CalendarDay {
    return this.days(yearOf(n)).get(n)!;
  }

  /** The year's data, or a CalendarError naming what is missing. */
  private yearData(year: number): CalendarYearData {
    const y = this.data.years.find((e) => e.year === year);
    if (!y)
      throw new CalendarError(
        msg('calendar.missing-year', { year, file: this.file }),
      );
    return y;
  }

  /** Fixed holidays in force in `year`, without needing the year's Kurban Ait. */
  private fixedHolidays(year: number): Map<number, HolidayDay> {
    const out = new Map<number, HolidayDay>();
    for (const h of this.data.holidays) {
      if ((h.since !== undefined && year < h.since) || (h.until !== undefined && year > h.until)) continue;
      for (const md of h.days) {
        const iso = `${String(year).padStart(4, '0')}-${md}`;
        if (!isRealDate(iso)) continue; // 29 February outside leap years
        const n = dayNumber(iso);
        if (!out.has(n)) out.set(n, { name: { kk: h.kk, ru: h.ru }, transfer: h.transfer, kurbanAit: false, dayOff: h.status === 'day-off' });
      }
    }
    return out;
  }

  /** Every holiday day of `year`: fixed ones and Kurban Ait. */
  private holidays(year: number): Map<number, HolidayDay> {
    let map = this.holidayCache.get(year);
    if (!map) {
      const k = this.yearData(year).kurban_ait;
      map = this.fixedHolidays(year);
      const n = dayNumber(k.date);
      if (!map.has(n)) map.set(n, { name: { kk: this.data.kurban_ait.kk, ru: this.data.kurban_ait.ru }, transfer: k.transfer, kurbanAit: true, dayOff: true });
      this.holidayCache.set(year, map);
    }
    return map;
  }

  /** Not a working day before orders: a weekend or a holiday. */
  private offBeforeTransfers(n: number): boolean {
    return weekdayOf(n) >= 6 || this.holidays(yearOf(n)).has(n);
  }

  /**
   * The weekend-transfer rule for the holidays of `year`: each holiday day
   * (with transfer allowed) on a Saturday or Sunday gives one extra day off on
   * the next working day after it, not already given. Taken in date order, so
   * a holiday block's extra days follow the block one after the other. An extra
   * day may fall in the next year (none does with today's holidays).
   */
  private transfers(year: number): Map<number, Transfer> {
    let map = this.transferCache.get(year);
    if (!map) {
      map = new Map();
      const holidays = [...this.holidays(year)].sort(([a], [b]) => a - b);
      for (const [n, h] of holidays) {
        if (!h.transfer || weekdayOf(n) < 6) continue;
        let d = n + 1;
        while (this.offBeforeTransfers(d) || map.has(d)) d++;
        map.set(d, { holiday: h, from: n });
      }
      this.transferCache.set(year, map);
    }
    return map;
  }

  /** Extra days off in `year` given by the previous year's holidays (only possible for a late-December weekend holiday). */
  private spilledTransfers(year: number): Map<number, Transfer> {
    const last = dayNumber(`${String(year - 1).padStart(4, '0')}-12-31`);
    const late = [...this.fixedHolidays(year - 1)].some(([n, h]) => h.transfer && n > last - 7);
    if (!late) return new Map();
    return new Map([...this.transfers(year - 1)].filter(([n]) => n > last));
  }

  private days(year: number): Map<number, CalendarDay> {
    let map = this.yearCache.get(year);
    if (map) return map;
    const data = this.yearData(year);
    const holidays = this.holidays(year);
    const transfers = new Map([...this.spilledTransfers(year), ...this.transfers(year)]);
    const orders = new Map((data.orders ?? []).map((o) => [dayNumber(o.date), o]));
    map = new Map();
    const first = dayNumber(`${String(year).padStart(4, '0')}-01-01`);
    const end = dayNumber(`${String(year + 1).padStart(4, '0')}-01-01`);
    for (let n = first; n < end; n++) {
      const date = isoOf(n);
      const weekday = weekdayOf(n);
      const weekend = weekday >= 6;
      const order = orders.get(n);
      const holiday = holidays.get(n);
      const transfer = transfers.get(n);
      let day: CalendarDay;
      if (order) {
        const working = order.change === 'working-day';
        day = { date, weekday, working, kind: working ? 'order-working-day' : 'order-day-off', reason: order.note };
      } else if (holiday) {
        const reason = weekend
          ? undefined
          : holiday.kurbanAit
            ? msg('calendar.reason.kurban-ait', { date: dayMonth(n), holiday: holidayName(holiday.name) })
            : holiday.dayOff
              ? msg('calendar.reason.day-off', { date: dayMonth(n), holiday: holidayName(holiday.name) })
              : msg('calendar.reason.holiday', { date: dayMonth(n), holiday: holidayName(holiday.name) });
        day = { date, weekday, working: false, kind: holiday.dayOff ? 'day-off' : 'holiday', holiday: holiday.name, ...(reason ? { reason } : {}) };
      } else if (transfer) {
        day = {
          date,
          weekday,
          working: false,
          kind: 'holiday-transfer',
          holiday: transfer.holiday.name,
          reason: msg('calendar.reason.transfer', {
            date: dayMonth(transfer.from),
            holiday: holidayName(transfer.holiday.name),
            weekday: msg(`calendar.falls-on.${weekdayOf(transfer.from)}`),
          }),
        };
      } else day = weekend ? { date, weekday, working: false, kind: 'weekend' } : { date, weekday, working: true, kind: 'workday' };
      map.set(n, Object.freeze(day));
    }
    this.yearCache.set(year, map);
    return map;
  }
}
