/**
 * Checks across the whole archive, each reported at the record concerned:
 * protocol numbers per body and year run 1, 2, 3… without gaps or duplicates,
 * and dates rise with numbers. (Two records mapping to one output file are
 * caught before rendering: see {@link outputClashes}.)
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic, Position } from '../parse/diagnostic.js';
import { parseSource, positionOf } from '../parse/source.js';
import type { ArchiveEntry } from './entry.js';
import { recordBase } from './discover.js';
import type { RuleOptions } from '../validate/rules.js';
import { msg } from '../messages/index.js';

/** An archive entry and where its record file is. */
export interface CheckedEntry {
  readonly entry: Pick<ArchiveEntry, 'record' | 'body' | 'date' | 'number' | 'status'>;
  /** The record file as the user names it (for diagnostics). */
  readonly file: string;
  readonly numbering: RuleOptions['numbering'];
  /** The month a school year starts in (school-year numbering); 9 when not given. */
  readonly schoolYearStarts?: number;
}

/** The numbering year of a date: "2025", or "2025–2026" for school years (from the 1st of `startMonth`, September by default). */
export function numberingYear(date: string, numbering: RuleOptions['numbering'], startMonth = 9): string {
  const year = Number(date.slice(0, 4));
  if (numbering === 'calendar-year') return String(year);
  const start = Number(date.slice(5, 7)) >= startMonth ? year : year - 1;
  return `${start}–${start + 1}`;
}

/** Runs the archive checks. Positions are looked up only for records with a problem. */
export function archiveChecks(entries: readonly CheckedEntry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const positions = new Map<string, ReturnType<typeof parseSource>>();
  const at = (e: CheckedEntry, key: 'number' | 'date' | undefined, severity: Diagnostic['severity'], rule: string, message: string): void => {
    let position: Position | undefined;
    if (key) {
      let source = positions.get(e.file);
      if (!source) {
        source = parseSource(e.file, readFileSync(e.file, 'utf8'));
        positions.set(e.file, source);
      }
      position = positionOf(source, [key]);
    }
    out.push({ file: e.file, ...(position && { position }), severity, rule, message });
  };

  // Sequences per body and numbering year.
  const groups = new Map<string, CheckedEntry[]>();
  for (const e of entries) {
    const key = `${e.entry.body}\0${numberingYear(e.entry.date, e.numbering, e.schoolYearStarts)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const [key, group] of groups) {
    const [body, year] = key.split('\0') as [string, string];
    const sorted = [...group].sort((a, b) => a.entry.number - b.entry.number || a.entry.record.localeCompare(b.entry.record));
    let expected = 1;
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i]!;
      const prev = sorted[i - 1];
      if (prev && prev.entry.number === e.entry.number) {
        for (const x of [prev, e]) {
          const other = x === e ? prev : e;
          at(x, 'number', 'error', 'archive/duplicate-number', msg('archive.duplicate-number', { body, year, number: e.entry.number, other: other.file }));
        }
        continue;
      }
      if (e.entry.number > expected) {
        const missing = e.entry.number - expected === 1 ? msg('archive.gap.one', { number: expected }) : msg('archive.gap.range', { from: expected, to: e.entry.number - 1 });
        at(e, 'number', 'warning', 'archive/number-gap', prev ? msg('archive.gap', { body, year, number: e.entry.number, previous: prev.entry.number, missing }) : msg('archive.gap.first', { body, year, number: e.entry.number, missing }));
      }
      expected = e.entry.number + 1;
      if (prev && e.entry.date < prev.entry.date) {
        at(e, 'date', 'warning', 'archive/date-order', msg('archive.date-order', { body, year, number: e.entry.number, date: e.entry.date, previous: prev.entry.number, previousDate: prev.entry.date, previousFile: prev.file }));
      }
    }
  }

  return out;
}

/**
 * Records that would be written to the same output files (x.yaml and x.yml in
 * one folder, or names differing only in case, which clash on Windows and
 * macOS): each clashing record with the others it clashes with.
 */
export function outputClashes(records: readonly string[]): Map<string, string[]> {
  const byBase = new Map<string, string[]>();
  for (const r of records) {
    const base = recordBase(r).toLowerCase();
    byBase.set(base, [...(byBase.get(base) ?? []), r]);
  }
  const clashes = new Map<string, string[]>();
  for (const list of byBase.values()) if (list.length > 1) for (const r of list) clashes.set(r, list.filter((x) => x !== r));
  return clashes;
}
