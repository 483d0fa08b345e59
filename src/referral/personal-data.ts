/**
 * Personal data in a referral log, found in any disguise. Board reports are
 * published, so a log holding anything that looks like an IIN (the 12-digit
 * individual identification number) or a column of people's names is
 * refused as a whole.
 *
 * An IIN is looked for in a value's *digit skeleton*: the value after NFKC,
 * with common escapes decoded (`\x30`, `\u0030`, `&#48;`, `%30` — a CSV cell
 * holds them as text), every script's decimal digits read as ASCII
 * (full-width, Arabic-Indic, Devanagari…), zero-width and other format
 * characters dropped, and every run of separators between two digits
 * (spaces of any kind, line breaks, punctuation such as `.` `_` `/` `-` `–`
 * `,`) removed. Twelve or more digits in a row of the skeleton are refused,
 * however they were grouped (2-4-6, 6-6, 3-3-3-3…). Letters stop a run, so an
 * ISO date and time (2025-12-01T09:30) is never one; date columns are
 * checked as dates, not here.
 */
import { ISO_DATE_TIME } from '../util/dates.js';
import type { Diagnostic, Position } from '../parse/diagnostic.js';
import { msg } from '../messages/index.js';

/** Common escapes a value can hide digits behind: \xHH, \uHHHH, \u{H…}, &#D…; &#xH…; and %HH. */
const ESCAPE = /\\x([0-9A-Fa-f]{2})|\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})|&#[xX]([0-9A-Fa-f]{1,6});|&#([0-9]{1,7});|%([0-9A-Fa-f]{2})/g;
/** A decimal digit of any script. */
const ANY_DIGIT = /\p{Nd}/gu;
/** Zero-width and other format characters (ZWSP, ZWJ, soft hyphen, bidi marks, BOM…). */
const FORMAT = /\p{Cf}/gu;
/** What may stand between the digits of a disguised IIN: spaces and line breaks of any kind, punctuation, symbols and controls. */
const SEPARATORS = /(?<=[0-9])[\p{Z}\p{P}\p{S}\p{Cc}\s]+(?=[0-9])/gu;
/** Twelve ASCII digits in a row. */
const TWELVE = /[0-9]{12}/;

function decodeEscapes(text: string): string {
  return text.replace(ESCAPE, (whole, x: string | undefined, ub: string | undefined, u: string | undefined, hx: string | undefined, dec: string | undefined, pct: string | undefined) => {
    const code = x ?? ub ?? u ?? hx ?? pct;
    const n = code !== undefined ? parseInt(code, 16) : Number(dec);
    return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
  });
}

/** Every script's decimal digits as ASCII (each \p{Nd} block is ten consecutive code points, 0 first). */
function asciiDigits(text: string): string {
  return text.replace(ANY_DIGIT, (d) => {
    if (d >= '0' && d <= '9') return d;
    const cp = d.codePointAt(0)!;
    // Find the block's zero: the nearest code point at or below that is a digit whose predecessor is not.
    let zero = cp;
    while (zero > cp - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String((cp - zero) % 10);
  });
}

/**
 * The digit skeleton of a value (see the module comment): what an IIN check
 * reads. Exported for tests.
 */
export function digitSkeleton(text: string): string {
  // Decode twice: "\\x30" written as "&#92;x30" is still a zero.
  let s = decodeEscapes(decodeEscapes(text.normalize('NFKC'))).normalize('NFKC');
  s = asciiDigits(s.replace(FORMAT, ''));
  return s.replace(SEPARATORS, '');
}

/** Letters typed for digits: O for 0, l and I for 1 (Latin and Cyrillic). */
const DIGIT_LOOK_ALIKES = /[OoОо]|[lI|]/g;

/**
 * True when a value holds twelve digits in a row once its disguises are
 * removed (see {@link digitSkeleton}): also with letters typed for digits
 * (0l0l0l…) and with single letters standing between digits as separators
 * (010101x500123).
 */
export function looksLikeIin(text: string): boolean {
  // Fast path for the usual id or date: printable ASCII without escapes and fewer than 12 digit-like characters holds no IIN.
  if (PLAIN_ASCII.test(text) && (text.match(/[0-9OolI|]/g)?.length ?? 0) < 12) return false;
  if (TWELVE.test(digitSkeleton(text))) return true;
  // A date or time keeps its T and its digits: only what is not one is read loosely.
  if (ISO_DATE_TIME.test(text.trim())) return false;
  const loose = digitSkeleton(text.replace(DIGIT_LOOK_ALIKES, (c) => ('Oo' + 'Оо').includes(c) ? '0' : '1')).replace(/(?<=[0-9])\p{L}(?=[0-9])/gu, '');
  return TWELVE.test(loose);
}

/** Printable ASCII with no character that starts an escape. */
const PLAIN_ASCII = /^[\x20-\x24\x27-\x5b\x5d-\x7e]*$/;

// ---------------------------------------------------------------------------
// Name columns.

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

/** A header after NFKC, lower-cased, without format characters, spaces, underscores, dashes, dots and slashes. */
const normaliseName = (name: string): string =>
  name.normalize('NFKC').replace(FORMAT, '').toLocaleLowerCase('kk').replace(/[\s\p{Z}_\-.\u2010\u2011\u2013/\\]+/gu, '').replace(/ё/g, 'е');

/**
 * True for a column header that looks like a person's name (name, full_name,
 * ФИО, Аты-жөні, Тегі, child_name, имя ребёнка…), case, space, underscore and
 * dash insensitive. `known` are the log's own column names, never a name column.
 */
export function isNameColumn(header: string, known: readonly string[] = []): boolean {
  const n = normaliseName(header);
  if (!n || known.includes(n)) return false;
  return NAME_COLUMNS.has(n) || NAME_PARTS.some((p) => n.includes(p)) || NAME_PATTERNS.some((r) => r.test(n));
}

// ---------------------------------------------------------------------------
// Ids.

/**
 * A pseudonymous id, as `place` and `child` hold: 1 to 32 ASCII digits, `-`
 * and `_` with at most 4 letters, starting with a letter or digit, with at
 * least one digit (C-1001, P-07, KG3-0012). A name has more letters, even with
 * a digit added (ErlanAmetov2019); free text has spaces.
 */
export const PSEUDONYMOUS_ID = /^(?=[^0-9]*[0-9])(?!(?:[^A-Za-z]*[A-Za-z]){5})[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** A header or key shown in a message only when it is plainly a lower-case word: never a name, never a value. */
const isSafeName = (name: string): boolean => /^[a-z_]{1,40}$/.test(name);

// ---------------------------------------------------------------------------
// Diagnostics. No message repeats a value from the log.

/** "column "child"" for a known or plain column, "column 5" otherwise. */
export const columnLabel = (index: number, name: string | undefined): string =>
  name !== undefined && isSafeName(name) ? msg('privacy.column', { name }) : msg('privacy.column-n', { n: index + 1 });

/** "the value in column "child"", or "the value in column 5" (a label of its own: Kazakh words it in another case). */
export const columnValueLabel = (index: number, name: string | undefined): string =>
  name !== undefined && isSafeName(name) ? msg('privacy.value-in-column', { name }) : msg('privacy.value-in-column-n', { n: index + 1 });

/** An IIN-like value at `position`; `where` names its column or key, never its value. */
export function iinDiagnostic(file: string, position: Position, where: string): Diagnostic {
  return {
    file,
    position,
    severity: 'error',
    rule: 'privacy/iin',
    message: msg('privacy.iin', { where, why: msg('privacy.why'), pseudonym: msg('privacy.pseudonym') }),
  };
}

/** A column or key whose name says it holds people's names. */
export function nameColumnDiagnostic(file: string, position: Position, kind: 'column' | 'key', label: string): Diagnostic {
  return {
    file,
    position,
    severity: 'error',
    rule: 'privacy/full-name',
    message: msg(kind === 'column' ? 'privacy.names.column' : 'privacy.names.key', { label, why: msg('privacy.why'), pseudonym: msg('privacy.pseudonym') }),
  };
}
