/**
 * The columns of a referral log (see `log.ts` for what each holds), and the
 * messages about them. A message names a column, never repeats a header the
 * log wrote unless it is plainly a lower-case word.
 */
import { msg } from '../messages/index.js';
import { closest } from '../util/suggest.js';

/** The columns a log may have, in their usual order. */
export const LOG_COLUMNS = ['place', 'offered', 'category', 'child', 'taken', 'lapsed'] as const;

/** One column of a log. */
export type LogColumn = (typeof LOG_COLUMNS)[number];

/** Columns every event must have. */
export const REQUIRED_COLUMNS: readonly LogColumn[] = ['place', 'offered', 'category', 'child'];

/** Columns holding a date. */
export const DATE_COLUMNS: readonly LogColumn[] = ['offered', 'taken', 'lapsed'];

/** The `category` of a child in the general queue (not a privileged category). */
export const GENERAL_QUEUE = 'general';

/** The column a header names, if any (case and surrounding space ignored). */
export const columnOf = (header: string): LogColumn | undefined => (LOG_COLUMNS as readonly string[]).find((c) => c === header.trim().toLowerCase()) as LogColumn | undefined;

/**
 * "unknown column 3 (header row)" (or "unknown key"): a header is never
 * repeated, as even a plain lower-case one can be a name ("ametov"); the
 * did-you-mean only ever names a known column.
 */
export function unknownColumnMessage(header: string, kind: 'column' | 'key', index?: number): string {
  const trimmed = header.trim();
  const hint = closest(trimmed.toLowerCase(), LOG_COLUMNS);
  const what = kind === 'column' ? msg('log.unknown-column', { column: (index ?? 0) + 1 }) : msg('log.unknown-key');
  return hint ? msg('log.unknown.hint', { what, hint }) : msg('log.unknown.list', { what, columns: LOG_COLUMNS.join(', ') });
}
