/**
 * A referral log: the kindergarten places offered and what became of each,
 * read from CSV (a header row, then one row per event; read as a stream) or
 * YAML (a list of mappings; read whole, up to {@link MAX_YAML_BYTES}), with
 * the source position of every row and field so each problem is reported at
 * `file:line:column`.
 *
 * Columns, each holding only what its format allows:
 *
 * | column     | value                                                           |
 * |------------|-----------------------------------------------------------------|
 * | `place`    | the place's pseudonymous id ({@link PSEUDONYMOUS_ID})           |
 * | `offered`  | the day the place was offered: YYYY-MM-DD, or an ISO date and time (its day is used) |
 * | `category` | the child's category: a category id of data/referral-rules.yaml, or `general` |
 * | `child`    | the child's pseudonymous id ({@link PSEUDONYMOUS_ID}; never a name or IIN) |
 * | `taken`    | the day the referral was taken (optional)                       |
 * | `lapsed`   | the day the referral lapsed (optional; not with `taken`)        |
 *
 * One row is one offer of a place: (place, offered) is unique. The category
 * is that of the child the place went to — a place passed to the general
 * queue after the privileged period is a `general` row. Whether the category
 * belongs to the rule set in force on the offer date is a finding of the
 * audit (see `audit.ts`), not a broken log.
 *
 * Board reports are published, so a log holding anything that looks like an
 * IIN in any disguise, or a column of names, is refused as a whole (see
 * `personal-data.ts`); then only those problems are reported. No message
 * repeats a value from the log.
 */
import { msg } from '../messages/index.js';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { sortDiagnostics, type Diagnostic, type Position } from '../parse/diagnostic.js';
import { isRealDate, ISO_DATE_TIME } from '../util/dates.js';
import { closest } from '../util/suggest.js';
import { CsvReader, type CsvRecord } from './log-csv.js';
import { columnOf, DATE_COLUMNS, GENERAL_QUEUE, LOG_COLUMNS, REQUIRED_COLUMNS, unknownColumnMessage, type LogColumn } from './log-columns.js';
import { MAX_YAML_BYTES, readYamlLog } from './log-yaml.js';
import { OfferIndex } from './offer-index.js';
import { columnLabel, columnValueLabel, iinDiagnostic, isNameColumn, looksLikeIin, nameColumnDiagnostic, PSEUDONYMOUS_ID } from './personal-data.js';
import { ruleSets } from './rules.js';

export { GENERAL_QUEUE, LOG_COLUMNS, REQUIRED_COLUMNS, type LogColumn } from './log-columns.js';
export { MAX_YAML_BYTES } from './log-yaml.js';

/** One offer of a place, as the log records it. */
export interface ReferralEvent {
  /** The place's pseudonymous id. */
  readonly place: string;
  /** ISO date the place was offered. */
  readonly offered: string;
  /** A category id of data/referral-rules.yaml (lower case), or {@link GENERAL_QUEUE}. */
  readonly category: string;
  /** The child's pseudonymous id. */
  readonly child: string;
  /** ISO date the referral was taken. */
  readonly taken?: string;
  /** ISO date the referral lapsed (never together with `taken`). */
  readonly lapsed?: string;
  /** Where the event starts: its CSV row, or its YAML mapping. */
  readonly position: Position;
  /** Where each given field's value starts. */
  readonly fields: Readonly<Partial<Record<LogColumn, Position>>>;
}

/** What reading a log found, besides its events. */
export interface LogResult {
  /** The file as the user named it. */
  readonly file: string;
  readonly format: 'csv' | 'yaml';
  /**
   * Every problem kept, sorted by position (at most {@link MAX_KEPT} of a kind,
   * then one line saying how many more). When {@link LogResult.refused} is
   * true these are only the privacy problems (rules `privacy/…`).
   */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the log holds something that looks like an IIN or a name column. */
  readonly refused: boolean;
  /** Events read without problems. */
  readonly eventCount: number;
}

/** A log read whole: its events too. */
export interface ReferralLog extends LogResult {
  /** The events without problems, in file order. When there are errors the log must not be used. */
  readonly events: readonly ReferralEvent[];
}

/** How a log is checked. */
export interface LogOptions {
  /** Known category ids besides `general` (default: every category of data/referral-rules.yaml). */
  readonly categories?: readonly string[];
}

/** Problems kept of each kind (privacy, other); a log with a million bad rows must not fill memory with messages. */
export const MAX_KEPT = 200;

/** Every category id of the rule sets, in data order, then `general`. */
export function knownCategories(sets = ruleSets()): string[] {
  const ids: string[] = [];
  for (const s of sets) for (const c of s.categories) if (!ids.includes(c.id)) ids.push(c.id);
  return [...ids, GENERAL_QUEUE];
}

/** The log format a file name asks for, if any. */
function formatOf(file: string): 'csv' | 'yaml' | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
}

/**
 * Reads a log file as a stream, handing each good event to `onEvent` as it is
 * read (CSV rows one at a time; a YAML log whole, within its size limit).
 * Events come before the log is known to be good: use them only when the
 * result has no errors. A file that cannot be read is a diagnostic, not a throw.
 */
export async function streamLog(file: string, onEvent: (event: ReferralEvent) => void, options: LogOptions = {}): Promise<LogResult> {
  const format = formatOf(file);
  const checker = new LogChecker(file, format ?? 'csv', options, onEvent);
  const early = openProblem(file, format);
  if (early) return checker.fail(early);
  if (format === 'yaml') {
    const text = readText(file, checker);
    if (text !== undefined) checker.yaml(text);
    return checker.result();
  }
  const reader = new CsvReader((row) => checker.csvRow(row));
  try {
    let first = true;
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      // A byte-order mark (Excel writes one) is not part of the first line's columns.
      reader.push(first && (chunk as string).startsWith('\uFEFF') ? (chunk as string).slice(1) : (chunk as string));
      first = false;
      if (reader.error) break;
    }
  } catch (e) {
    return checker.fail(readError(file, e));
  }
  reader.end();
  return checker.csvEnd(reader);
}

/** Reads a whole log file (tests and small logs; the CLI uses {@link streamLog}). */
export function readLog(file: string, options: LogOptions = {}): ReferralLog {
  const format = formatOf(file);
  const events: ReferralEvent[] = [];
  const checker = new LogChecker(file, format ?? 'csv', options, (e) => events.push(e));
  const early = openProblem(file, format);
  if (early) return { ...checker.fail(early), events: [] };
  const text = readText(file, checker);
  if (text === undefined) return { ...checker.result(), events: [] };
  return parseLog(file, text, format!, options);
}

/** Parses log text in the given format. `file` is only used to name the file in diagnostics. */
export function parseLog(file: string, rawText: string, format: 'csv' | 'yaml', options: LogOptions = {}): ReferralLog {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const events: ReferralEvent[] = [];
  const checker = new LogChecker(file, format, options, (e) => events.push(e));
  if (format === 'yaml') {
    checker.yaml(text);
    const r = checker.result();
    return { ...r, events: r.refused ? [] : events };
  }
  const reader = new CsvReader((row) => checker.csvRow(row));
  reader.push(text);
  reader.end();
  const r = checker.csvEnd(reader);
  return { ...r, events: r.refused ? [] : events };
}

/** A missing file, a folder, a wrong extension or an oversized YAML log. */
function openProblem(file: string, format: 'csv' | 'yaml' | undefined): Diagnostic | undefined {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { file, severity: 'error', rule: 'io/read', message: msg('log.read', { reason: msg('log.read.folder') }) };
    size = st.size;
  } catch (e) {
    return readError(file, e);
  }
  if (!format) {
    return { file, severity: 'error', rule: 'log/format', message: extname(file) ? msg('log.format', { ext: extname(file) }) : msg('log.format.no-extension') };
  }
  if (format === 'yaml' && size > MAX_YAML_BYTES) {
    return {
      file,
      severity: 'error',
      rule: 'log/too-large',
      message: msg('log.too-large', { size: (size / 1048576).toFixed(1), max: MAX_YAML_BYTES / 1048576 }),
    };
  }
  return undefined;
}

function readError(file: string, e: unknown): Diagnostic {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? msg('log.read.missing') : code === 'EISDIR' ? msg('log.read.folder') : code === 'EACCES' ? msg('log.read.denied') : (code ?? msg('log.read.other'));
  return { file, severity: 'error', rule: 'io/read', message: msg('log.read', { reason }) };
}

function readText(file: string, checker: LogChecker): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    checker.fail(readError(file, e));
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Dates.

/** YYYY-MM-DD, optionally followed by a time (T or a space, then hh:mm[:ss[.fff]], then Z or an offset). */

/** Whether each YYYY-MM-DD seen is a real day: a log has a few thousand distinct days in a million rows. */
const realDays = new Map<string, boolean>();

/** The day a date or date-and-time value names (as written, no time-zone shift), or why it names none. */
function dayOf(value: string): { day: string } | { problem: 'shape' | 'unreal' } {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return { problem: 'shape' };
  const day = m[1]!;
  let real = realDays.get(day);
  if (real === undefined) {
    real = isRealDate(day);
    if (realDays.size < 100_000) realDays.set(day, real);
  }
  return real ? { day } : { problem: 'unreal' };
}

/** A hint for a date written day first, described without repeating it. */
const dayFirst = (value: string): boolean => /^\d{1,2}[./]\d{1,2}[./]\d{4}$/.test(value);

// ---------------------------------------------------------------------------
// The checks common to both formats.

/** One field as found in the file. */
interface Cell {
  /** The value, trimmed; undefined when absent or empty. */
  readonly value: string | undefined;
  readonly position: Position;
}

const error = (file: string, position: Position | undefined, rule: string, message: string): Diagnostic => ({ file, ...(position && { position }), severity: 'error', rule, message });

/** Reads rows of either format into events, keeping a bounded number of problems. */
class LogChecker {
  private readonly privacy: Diagnostic[] = [];
  private readonly problems: Diagnostic[] = [];
  private privacyMore = 0;
  private problemsMore = 0;
  private events = 0;
  private readonly categories: Map<string, string>;
  private readonly categoryList: readonly string[];
  /** (place, offered) → the line it was first listed at. */
  private readonly seen = new OfferIndex();
  // CSV state.
  private header: { names: string[]; columns: Map<LogColumn, number>; columnAt: (LogColumn | undefined)[]; unnamed: Set<number> } | undefined;

  constructor(
    private readonly file: string,
    private readonly format: 'csv' | 'yaml',
    options: LogOptions,
    private readonly onEvent: (event: ReferralEvent) => void,
  ) {
    const ids = options.categories ? [...options.categories.filter((c) => c !== GENERAL_QUEUE), GENERAL_QUEUE] : knownCategories();
    this.categoryList = ids;
    this.categories = new Map(ids.map((id) => [id.toLowerCase(), id]));
  }

  addPrivacy(d: Diagnostic): void {
    if (this.privacy.length < MAX_KEPT) this.privacy.push(d);
    else this.privacyMore++;
  }

  add(d: Diagnostic): void {
    if (this.problems.length < MAX_KEPT) this.problems.push(d);
    else this.problemsMore++;
  }

  fail(d: Diagnostic): LogResult {
    this.add(d);
    return this.result();
  }

  result(): LogResult {
    const refused = this.privacy.length > 0;
    const list = refused ? this.privacy : this.problems;
    const more = refused ? this.privacyMore : this.problemsMore;
    const diagnostics = sortDiagnostics(list);
    if (more) diagnostics.push(error(this.file, undefined, refused ? 'privacy/more' : 'log/more', msg('log.more', { n: more })));
    return { file: this.file, format: this.format, diagnostics, refused, eventCount: refused ? 0 : this.events };
  }

  // -- CSV ------------------------------------------------------------------

  csvRow(row: CsvRecord): void {
    // Blank lines, and rows of empty fields such as ",,,," that spreadsheets leave, are not events.
    if (!row.cells.some((c) => c.quoted || c.value.trim() !== '')) return;
    if (!this.header) {
      this.csvHeader(row);
      return;
    }
    const { names, columns, columnAt, unnamed } = this.header;
    // Privacy first, over every field, whatever its column.
    let privacy = false;
    row.cells.forEach((c, i) => {
      const column = columnAt[i];
      // A valid date in a date column is a date: its digits are no IIN.
      if (column && DATE_COLUMNS.includes(column) && 'day' in dayOf(c.value.trim())) return;
      if (looksLikeIin(c.value)) {
        this.addPrivacy(iinDiagnostic(this.file, c.position, columnValueLabel(i, column ?? names[i])));
        privacy = true;
      }
    });
    if (privacy || this.privacy.length) return;

    let broken = false;
    const width = names.length;
    if (row.cells.length > width) {
      const extra = row.cells.slice(width).find((c) => c.value !== '' || c.quoted);
      if (extra) {
        this.add(error(this.file, extra.position, 'csv/field-count', msg('log.field-count', { fields: row.cells.length, n: width })));
        broken = true;
      }
    }
    for (const i of [...unnamed]) {
      const c = row.cells[i];
      if (c && c.value.trim() !== '') {
        // Reported once, at the first value.
        this.add(error(this.file, c.position, 'log/unknown-column', msg('log.unnamed-column', { column: i + 1 })));
        unnamed.delete(i);
      }
    }
    const cells = new Map<LogColumn, Cell>();
    for (const [column, i] of columns) {
      const c = row.cells[i];
      // A field missing at the end of a short row: where it would start.
      cells.set(column, c ? { value: c.value.trim() || undefined, position: c.position } : { value: undefined, position: row.end });
    }
    this.check(row.cells[0]?.position ?? row.position, cells, broken);
  }

  private csvHeader(row: CsvRecord): void {
    const names = row.cells.map((c) => c.value.trim());
    const columns = new Map<LogColumn, number>();
    const unnamed = new Set<number>();
    const columnAt = names.map((n) => columnOf(n));
    this.header = { names, columns, columnAt, unnamed };
    row.cells.forEach((c, i) => {
      if (looksLikeIin(c.value)) this.addPrivacy(iinDiagnostic(this.file, c.position, `header cell ${i + 1}`));
      else if (isNameColumn(c.value, LOG_COLUMNS)) this.addPrivacy(nameColumnDiagnostic(this.file, c.position, 'column', columnLabel(i, names[i])));
    });
    if (this.privacy.length) return;
    row.cells.forEach((c, i) => {
      const name = names[i]!;
      if (name === '') {
        // A trailing empty column (a spreadsheet's stray comma) is harmless when it is empty throughout.
        unnamed.add(i);
        return;
      }
      const column = columnOf(name);
      if (!column) this.add(error(this.file, c.position, 'log/unknown-column', unknownColumnMessage(name, 'column', i)));
      else if (columns.has(column)) this.add(error(this.file, c.position, 'log/duplicate-column', msg('log.duplicate-column', { column, at: columns.get(column)! + 1 })));
      else columns.set(column, i);
    });
    for (const c of REQUIRED_COLUMNS.filter((k) => !columns.has(k))) {
      this.add(error(this.file, row.position, 'log/missing-column', msg('log.missing-column', { column: c, required: REQUIRED_COLUMNS.join(', ') })));
    }
  }

  csvEnd(reader: CsvReader): LogResult {
    if (reader.error && !this.privacy.length) this.add(error(this.file, reader.error.position, 'csv/syntax', reader.error.message));
    if (!this.header && !reader.error) {
      this.add(error(this.file, { line: 1, column: 1 }, 'log/empty', msg('log.empty', { columns: LOG_COLUMNS.join(',') })));
    }
    return this.result();
  }

  // -- YAML -----------------------------------------------------------------

  yaml(text: string): void {
    readYamlLog(this.file, text, {
      privacy: (d) => this.addPrivacy(d),
      error: (d) => this.add(d),
      refused: () => this.privacy.length > 0,
      row: (row) => {
        // Privacy over each value was done over the whole tree; a valid date is never an IIN.
        this.check(row.position, row.cells, row.broken);
      },
    });
  }

  // -- Both -----------------------------------------------------------------

  /** The column rules for one row; a good row becomes an event. */
  private check(position: Position, cells: ReadonlyMap<LogColumn, Cell>, broken: boolean): void {
    let ok = !broken;
    const bad = (cell: Cell, rule: string, message: string): void => {
      this.add(error(this.file, cell.position, rule, message));
      ok = false;
    };
    for (const c of REQUIRED_COLUMNS) {
      const cell = cells.get(c);
      if (cell && cell.value === undefined) bad(cell, 'log/empty-value', msg(c === 'child' ? 'log.empty-value.child' : 'log.empty-value', { column: c }));
      // A column missing from the header or the mapping is reported there.
      if (!cell) ok = false;
    }
    for (const c of ['place', 'child'] as const) {
      const cell = cells.get(c);
      if (cell?.value !== undefined && !PSEUDONYMOUS_ID.test(cell.value)) {
        bad(cell, 'log/id', msg('log.id', { column: c, example: c === 'place' ? 'P-07' : 'C-1001' }));
      }
    }
    let category: string | undefined;
    const categoryCell = cells.get('category');
    if (categoryCell?.value !== undefined) {
      category = this.categories.get(categoryCell.value.toLowerCase());
      if (!category) {
        const hint = closest(categoryCell.value.toLowerCase(), this.categoryList);
        bad(categoryCell, 'log/category', hint ? msg('log.category.hint', { general: GENERAL_QUEUE, hint }) : msg('log.category', { general: GENERAL_QUEUE, list: this.categoryList.join(', ') }));
      }
    }
    const days: Partial<Record<LogColumn, string>> = {};
    for (const c of DATE_COLUMNS) {
      const cell = cells.get(c);
      if (cell?.value === undefined) continue;
      const d = dayOf(cell.value);
      if ('day' in d) days[c] = d.day;
      else if (d.problem === 'unreal') bad(cell, 'log/date', msg('log.date.unreal', { column: c }));
      else bad(cell, 'log/date', msg(dayFirst(cell.value) ? 'log.date.day-first' : 'log.date', { column: c }));
    }
    const { offered, taken, lapsed } = days;
    if (cells.get('taken')?.value !== undefined && cells.get('lapsed')?.value !== undefined) {
      bad(cells.get('lapsed')!, 'log/taken-and-lapsed', msg('log.taken-and-lapsed'));
    }
    if (offered) {
      if (taken && taken < offered) bad(cells.get('taken')!, 'log/date-order', msg('log.taken-early'));
      if (lapsed && lapsed < offered) bad(cells.get('lapsed')!, 'log/date-order', msg('log.lapsed-early'));
      const place = cells.get('place')?.value;
      if (place !== undefined) {
        const key = `${place}\0${offered}`;
        const first = this.seen.seen(key, position.line);
        if (first !== undefined) bad(cells.get('place')!, 'log/duplicate', msg('log.duplicate', { line: first }));
      }
    }
    if (!ok || !offered || !category || this.privacy.length) return;
    const fields: Partial<Record<LogColumn, Position>> = {};
    for (const [c, cell] of cells) fields[c] = cell.position;
    this.events++;
    this.onEvent({
      place: cells.get('place')!.value!,
      offered,
      category,
      child: cells.get('child')!.value!,
      ...(taken && { taken }),
      ...(lapsed && { lapsed }),
      position,
      fields,
    });
  }
}
