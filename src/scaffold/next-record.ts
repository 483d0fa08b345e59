/**
 * The next record of a body (`hattama new`): its protocol number under the
 * archive's numbering rule, and its people from hattama.yaml `bodies:` or the
 * body's last meeting, as a draft to fill in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { discoverRecords } from '../archive/discover.js';
import { numberingYear } from '../archive/checks.js';
import { RECORDS_DIR } from '../archive/root.js';
import type { Config } from '../config/load.js';
import type { BodyKind, Language, PersonInput } from '../model/record.js';
import { placeholders, scaffoldText, schemaDirFor } from './templates.js';

/** What is known of one record already in the archive (read leniently: a broken record is skipped). */
interface Known {
  readonly file: string;
  readonly body: string;
  readonly number: number;
  readonly date: string;
  readonly language?: Language;
  readonly organisation?: unknown;
  readonly chair?: unknown;
  readonly secretary?: unknown;
  readonly attendance?: Record<string, unknown>;
}

/** The next record, ready to write. */
export interface PlannedRecord {
  /** Absolute path of the file to write. */
  readonly file: string;
  /** The same, relative to the archive root, "/" separated. */
  readonly relative: string;
  readonly number: number;
  /** The numbering year it counts in ("2025", or "2025–2026"). */
  readonly year: string;
  readonly text: string;
  /** Records that could not be read for their number (relative to the root). */
  readonly unreadable: readonly string[];
  /**
   * The body's latest record in the same numbering year when it is dated after
   * this one (relative to the root): protocol numbers follow the order of the
   * meetings, so that record and any between are to be renumbered.
   */
  readonly laterRecord?: string;
}

/** What a new record is made of; every value already YAML-ready data. */
export interface RecordValues {
  readonly language: Language;
  readonly organisation: unknown;
  readonly body: BodyKind;
  readonly number: number;
  readonly date: string;
  readonly attendance: unknown;
  readonly chair: unknown;
  readonly secretary: unknown;
}

/** The record's file name, as the seed's: `2025-12-25-board-of-trustees-02.yaml`. */
export const recordFileName = (date: string, body: string, number: number): string => `${date}-${body}-${String(number).padStart(2, '0')}.yaml`;

/** A record's text from the scaffold template, for a file at `file` in the archive at `root`. */
export function recordText(values: RecordValues, root: string, file: string): string {
  const schemaDir = join(root, ...schemaDirFor(root).split('/'));
  const schema = relative(dirname(file), join(schemaDir, 'meeting.schema.json')).split(sep).join('/');
  return scaffoldText('record.yaml.tmpl', {
    ...values,
    schema,
    file: relative(root, file).split(sep).join('/'),
    agenda_title: placeholders(values.language).agenda_title,
  });
}

/** The attendance of a new record: the body's members when known, else the last meeting's head-count. */
export function attendanceFor(members: number | readonly PersonInput[] | undefined, last: Record<string, unknown> | undefined, lang: Language): unknown {
  if (Array.isArray(members)) return { members: members.length, people: members };
  if (typeof members === 'number') {
    const present = typeof last?.['present'] === 'number' ? last['present'] : members;
    return { members, present };
  }
  if (last) {
    // People and counts carry over; who was absent or invited is this meeting's own.
    const kept = Object.fromEntries(Object.entries(last).filter(([k]) => ['members', 'present', 'people', 'groups'].includes(k)));
    if (Object.keys(kept).length) return kept;
  }
  return { people: [placeholders(lang).member] };
}

async function knownRecords(root: string): Promise<{ known: Known[]; unreadable: string[] }> {
  const dir = join(root, RECORDS_DIR);
  if (!existsSync(dir)) return { known: [], unreadable: [] };
  const { records } = await discoverRecords(dir);
  const known: Known[] = [];
  const unreadable: string[] = [];
  for (const r of records) {
    const file = join(dir, r);
    let value: unknown;
    try {
      value = parse(readFileSync(file, 'utf8'));
    } catch {
      value = undefined;
    }
    const v = (value ?? {}) as Record<string, unknown>;
    if (typeof v['body'] !== 'string' || !Number.isInteger(v['number']) || typeof v['date'] !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v['date'])) {
      unreadable.push(`${RECORDS_DIR}/${r}`);
      continue;
    }
    known.push({
      file: `${RECORDS_DIR}/${r}`,
      body: v['body'],
      number: v['number'] as number,
      date: v['date'],
      ...((v['language'] === 'kk' || v['language'] === 'ru') && { language: v['language'] }),
      organisation: v['organisation'],
      chair: v['chair'],
      secretary: v['secretary'],
      ...(typeof v['attendance'] === 'object' && v['attendance'] !== null && { attendance: v['attendance'] as Record<string, unknown> }),
    });
  }
  return { known, unreadable };
}

/**
 * Plans the next record of `body` dated `date` in the archive at `root`,
 * configured by `config` (the configuration of the folder it goes to).
 */
export async function planNextRecord(root: string, body: BodyKind, date: string, config: Config): Promise<PlannedRecord> {
  const { known, unreadable } = await knownRecords(root);
  const { numbering, school_year_starts: starts } = config.rules;
  const year = numberingYear(date, numbering, starts);
  const same = known.filter((k) => k.body === body);
  const sameYear = same.filter((k) => numberingYear(k.date, numbering, starts) === year);
  const number = Math.max(0, ...sameYear.map((k) => k.number)) + 1;
  const later = sameYear.filter((k) => k.date > date).sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number).at(-1);
  // The body's last meeting before this one (or the latest of all, for a record dated earlier).
  const byTime = [...same].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number);
  const last = byTime.filter((k) => k.date <= date).at(-1) ?? byTime.at(-1);

  const language: Language = last?.language ?? 'kk';
  const ph = placeholders(language);
  const configured = config.bodies[body];
  const name = config.organisation?.name[language];
  const lastOrg = last?.organisation as { name?: unknown } | undefined;
  // The last record's organisation keeps its other fields (settlement, name_locative) when its name is the one configured.
  const organisation = name === undefined ? (lastOrg ?? { name: ph.organisation }) : lastOrg?.name === name ? lastOrg : { name };

  const file = join(root, RECORDS_DIR, date.slice(0, 4), recordFileName(date, body, number));
  const values: RecordValues = {
    language,
    organisation,
    body,
    number,
    date,
    attendance: attendanceFor(configured?.members, last?.attendance, language),
    chair: configured?.chair ?? last?.chair ?? ph.chair,
    secretary: configured?.secretary ?? last?.secretary ?? ph.secretary,
  };
  return { file, relative: relative(root, file).split(sep).join('/'), number, year, text: recordText(values, root, file), unreadable, ...(later && { laterRecord: later.file }) };
}
