/**
 * What `validate` (and the build) say about records marked `status: signed`,
 * seen against their archive: a signed record that is not in the seal ledger
 * yet ("signed but not sealed"), and a signed record whose protocol number
 * another record of the same body and numbering year already has — most
 * often a copy of signed minutes kept as the start of the next ones.
 *
 * Both are warnings at the record's `status` key. A sealed record gets
 * neither: it is evidence, and the copy is the one to change. Cost: one
 * ledger read per archive; the other records are read only when a signed,
 * unsealed record needs comparing, and then each is parsed only when a quick
 * look at its text cannot rule out its number.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Position } from '../parse/diagnostic.js';
import { keyPositionOf, parseSource, type SourceFile } from '../parse/source.js';
import { configFor } from '../config/load.js';
import { deepMerge } from '../style/load.js';
import { discoverRecords } from '../archive/discover.js';
import { numberingYear, type CheckedEntry } from '../archive/checks.js';
import { findArchiveRoot, isInside, RECORDS_DIR } from '../archive/root.js';
import { ledgerFile, readLedger } from '../archive/seal.js';
import type { RuleOptions } from './rules.js';
import { msg } from '../messages/index.js';

/** Rule id: a signed record that is not in the ledger. */
export const NOT_SEALED_RULE = 'archive/not-sealed';
/** Rule id: a signed record sharing its protocol number (same body and numbering year) with another record. */
export const SIGNED_DUPLICATE_RULE = 'archive/duplicate-number';

/** A record that validated, with what the archive checks need of it. */
export interface SignedCandidate {
  /** The record file as the user names it (for diagnostics). */
  readonly file: string;
  /** The parsed record, for the `status` key's position. */
  readonly source: SourceFile | undefined;
  readonly status: 'draft' | 'signed';
  readonly body: string;
  readonly number: number;
  /** ISO date. */
  readonly date: string;
  readonly rules: Pick<RuleOptions, 'numbering' | 'school_year_starts'>;
}

/** One archive's records folder, its ledger, and (read when first needed) its records. */
interface ArchiveView {
  readonly recordsDir: string;
  readonly sealed: ReadonlySet<string>;
  others?: Promise<ArchiveRecord[]>;
}

/** A record of the archive, read lazily: its text first, its body and numbering year only when its number may match. */
interface ArchiveRecord {
  /** Path relative to the records folder, "/" separators. */
  readonly rel: string;
  readonly path: string;
  /** The file as printed: relative to the current folder when inside it. */
  readonly file: string;
  /** The number on a `number:` line of its own; undefined when there is none (then it is parsed). */
  readonly quickNumber: number | undefined;
  readonly text: string | undefined;
  facts?: { readonly body: unknown; readonly number: unknown; readonly year: string | undefined };
}

/** `number: 7` at the start of a line (block style, as records are written). */
const NUMBER_LINE = /^number:[ \t]*["']?(\d+)["']?[ \t]*(?:#.*)?\r?$/m;

/** The warning for a signed record missing from the ledger, at its `status` key. */
function notSealedWarning(file: string, position: Position | undefined): Diagnostic {
  return { file, ...(position && { position }), severity: 'warning', rule: NOT_SEALED_RULE, message: msg('root.not-sealed') };
}

/**
 * The build's `archive/not-sealed` warnings: every signed record of the
 * archive that the ledger does not hold (the ledger's records, `sealed`).
 * Records are parsed again only for the position of those warned about.
 */
export function unsealedSignedWarnings(entries: readonly CheckedEntry[], sealed: ReadonlySet<string>): Diagnostic[] {
  return entries
    .filter((e) => e.entry.status === 'signed' && !sealed.has(e.entry.record))
    .map((e) => {
      let position: Position | undefined;
      try {
        position = keyPositionOf(parseSource(e.file, readFileSync(e.file, 'utf8')), ['status']);
      } catch {
        position = undefined; // gone since it was built: the warning names the file alone
      }
      return notSealedWarning(e.file, position);
    });
}

/** Path relative to `dir` with "/" separators. */
const relPath = (dir: string, file: string): string => relative(dir, file).split(sep).join('/');

/**
 * The warnings for `records` (records that validated): `archive/not-sealed`
 * for each signed record missing from its archive's ledger, and
 * `archive/duplicate-number` for each signed, unsealed record whose number
 * another record of its body and numbering year has. Records outside an
 * archive's `meetings/` are not part of one and get neither.
 */
export async function signedRecordWarnings(records: readonly SignedCandidate[]): Promise<Diagnostic[]> {
  return signedRecordChecker()(records);
}

/**
 * {@link signedRecordWarnings} for callers that check records one at a time
 * (seal): the ledger and the archive's records are read once per checker.
 */
export function signedRecordChecker(): (records: readonly SignedCandidate[]) => Promise<Diagnostic[]> {
  const archives = new Map<string, ArchiveView>();
  return (records) => checkSigned(records, archives);
}

async function checkSigned(records: readonly SignedCandidate[], archives: Map<string, ArchiveView>): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const r of records) {
    if (r.status !== 'signed') continue;
    const full = resolve(r.file);
    const root = findArchiveRoot(dirname(full));
    if (root === undefined) continue;
    const recordsDir = join(root, RECORDS_DIR);
    if (!isInside(recordsDir, full) || full === recordsDir) continue;
    let archive = archives.get(recordsDir);
    if (!archive) {
      // One ledger read per archive per run.
      archive = { recordsDir, sealed: readLedger(ledgerFile(recordsDir)).sealed };
      archives.set(recordsDir, archive);
    }
    const rel = relPath(recordsDir, full);
    if (archive.sealed.has(rel)) continue;
    const position = r.source ? keyPositionOf(r.source, ['status']) : undefined;
    const warn = (rule: string, message: string): void => {
      out.push({ file: r.file, ...(position && { position }), severity: 'warning', rule, message });
    };
    out.push(notSealedWarning(r.file, position));
    archive.others ??= archiveRecords(recordsDir);
    const year = numberingYear(r.date, r.rules.numbering, r.rules.school_year_starts);
    const same = (await archive.others).filter((o) => {
      if (o.rel === rel || o.text === undefined || (o.quickNumber !== undefined && o.quickNumber !== r.number)) return false;
      o.facts ??= factsOf(o.path, o.text);
      return o.facts.number === r.number && o.facts.body === r.body && o.facts.year === year;
    });
    if (same.length) {
      warn(SIGNED_DUPLICATE_RULE, msg('root.signed-duplicate', { body: r.body, year, number: r.number, other: same.map((o) => o.file).join(', ') }));
    }
  }
  return out;
}

/** Every record of an archive, its text read (undefined when it cannot be), nothing parsed yet. */
async function archiveRecords(recordsDir: string): Promise<ArchiveRecord[]> {
  const { records } = await discoverRecords(recordsDir);
  const cwd = process.cwd();
  return records.map((rel) => {
    const path = join(recordsDir, rel);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined; // unreadable: validate and build report it; it matches nothing here
    }
    const quick = text === undefined ? null : NUMBER_LINE.exec(text);
    return { rel, path, file: isInside(cwd, path) ? relative(cwd, path) : path, text, quickNumber: quick ? Number(quick[1]) : undefined };
  });
}

/** Body, number and numbering year of a record (with its hattama.yaml defaults); undefined where they cannot be read. */
function factsOf(path: string, text: string): NonNullable<ArchiveRecord['facts']> {
  const none = { body: undefined, number: undefined, year: undefined };
  try {
    const { config } = configFor(dirname(path));
    const value = parseSource(path, text).value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return none;
    const merged = deepMerge(config.defaults, value) as { body?: unknown; number?: unknown; date?: unknown };
    const date = typeof merged.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(merged.date) ? merged.date : undefined;
    return {
      body: merged.body,
      number: merged.number,
      year: date === undefined ? undefined : numberingYear(date, config.rules.numbering, config.rules.school_year_starts),
    };
  } catch {
    return none; // a record hattama cannot even parse matches nothing; validate reports it
  }
}
