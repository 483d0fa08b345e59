/**
 * A referral log: the kindergarten places offered and what became of each,
 * read from CSV (a header row, then one row per event) or YAML (a list of
 * mappings), with the source position of every row and field so each problem
 * is reported at `file:line:column`.
 *
 * Columns:
 *
 * | column     | value                                                           |
 * |------------|-----------------------------------------------------------------|
 * | `place`    | the place's id                                                  |
 * | `offered`  | the day the place was offered, YYYY-MM-DD                       |
 * | `category` | the child's category: an id of the rule set in force on `offered`, or `general` |
 * | `child`    | the child's pseudonymous id (never a name or IIN)               |
 * | `taken`    | the day the referral was taken, YYYY-MM-DD (optional)           |
 * | `lapsed`   | the day the referral lapsed, YYYY-MM-DD (optional; not with `taken`) |
 *
 * One row is one offer of a place: (place, offered) is unique. The category
 * is that of the child the place went to — a place passed to the general
 * queue after the privileged period is a `general` row.
 *
 * Board reports are published, so a log holding anything that looks like an
 * IIN (the 12-digit individual identification number) or a column that looks
 * like a person's name is refused as a whole: see {@link findIin} and
 * {@link isNameColumn}. Whether a category exists is not checked here: an
 * unknown category is a finding of the audit (see `audit.ts`), not a broken log.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isPair, isScalar, isSeq, visit, type Node, type Pair } from 'yaml';
import { sortDiagnostics, type Diagnostic, type Position } from '../parse/diagnostic.js';
import { linePos, parseSource, type SourceFile } from '../parse/source.js';
import { ISO_DATE, isRealDate } from '../util/dates.js';
import { closest } from '../util/suggest.js';

/** The columns a log may have, in their usual order. */
export const LOG_COLUMNS = ['place', 'offered', 'category', 'child', 'taken', 'lapsed'] as const;

/** One column of a log. */
export type LogColumn = (typeof LOG_COLUMNS)[number];

/** Columns every event must have. */
export const REQUIRED_COLUMNS: readonly LogColumn[] = ['place', 'offered', 'category', 'child'];

/** The `category` of a child in the general queue (not a privileged category). */
export const GENERAL_QUEUE = 'general';

/** One offer of a place, as the log records it. */
export interface ReferralEvent {
  /** The place's id. */
  readonly place: string;
  /** ISO date the place was offered. */
  readonly offered: string;
  /** A category id of the rule set in force on `offered`, or {@link GENERAL_QUEUE}; not checked here. */
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

/** A log as read: its events and every problem found, each at its place. */
export interface ReferralLog {
  /** The file as the user named it. */
  readonly file: string;
  readonly format: 'csv' | 'yaml';
  /**
   * The events without problems, in file order. When {@link ReferralLog.diagnostics}
   * has errors the log must not be used: some events are then missing.
   */
  readonly events: readonly ReferralEvent[];
  /**
   * Every problem, sorted by position. When {@link ReferralLog.refused} is true
   * these are only the privacy problems (rules `privacy/iin` and
   * `privacy/full-name`), so no other message can echo a personal value.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the log holds something that looks like an IIN or a name column. */
  readonly refused: boolean;
}

/** Reads a log file (`.csv`, `.yaml` or `.yml`). A file that cannot be read is a diagnostic, not a throw. */
export function readLog(file: string): ReferralLog {
  const format = formatOf(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a folder, not a log file' : (e.message ?? String(err));
    return { file, format: format ?? 'csv', events: [], refused: false, diagnostics: [{ file, severity: 'error', rule: 'io/read', message: `cannot read the referral log: ${reason}` }] };
  }
  if (!format) {
    return {
      file,
      format: 'csv',
      events: [],
      refused: false,
      diagnostics: [{ file, severity: 'error', rule: 'log/format', message: `a referral log must be a .csv file (with a header row) or a .yaml file (a list of events), not "${extname(file) || 'a file without an extension'}"` }],
    };
  }
  return parseLog(file, text, format);
}

/** The log format a file name asks for, if any. */
export function formatOf(file: string): 'csv' | 'yaml' | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
}

/** Parses log text in the given format. `file` is only used to name the file in diagnostics. */
export function parseLog(file: string, rawText: string, format: 'csv' | 'yaml'): ReferralLog {
  // A byte-order mark (Excel writes one) is not part of the first line's columns.
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const raw = format === 'csv' ? csvRows(file, text) : yamlRows(file, text);
  if (raw.privacy.length) return { file, format, events: [], refused: true, diagnostics: sortDiagnostics(raw.privacy) };
  const checked = checkRows(file, raw.rows);
  return { file, format, events: checked.events, refused: false, diagnostics: sortDiagnostics([...raw.diagnostics, ...checked.diagnostics]) };
}

// ---------------------------------------------------------------------------
// Privacy.

/** Separators allowed between the digit groups of an IIN written in groups. */
const SEP = '[ \\u00A0\\-\\u2010\\u2011\\u2013]';
/** Twelve digits in a row, not part of a longer run of digits. */
const IIN_CONTIGUOUS = /(?<!\d)\d{12}(?!\d)/g;
/**
 * Twelve digits in the groupings IINs are written in (6+6, 6+3+3, 3+3+3+3,
 * 4+4+4, 2+2+2+6), not part of a longer grouping. A date (4-2-2) never fits.
 */
const IIN_GROUPED = new RegExp(
  `(?<!\\d)(?<!\\d${SEP})(?:\\d{6}${SEP}\\d{6}|\\d{6}${SEP}\\d{3}${SEP}\\d{3}|\\d{3}${SEP}\\d{3}${SEP}\\d{3}${SEP}\\d{3}|\\d{4}${SEP}\\d{4}${SEP}\\d{4}|\\d{2}${SEP}\\d{2}${SEP}\\d{2}${SEP}\\d{6})(?!\\d)(?!${SEP}\\d)`,
  'g',
);

/**
 * Where a text holds something that looks like an IIN, or undefined: twelve
 * consecutive digits; or twelve digits in groups separated by spaces or
 * dashes (0101 0150 0123, 010101-500123) that start like an IIN does — a
 * birth date YYMMDD and a century-and-sex digit 0–6 — so that dates and
 * grouped ids such as 2025-12-01-0001 are not taken for one.
 * @returns the index of its first digit
 */
export function findIin(text: string): number | undefined {
  IIN_CONTIGUOUS.lastIndex = 0;
  const plain = IIN_CONTIGUOUS.exec(text);
  IIN_GROUPED.lastIndex = 0;
  let grouped: number | undefined;
  for (let m = IIN_GROUPED.exec(text); m; m = IIN_GROUPED.exec(text)) {
    if (iinShaped(m[0].replace(/\D/g, ''))) {
      grouped = m.index;
      break;
    }
  }
  const found = [plain?.index, grouped].filter((i): i is number => i !== undefined);
  return found.length ? Math.min(...found) : undefined;
}

/** YYMMDD of a possible birth date, then a century-and-sex digit 0–6. */
function iinShaped(digits: string): boolean {
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && Number(digits[6]) <= 6;
}

/** Column names that hold a person's name, normalised (see {@link normaliseName}). */
const NAME_COLUMNS = new Set([
  'name', 'names', 'fullname', 'fio', 'surname', 'firstname', 'lastname', 'middlename', 'givenname', 'familyname', 'patronymic', 'initials',
  'фио', 'имя', 'фамилия', 'отчество', 'инициалы', 'фамилияимяотчество', 'фамилияимя',
  'аты', 'тегі', 'атыжөні', 'жөні', 'әкесініңаты', 'тегіатыәкесініңаты', 'таә', 'аттегі', 'тегіаты',
]);
/** Name words that make a column a name column wherever they appear in it. */
const NAME_PARTS = ['fullname', 'surname', 'firstname', 'lastname', 'middlename', 'patronymic', 'fio', 'фио', 'фамили', 'отчеств', 'атыжөні', 'әкесініңаты'];
/**
 * Longer headers naming a person's name: "child_name", "parent full name",
 * "имя ребёнка", "фамилия родителя", "баланың аты", "ата-ананың тегі".
 */
const NAME_PATTERNS = [
  /^(?:child|children|kid|parent|mother|father|guardian|person|applicant|representative|pupil)s?(?:full|first|last|given|family)?names?$/,
  /^(?:имя|фамилия)/,
  /(?:ның|нің|дың|дің|тың|тің)(?:аты|тегі|атыжөні)$/,
];

/** A header lower-cased, without spaces, underscores, dashes, dots and slashes. */
export const normaliseName = (name: string): string => name.normalize('NFC').toLocaleLowerCase('kk').replace(/[\s_\-.\u2010\u2011\u2013/\\]+/g, '').replace(/ё/g, 'е');

/**
 * True for a column header that looks like a person's name (name, full_name,
 * ФИО, Аты-жөні, Тегі, child_name, имя ребёнка…), case, space, underscore and
 * dash insensitive.
 */
export function isNameColumn(header: string): boolean {
  const n = normaliseName(header);
  if (!n || (LOG_COLUMNS as readonly string[]).includes(n)) return false;
  return NAME_COLUMNS.has(n) || NAME_PARTS.some((p) => n.includes(p)) || NAME_PATTERNS.some((r) => r.test(n));
}

const PRIVACY_WHY = 'board reports are published, so the whole log is refused and nothing is written';
const PSEUDONYM = 'identify each child by a pseudonymous id in the "child" column (such as C-0107), never by name or IIN';

function iinDiagnostic(file: string, position: Position, where: string): Diagnostic {
  return {
    file,
    position,
    severity: 'error',
    rule: 'privacy/iin',
    message: `${where} looks like an IIN (a 12-digit individual identification number): ${PRIVACY_WHY}; ${PSEUDONYM}`,
  };
}

function nameColumnDiagnostic(file: string, position: Position, header: string, kind: 'column' | 'key'): Diagnostic {
  return {
    file,
    position,
    severity: 'error',
    rule: 'privacy/full-name',
    message: `${kind} "${header}" looks like a person's name: ${PRIVACY_WHY}; remove the ${kind} and ${PSEUDONYM}`,
  };
}

// ---------------------------------------------------------------------------
// What both formats produce before the common checks.

/** One field as found in the file. */
interface RawCell {
  /** The value, trimmed; undefined when the field is absent or null. */
  readonly value: string | undefined;
  readonly position: Position;
}

/** One event as found in the file: the known columns it gives. */
interface RawRow {
  readonly position: Position;
  readonly cells: ReadonlyMap<LogColumn, RawCell>;
  /** True when the row has a problem already reported (it makes no event). */
  readonly broken: boolean;
}

interface RawLog {
  readonly rows: RawRow[];
  readonly diagnostics: Diagnostic[];
  readonly privacy: Diagnostic[];
}

const err = (file: string, position: Position | undefined, rule: string, message: string): Diagnostic => ({
  file,
  ...(position && { position }),
  severity: 'error',
  rule,
  message,
});

/** The column a header names, if any (case and surrounding space ignored). */
const columnOf = (header: string): LogColumn | undefined => (LOG_COLUMNS as readonly string[]).find((c) => c === header.trim().toLowerCase()) as LogColumn | undefined;

function unknownColumnMessage(header: string, kind: 'column' | 'key'): string {
  const hint = closest(header.trim().toLowerCase(), LOG_COLUMNS);
  return `unknown ${kind} "${header}"${hint ? ` — did you mean "${hint}"?` : `; a referral log has ${LOG_COLUMNS.join(', ')}`}`;
}

// ---------------------------------------------------------------------------
// CSV.

/** One CSV field: its value and where each of its characters came from. */
interface CsvField {
  /** The value: unquoted, "" unescaped, surrounding spaces of an unquoted field trimmed. */
  readonly value: string;
  /** Offset where the field starts: its opening quote, or its first non-space character. */
  readonly start: number;
  /** Offset in the text of the value's i-th character. */
  readonly offsetOf: (i: number) => number;
}

interface CsvRow {
  readonly fields: CsvField[];
  readonly start: number;
  /** Offset just after the row's last character (before its line break). */
  readonly end: number;
}

/** The delimiter of a CSV text: the most frequent of `,` `;` and tab outside quotes on its first line (`,` on a tie). */
function delimiterOf(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Splits CSV text into rows of fields (RFC 4180: quoted fields with "" for a
 * quote and line breaks inside; CRLF, LF or CR line ends), keeping offsets.
 * csv-parse reports positions only per record, not per field, hence this.
 */
function tokenizeCsv(text: string, delimiter: string): { rows: CsvRow[]; error?: { offset: number; message: string } } {
  const rows: CsvRow[] = [];
  const n = text.length;
  const space = (c: string | undefined): boolean => (c === ' ' || c === '\t') && c !== delimiter;
  const lineEnd = (c: string | undefined): boolean => c === '\n' || c === '\r';
  let i = 0;
  while (i < n) {
    const fields: CsvField[] = [];
    const rowStart = i;
    let rowEnd = i;
    for (;;) {
      let j = i;
      while (space(text[j])) j++;
      if (text[j] === '"') {
        const open = j;
        const contentStart = j + 1;
        const escapes: number[] = [];
        let value = '';
        j = contentStart;
        for (;;) {
          if (j >= n) return { rows, error: { offset: open, message: 'this quote is never closed: a quoted field must end with "' } };
          if (text[j] === '"') {
            if (text[j + 1] === '"') {
              escapes.push(value.length);
              value += '"';
              j += 2;
              continue;
            }
            break;
          }
          value += text[j];
          j++;
        }
        j++; // the closing quote
        while (space(text[j])) j++;
        if (j < n && text[j] !== delimiter && !lineEnd(text[j])) {
          return { rows, error: { offset: j, message: `unexpected text after a closing quote: a quote inside a quoted field is written "" and the field must end at the quote` } };
        }
        fields.push({ value, start: open, offsetOf: (k) => contentStart + k + escapes.filter((e) => e < k).length });
      } else {
        let k = j;
        while (k < n && text[k] !== delimiter && !lineEnd(text[k])) k++;
        const rawValue = text.slice(j, k);
        const value = rawValue.trimEnd();
        const start = j;
        fields.push({ value, start, offsetOf: (x) => start + x });
        j = k;
      }
      rowEnd = j;
      if (text[j] === delimiter) {
        i = j + 1;
        continue;
      }
      // End of the row: a line break or the end of the text.
      if (text[j] === '\r' && text[j + 1] === '\n') j += 2;
      else if (j < n) j++;
      i = j;
      break;
    }
    rows.push({ fields, start: rowStart, end: rowEnd });
  }
  return { rows };
}

/** Line starts of a text, for offset → line and column. */
function positioner(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function csvRows(file: string, text: string): RawLog {
  const at = positioner(text);
  const diagnostics: Diagnostic[] = [];
  const privacy: Diagnostic[] = [];
  const { rows: allRows, error } = tokenizeCsv(text, delimiterOf(text));
  if (error) diagnostics.push(err(file, at(error.offset), 'csv/syntax', error.message));
  // Blank lines, and rows of empty fields such as ",,,," that spreadsheets leave, are not events.
  const rows = allRows.filter((r) => r.fields.some((f) => f.value.trim() !== '' || text[f.start] === '"'));
  const header = rows[0];
  if (!header) {
    if (!error) diagnostics.push(err(file, { line: 1, column: 1 }, 'log/empty', `the referral log is empty: its first row names the columns (${LOG_COLUMNS.join(',')}), then one row per place offered`));
    return { rows: [], diagnostics, privacy };
  }

  // Privacy first, over every field including the header and unknown columns.
  const headerNames = header.fields.map((f) => f.value.trim());
  for (const row of rows) {
    row.fields.forEach((f, i) => {
      const hit = findIin(f.value);
      if (hit === undefined) return;
      const name = row === header ? undefined : headerNames[i];
      const where = row === header ? 'a header cell' : name && findIin(name) === undefined ? `the value in column "${name}"` : 'a value';
      privacy.push(iinDiagnostic(file, at(f.offsetOf(hit)), where));
    });
  }
  header.fields.forEach((f, i) => {
    if (findIin(f.value) === undefined && isNameColumn(f.value)) privacy.push(nameColumnDiagnostic(file, at(f.start), headerNames[i]!, 'column'));
  });
  if (privacy.length) return { rows: [], diagnostics, privacy };

  // The header: each known column once, the required ones present.
  const columns = new Map<LogColumn, number>();
  header.fields.forEach((f, i) => {
    const name = headerNames[i]!;
    if (name === '') {
      // A trailing empty column (a spreadsheet's stray comma) is harmless when it is empty throughout.
      const used = rows.slice(1).find((r) => (r.fields[i]?.value.trim() ?? '') !== '');
      if (used) diagnostics.push(err(file, at(used.fields[i]!.start), 'log/unknown-column', `column ${i + 1} has values but no name in the header row`));
      return;
    }
    const column = columnOf(name);
    if (!column) diagnostics.push(err(file, at(f.start), 'log/unknown-column', unknownColumnMessage(name, 'column')));
    else if (columns.has(column)) diagnostics.push(err(file, at(f.start), 'log/duplicate-column', `column "${column}" is already column ${columns.get(column)! + 1} of the header`));
    else columns.set(column, i);
  });
  for (const c of REQUIRED_COLUMNS.filter((k) => !columns.has(k))) diagnostics.push(err(file, at(header.start), 'log/missing-column', `the header has no "${c}" column: a referral log needs ${REQUIRED_COLUMNS.join(', ')} (and taken or lapsed once known)`));

  const width = header.fields.length;
  const out: RawRow[] = rows.slice(1).map((row) => {
    let broken = false;
    if (row.fields.length > width) {
      const extra = row.fields.slice(width).find((f) => f.value !== '' || text[f.start] === '"');
      if (extra) {
        diagnostics.push(err(file, at(extra.start), 'csv/field-count', `this row has ${row.fields.length} fields but the header names ${width} columns`));
        broken = true;
      }
    }
    const cells = new Map<LogColumn, RawCell>();
    for (const [column, i] of columns) {
      const f = row.fields[i];
      // A field missing at the end of a short row: where it would start.
      cells.set(column, f ? { value: f.value.trim() || undefined, position: at(f.start) } : { value: undefined, position: at(row.end) });
    }
    return { position: at(row.fields[0]?.start ?? row.start), cells, broken };
  });
  return { rows: out, diagnostics, privacy };
}

// ---------------------------------------------------------------------------
// YAML.

function yamlRows(file: string, text: string): RawLog {
  const source = parseSource(file, text);
  const diagnostics: Diagnostic[] = [...source.diagnostics];
  const privacy: Diagnostic[] = [];
  const pos = (node: Node | null | undefined): Position => (node?.range ? linePos(source.lines, node.range[0]) : { line: 1, column: 1 });

  // Privacy first, over every scalar (keys too): the source text, so 010101500123 is seen before YAML reads it as a number.
  visit(source.doc, {
    Scalar(_key, node) {
      if (!node.range) return;
      const raw = text.slice(node.range[0], node.range[1]);
      const hit = findIin(raw);
      if (hit !== undefined) privacy.push(iinDiagnostic(file, linePos(source.lines, node.range[0] + hit), whereInYaml(node, source)));
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && findIin(pair.key.value) === undefined && isNameColumn(pair.key.value)) {
        privacy.push(nameColumnDiagnostic(file, pos(pair.key), pair.key.value, 'key'));
      }
    },
  });
  if (privacy.length) return { rows: [], diagnostics, privacy };
  if (source.value === undefined) return { rows: [], diagnostics, privacy };

  const contents = source.doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    diagnostics.push(err(file, { line: 1, column: 1 }, 'log/empty', 'the referral log is empty: write a list of events, each "- place: …" with offered, category, child and taken or lapsed'));
    return { rows: [], diagnostics, privacy };
  }
  if (!isSeq(contents)) {
    diagnostics.push(err(file, pos(contents), 'log/shape', 'a referral log in YAML is a list of events, each starting with "- place: …"'));
    return { rows: [], diagnostics, privacy };
  }
  const rows: RawRow[] = [];
  for (const item of contents.items) {
    const node = item as Node | null;
    if (!isMap(node)) {
      diagnostics.push(err(file, pos(node), 'log/shape', 'each event must be a mapping of place, offered, category, child and taken or lapsed'));
      continue;
    }
    let broken = false;
    const cells = new Map<LogColumn, RawCell>();
    for (const pair of node.items as Pair<Node | null, Node | null>[]) {
      if (!isPair(pair) || !isScalar(pair.key)) {
        diagnostics.push(err(file, pos(pair.key), 'log/shape', 'a key of an event must be a plain name such as place or offered'));
        broken = true;
        continue;
      }
      const name = String(pair.key.value);
      const column = columnOf(name);
      if (!column) {
        diagnostics.push(err(file, pos(pair.key), 'log/unknown-column', unknownColumnMessage(name, 'key')));
        broken = true;
        continue;
      }
      const value = pair.value;
      if (value !== null && !isScalar(value)) {
        diagnostics.push(err(file, pos(value), 'log/shape', `"${column}" must be a single value (an id or a date written YYYY-MM-DD), not a list or mapping`));
        broken = true;
        continue;
      }
      const v = value?.value;
      // Numbers and booleans as written: place 007 stays "007".
      const str = v === null || v === undefined ? undefined : typeof v === 'string' ? v.trim() : (value!.source ?? String(v)).trim();
      cells.set(column, { value: str || undefined, position: value?.range ? pos(value) : pos(pair.key) });
    }
    const missing = REQUIRED_COLUMNS.filter((c) => !cells.has(c));
    if (missing.length) {
      diagnostics.push(err(file, pos(node), 'log/missing-column', `this event has no ${missing.map((c) => `"${c}"`).join(', ')}: each event needs ${REQUIRED_COLUMNS.join(', ')}`));
      broken = true;
    }
    rows.push({ position: pos(node), cells, broken });
  }
  return { rows, diagnostics, privacy };
}

/** "the value of "child"" for a scalar that is an event's value, "a key" for a key, "a value" otherwise. */
function whereInYaml(node: Node, source: SourceFile): string {
  let found = 'a value';
  visit(source.doc, {
    Pair(_k, pair) {
      if (pair.key === node) {
        found = 'a key';
        return visit.BREAK;
      }
      if (pair.value === node && isScalar(pair.key)) {
        const name = String(pair.key.value);
        found = findIin(name) === undefined && !isNameColumn(name) ? `the value of "${name}"` : 'a value';
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

// ---------------------------------------------------------------------------
// The checks common to both formats.

/** "01.12.2025" or "1/12/2025" → "2025-12-01", for a hint. */
function isoHint(value: string): string | undefined {
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : undefined;
}

function checkRows(file: string, rows: readonly RawRow[]): { events: ReferralEvent[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const events: ReferralEvent[] = [];
  const seen = new Map<string, Position>();
  for (const row of rows) {
    let ok = !row.broken;
    const bad = (cell: RawCell, rule: string, message: string): void => {
      diagnostics.push(err(file, cell.position, rule, message));
      ok = false;
    };
    const value = (c: LogColumn): string | undefined => row.cells.get(c)?.value;
    for (const c of REQUIRED_COLUMNS) {
      const cell = row.cells.get(c);
      if (cell && cell.value === undefined) bad(cell, 'log/empty-value', `no value for "${c}"${c === 'child' ? ': give the child\'s pseudonymous id' : ''}`);
      // A column missing from the header or the mapping is reported there.
      if (!cell) ok = false;
    }
    for (const c of ['offered', 'taken', 'lapsed'] as const) {
      const cell = row.cells.get(c);
      if (!cell?.value) continue;
      if (!ISO_DATE.test(cell.value)) {
        const hint = isoHint(cell.value);
        bad(cell, 'log/date', `${c} "${cell.value}" is not a date written YYYY-MM-DD${hint ? ` — write ${hint}` : ''}`);
      } else if (!isRealDate(cell.value)) bad(cell, 'log/date', `${c} "${cell.value}" is not a real calendar date`);
    }
    const offered = value('offered');
    const dated = (c: 'taken' | 'lapsed'): string | undefined => {
      const v = value(c);
      return v && isRealDate(v) && ISO_DATE.test(v) ? v : undefined;
    };
    const taken = dated('taken');
    const lapsed = dated('lapsed');
    const offeredOk = offered !== undefined && ISO_DATE.test(offered) && isRealDate(offered);
    if (value('taken') !== undefined && value('lapsed') !== undefined) {
      bad(row.cells.get('lapsed')!, 'log/taken-and-lapsed', 'both taken and lapsed are given: a referral is either taken or lapsed, so leave one of them empty');
    }
    if (offeredOk) {
      if (taken && taken < offered) bad(row.cells.get('taken')!, 'log/date-order', `taken ${taken} is before offered ${offered}`);
      if (lapsed && lapsed < offered) bad(row.cells.get('lapsed')!, 'log/date-order', `lapsed ${lapsed} is before offered ${offered}`);
      const place = value('place');
      if (place !== undefined) {
        const key = `${place}\0${offered}`;
        const first = seen.get(key);
        if (first) bad(row.cells.get('place')!, 'log/duplicate', `place "${place}" offered ${offered} is already listed at line ${first.line}: one row per offer of a place`);
        else seen.set(key, row.position);
      }
    }
    if (!ok || !offeredOk) continue;
    const fields: Partial<Record<LogColumn, Position>> = {};
    for (const [c, cell] of row.cells) fields[c] = cell.position;
    events.push({
      place: value('place')!,
      offered,
      category: value('category')!,
      child: value('child')!,
      ...(taken && { taken }),
      ...(lapsed && { lapsed }),
      position: row.position,
      fields,
    });
  }
  return { events, diagnostics };
}
