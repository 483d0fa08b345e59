/**
 * A streaming CSV reader for referral logs: text is pushed in chunks and each
 * complete row comes out with the line and column of every field, so memory
 * holds one row at a time, whatever the size of the file.
 *
 * RFC 4180 as spreadsheets write it: quoted fields with "" for a quote and
 * line breaks inside; CRLF, LF or CR line ends; the delimiter is the most
 * frequent of `,` `;` and tab outside quotes on the first non-blank line (`,`
 * on a tie). csv-parse reports positions per record only, not per field,
 * hence this reader.
 */
import type { Position } from '../parse/diagnostic.js';
import { msg } from '../messages/index.js';

/** One field: its value (unquoted, "" unescaped, an unquoted field's surrounding spaces trimmed) and where it starts. */
export interface CsvCell {
  readonly value: string;
  /** True when the field was quoted (an empty quoted field is still a value given). */
  readonly quoted: boolean;
  /** Its opening quote, or its first non-space character. */
  readonly position: Position;
}

/** One row of fields. */
export interface CsvRecord {
  readonly cells: readonly CsvCell[];
  /** Where the row starts. */
  readonly position: Position;
  /** Just after its last character, before the line break: where a missing field would be. */
  readonly end: Position;
}

/** A CSV syntax error: the reader stops there. */
export interface CsvSyntaxError {
  readonly position: Position;
  readonly message: string;
}

/** Longest row read (a quote never closed would otherwise make the whole file one row in memory). */
export const MAX_ROW_CHARS = 1 << 20;

const INCOMPLETE = -1;

/** Push chunks with {@link CsvReader.push}, then call {@link CsvReader.end}; rows go to `onRow` as they complete. */
export class CsvReader {
  private buf = '';
  private pos = 0;
  /** Line number of `buf[pos]`'s line, and the offset in `buf` where that line starts (may be negative). */
  private line = 1;
  private lineStart = 0;
  private delimiter: string | undefined;
  /** The first syntax error; nothing is read after it. */
  error: CsvSyntaxError | undefined;

  constructor(private readonly onRow: (row: CsvRecord) => void) {}

  /** Reads as many complete rows as the text so far holds. */
  push(chunk: string): void {
    if (this.error) return;
    this.buf += chunk;
    this.drain(false);
    // Keep only the unread tail.
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.lineStart -= this.pos;
      this.pos = 0;
    }
    if (!this.error && this.buf.length > MAX_ROW_CHARS) {
      this.error = { position: { line: this.line, column: 1 - this.lineStart }, message: msg('csv.row-too-long', { max: MAX_ROW_CHARS }) };
    }
  }

  /** Reads the last row. */
  end(): void {
    if (this.error) return;
    this.drain(true);
  }

  private drain(final: boolean): void {
    if (this.delimiter === undefined) {
      const d = delimiterOf(this.buf, this.pos, final);
      if (d === undefined) return;
      this.delimiter = d;
    }
    while (this.pos < this.buf.length && !this.error) {
      if (this.readRow(final) === INCOMPLETE) return;
    }
  }

  /** Reads one row at `pos`; INCOMPLETE when more text is needed to finish it. */
  private readRow(final: boolean): number {
    const text = this.buf;
    const n = text.length;
    const delimiter = this.delimiter!;
    let line = this.line;
    let lineStart = this.lineStart;
    const at = (offset: number): Position => ({ line, column: offset - lineStart + 1 });
    const space = (c: string | undefined): boolean => (c === ' ' || c === '\t') && c !== delimiter;
    const cells: CsvCell[] = [];
    const rowPosition = at(this.pos);
    let i = this.pos;
    for (;;) {
      let j = i;
      while (space(text[j])) j++;
      if (text[j] === '"') {
        const open = j;
        const position = at(open);
        let value = '';
        let from = j + 1;
        j = from;
        for (;;) {
          if (j >= n) {
            if (!final) return INCOMPLETE;
            this.error = { position, message: msg('csv.quote-unclosed') };
            return 0;
          }
          const c = text[j];
          if (c === '"') {
            if (j + 1 >= n && !final) return INCOMPLETE;
            if (text[j + 1] === '"') {
              value += text.slice(from, j + 1);
              j += 2;
              from = j;
              continue;
            }
            break;
          }
          if (c === '\n' || c === '\r') {
            if (c === '\r' && j + 1 >= n && !final) return INCOMPLETE;
            if (c === '\r' && text[j + 1] === '\n') j++;
            line++;
            lineStart = j + 1;
          }
          j++;
        }
        value += text.slice(from, j);
        j++; // the closing quote
        while (space(text[j])) j++;
        if (j >= n && !final) return INCOMPLETE;
        if (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') {
          this.error = { position: at(j), message: msg('csv.after-quote') };
          return 0;
        }
        cells.push({ value, quoted: true, position });
      } else {
        let k = j;
        while (k < n && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
        if (k >= n && !final) return INCOMPLETE;
        cells.push({ value: text.slice(j, k).trimEnd(), quoted: false, position: at(j) });
        j = k;
      }
      if (text[j] === delimiter) {
        i = j + 1;
        continue;
      }
      const end = at(j);
      // The end of the row: a line break or the end of the text.
      if (text[j] === '\r') {
        if (j + 1 >= n && !final) return INCOMPLETE;
        j += text[j + 1] === '\n' ? 2 : 1;
      } else if (j < n) j++;
      this.pos = j;
      this.line = line + 1;
      this.lineStart = j;
      this.onRow({ cells, position: rowPosition, end });
      return j;
    }
  }
}

/**
 * The delimiter of the first non-blank line from `start` (the most frequent of
 * `,` `;` and tab outside quotes; `,` on a tie), or undefined when that line
 * is not complete yet.
 */
function delimiterOf(text: string, start: number, final: boolean): string | undefined {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  let seen = false;
  let complete = final;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (seen) {
        complete = true;
        break;
      }
    } else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
    if (c.trim() !== '') seen = true;
  }
  if (!complete) return undefined;
  let best = ',';
  for (const [d, k] of counts) if (k > counts.get(best)!) best = d;
  return best;
}
