/**
 * out/manifest.json: what the last build made of each record — its input
 * fingerprint, its outputs (size, modification time and SHA-256, to notice a
 * changed or deleted file without reading it) and its archive entry for the
 * index.
 *
 * While a build runs, each record's claim is appended to out/.manifest.journal
 * as it changes (see {@link ManifestJournal}); manifest.json is rewritten once
 * at the end and the journal then removed. Reading the manifest replays the
 * journal over it, so a killed build keeps every record it finished, and at
 * any instant the two together claim only output pairs that are on disk:
 * a record's claim is withdrawn before its files are replaced and made again
 * only after both are in place.
 *
 * The manifest is a file anyone can edit: every path in it is checked to stay
 * inside out/ (root.ts) before anything is read or deleted through it; an
 * entry that does not is refused, named, and dropped.
 */
import { constants } from 'node:fs';
import { lstat, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArchiveEntry } from './entry.js';
import type { Diagnostic } from '../parse/diagnostic.js';
import { writeOutputStreamed } from './output.js';
import { isRealDate } from '../util/dates.js';
import { confine, ConfinementError } from './root.js';
import { msg } from '../messages/index.js';

/** The manifest's file name in the output folder. */
export const MANIFEST_FILE = 'manifest.json';
/** The journal of claims made since manifest.json was last written, in the output folder. */
export const JOURNAL_FILE = '.manifest.journal';

/** One output as the build left it. */
export interface ManifestOutput {
  readonly size: number;
  readonly mtimeMs: number;
  /** SHA-256 of the bytes written (absent in manifests of older builds). */
  readonly sha256?: string;
}

/** One record as the last build left it. */
export interface ManifestRecord {
  /** Input fingerprint (see fingerprint.ts). */
  readonly input: string;
  readonly outputs: Partial<Record<'docx' | 'pdf', ManifestOutput>>;
  readonly entry: ArchiveEntry;
  /** Warnings found when it was built, shown again while it is unchanged. */
  readonly diagnostics?: readonly Diagnostic[];
  /** The language `diagnostics` are worded in: in another language they are found again. */
  readonly lang?: string;
}

/** The whole manifest, records by path relative to the records folder. */
export interface Manifest {
  readonly hattama: 1;
  readonly records: Record<string, ManifestRecord>;
}

/** A manifest as read: its records, and the entries refused (each named). */
export interface ReadManifest {
  readonly manifest: Manifest;
  readonly problems: readonly Diagnostic[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const FORMATS = ['docx', 'pdf'] as const;

const isText = (v: unknown): v is string => typeof v === 'string';

/**
 * True when an entry's fields have their types: the build orders, groups and
 * checks the archive by them, and the index publishes them (a hand-edited
 * manifest.json may hold anything).
 */
function entryFieldsTyped(e: Record<string, unknown>): boolean {
  return (
    (e['language'] === 'kk' || e['language'] === 'ru') &&
    isText(e['body']) &&
    isText(e['organisation']) &&
    isText(e['title']) &&
    Number.isInteger(e['number']) &&
    isText(e['date']) &&
    isRealDate(e['date']) &&
    e['year'] === Number(e['date'].slice(0, 4)) &&
    Array.isArray(e['agenda']) &&
    e['agenda'].every(isText) &&
    Number.isInteger(e['resolutions']) &&
    (e['resolutions'] as number) >= 0 &&
    (e['status'] === 'draft' || e['status'] === 'signed') &&
    (e['amends'] === undefined || isText(e['amends'])) &&
    (e['search'] === undefined || isObject(e['search']))
  );
}

/**
 * Why a claim cannot be used, or undefined when it can: its shape, and every
 * path in it (the record key and its outputs) must stay inside out/ without
 * passing through a symbolic link.
 */
function claimProblem(out: string, record: string, value: unknown, knownFolders: Set<string>): string | undefined {
  if (!isObject(value) || typeof value['input'] !== 'string' || !isObject(value['outputs']) || !isObject(value['entry'])) return msg('manifest.not-entry');
  const entry = value['entry'];
  if (!isObject(entry['outputs']) || entry['record'] !== record) return msg('manifest.entry-mismatch');
  if (!entryFieldsTyped(entry)) return msg('manifest.not-entry');
  if (!/\.ya?ml$/i.test(record)) return msg('manifest.not-record');
  const paths = entry['outputs'];
  for (const f of FORMATS) {
    const o = value['outputs'][f];
    const p = paths[f];
    if (o === undefined && p === undefined) continue;
    if (!isObject(o) || typeof o['size'] !== 'number' || typeof o['mtimeMs'] !== 'number' || typeof p !== 'string') return msg('manifest.output-malformed', { format: f });
    try {
      confine(out, p, { knownFolders });
    } catch (err) {
      if (!(err instanceof ConfinementError)) throw err;
      return msg('manifest.output-refused', { format: f, path: p, reason: err.message });
    }
  }
  try {
    // Outputs are named after the record: a record key escaping the folder is refused too.
    confine(out, record, { knownFolders });
  } catch (err) {
    if (!(err instanceof ConfinementError)) throw err;
    return msg('manifest.record-refused', { reason: err.message });
  }
  return undefined;
}

/**
 * Reads the manifest and replays the journal of a build that did not finish.
 * A missing or unreadable manifest (an older format, a hand edit) means
 * "rebuild everything"; a refused entry is dropped (its record is rebuilt)
 * and named in `problems`. Nothing outside out/ is touched.
 */
export async function readManifest(out: string): Promise<ReadManifest> {
  const file = join(out, MANIFEST_FILE);
  const problems: Diagnostic[] = [];
  const records: Record<string, ManifestRecord> = {};
  const knownFolders = new Set<string>();
  const refuse = (record: string, reason: string): void => {
    problems.push({ file, severity: 'error', rule: 'archive/confinement', message: msg('manifest.entry-refused', { record: JSON.stringify(record), reason }) });
  };
  const take = (record: string, value: unknown): void => {
    if (value === null) {
      delete records[record];
      return;
    }
    const problem = claimProblem(out, record, value, knownFolders);
    if (problem) {
      delete records[record];
      refuse(record, problem);
    } else records[record] = value as unknown as ManifestRecord;
  };
  const text = await readRegular(file);
  if (text !== undefined) {
    try {
      const m = JSON.parse(text) as unknown;
      if (isObject(m) && m['hattama'] === 1 && isObject(m['records'])) for (const [record, value] of Object.entries(m['records'])) take(record, value);
    } catch {
      // rebuild everything
    }
  }
  const journal = await readRegular(join(out, JOURNAL_FILE));
  for (const line of journal?.split('\n') ?? []) {
    let claim: unknown;
    try {
      claim = JSON.parse(line);
    } catch {
      continue; // a line cut short by a kill: its record is rebuilt
    }
    if (isObject(claim) && typeof claim['r'] === 'string' && 'm' in claim) take(claim['r'], claim['m']);
  }
  return { manifest: { hattama: 1, records }, problems };
}

/** A regular file's text; undefined when it is missing, not a regular file (a link, a folder) or unreadable. */
async function readRegular(file: string): Promise<string | undefined> {
  const s = await lstat(file).catch(() => undefined);
  if (!s?.isFile()) return undefined;
  return readFile(file, 'utf8').catch(() => undefined);
}

/**
 * The journal a build appends each record's claim to as it changes, so a
 * killed build's finished records are kept and no claim outlives its files.
 * Opened without following a link planted at its name.
 */
export class ManifestJournal {
  private constructor(
    private readonly file: string,
    private handle: FileHandle | undefined,
  ) {}

  /** Opens (creating) the journal in `out`, appending after what a killed build left. */
  static async open(out: string): Promise<ManifestJournal> {
    const file = join(out, JOURNAL_FILE);
    const s = await lstat(file).catch(() => undefined);
    if (s && !s.isFile()) await rm(file, { force: true, recursive: false });
    const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    return new ManifestJournal(file, handle);
  }

  /** Records a record's claim: its outputs as now on disk, or null to withdraw it. */
  async claim(record: string, value: ManifestRecord | null): Promise<void> {
    if (!this.handle) return;
    // One write per line: a kill leaves whole lines, and at most the last one cut short.
    await this.handle.write(`${JSON.stringify({ r: record, m: value })}\n`);
  }

  /** Closes the journal and removes it (after manifest.json holds everything it said). */
  async finish(): Promise<void> {
    await this.close();
    await rm(this.file, { force: true });
  }

  /** Closes the journal, keeping it (the build could not write manifest.json). */
  async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }
}

/**
 * Writes the manifest atomically (never through a link planted in out/), one
 * record at a time: `claimJson` is asked for each record's claim, as the JSON
 * text of a {@link ManifestRecord}, when its line is written, in the
 * manifest's order (the build's claims are kept as that text, claims.ts).
 */
export async function writeManifest(out: string, records: Iterable<string>, claimJson: (record: string) => string): Promise<void> {
  const sorted = [...records].sort((a, b) => a.localeCompare(b));
  // One record per line: readable, diffable, and never the whole text in memory at 10,000 records.
  function* pieces(): Generator<string> {
    yield '{"hattama":1,"records":{\n';
    for (let i = 0; i < sorted.length; i++) {
      const record = sorted[i]!;
      yield `${i ? ',\n' : ''}${JSON.stringify(record)}:${claimJson(record)}`;
    }
    yield '\n}}\n';
  }
  await writeOutputStreamed(join(out, MANIFEST_FILE), pieces(), { durable: false, root: out });
}
