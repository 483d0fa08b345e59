/**
 * The seal: a tamper-evident ledger of signed minutes.
 *
 * `meetings/seals.jsonl` is committed beside the records, one JSON object a
 * line, only ever appended to. Each entry holds the SHA-256 of one signed
 * record and of each of its outputs, and is chained to the entry before it:
 *
 * ```json
 * {"seq":1,"record":"2025/x.yaml","recordSha256":"…","outputs":{"docx":{"path":"2025/x.docx","sha256":"…"},"pdf":{…}},"sealedAt":"2025-12-26T09:00:00.000Z","prev":"000…0","hash":"…"}
 * ```
 *
 * - `prev` is the `hash` of the entry before (64 zeros for the first);
 * - `hash` is the SHA-256 of the UTF-8 of the entry without `hash`, as compact
 *   JSON with the keys in the order above (outputs: docx, then pdf; each
 *   path, then sha256). Lines are written in that order, so an auditor without
 *   hattama can check an entry with `jq -cj 'del(.hash)' | sha256sum`;
 * - `recordSha256` is the SHA-256 of the record file with CRLF line ends read
 *   as LF (a Windows checkout with `core.autocrlf` changes line ends, not the
 *   record; for an LF file it equals `sha256sum`), output hashes are of the
 *   exact bytes.
 *
 * Each line is read strictly (ledger.ts: no duplicate or unknown keys, every
 * field typed) and must be exactly as `hattama seal` writes it.
 *
 * A changed, removed, inserted or reordered entry breaks the chain and is
 * reported at its line. Removing the *last* entries, or rewriting entries and
 * recomputing every hash after them, leaves a chain that is still whole: only
 * an anchor outside the ledger shows it — its git history
 * (ledger-history.ts) or a head published earlier (ledger-head.ts:
 * out/ledger-head.json, `hattama verify --head`, `ledger.head` in
 * hattama.yaml).
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic, Severity } from '../parse/diagnostic.js';
import { positionOf, type SourceFile } from '../parse/source.js';
import { writeOutputs } from './output.js';
import { msg } from '../messages/index.js';
import { readEntryLine, SEALED_FORMATS, type SealedFile, type SealedFormat, type SealEntry } from './ledger.js';

/** The ledger's file name, in the records folder. */
export const LEDGER_FILE = 'seals.jsonl';

/** `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

/**
 * The folder beside the ledger that keeps the sealed DOCX and PDF themselves
 * (committed with the records). Signed minutes are evidence: the build
 * publishes these copies rather than rendering sealed records again, so a
 * later hattama, template or font never changes minutes already signed.
 */
export const SEALED_DIR = 'sealed';

/** Where the sealed copy of an output is kept: `<records>/sealed/<path>`. */
export const sealedCopyPath = (recordsDir: string, outputPath: string): string => join(recordsDir, SEALED_DIR, outputPath);

export { SEALED_FORMATS, type SealedFormat, type SealedFile, type SealEntry } from './ledger.js';

/** An entry with the ledger line it is on (1-based). */
export interface LedgerLine {
  readonly line: number;
  readonly entry: SealEntry;
  /** False when the entry's hash does not match its contents: nothing in it can be trusted. */
  readonly intact: boolean;
}

/** A ledger as read and checked. Problems are diagnostics, never exceptions. */
export interface Ledger {
  /** The ledger file, as given. */
  readonly file: string;
  /** The text as read ('' when there is no ledger yet); appending keeps it byte for byte. */
  readonly text: string;
  /** Every entry that could be parsed, in file order. */
  readonly entries: readonly LedgerLine[];
  /** Records with an entry (paths relative to the records folder). */
  readonly sealed: ReadonlySet<string>;
  /**
   * The hash of the last entry ({@link GENESIS} when empty). Publish it outside
   * the repository: the ledger alone cannot show that its last entries were
   * removed, a published head can.
   */
  readonly head: string;
  /** Problems with the ledger itself (a line not read, a broken chain), at `file:line:column`. */
  readonly diagnostics: readonly Diagnostic[];
  /** The entry sealing a record (relative to the records folder), if any. */
  entryFor(record: string): SealEntry | undefined;
  /** The entry sealing a record, with its line. */
  lineFor(record: string): LedgerLine | undefined;
}

/** SHA-256 of bytes or a string (UTF-8), lowercase hex. */
export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * SHA-256 of a file's bytes, streamed, lowercase hex.
 * @throws the file system's error (ENOENT, EISDIR, …)
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Bytes with every CR LF pair read as LF. */
export function lfBytes(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(0x0d)) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) continue;
    out[n++] = bytes[i]!;
  }
  return out.subarray(0, n);
}

/**
 * The hash a record is sealed by: SHA-256 of its bytes with CRLF read as LF,
 * so a Windows checkout (git `core.autocrlf`) verifies like the repository.
 * Any other change, down to one byte, changes it.
 * @throws the file system's error (ENOENT, EISDIR, …)
 */
export async function sha256Record(path: string): Promise<string> {
  return sha256(lfBytes(await readFile(path)));
}

/** The entry without `hash` as compact JSON, keys in their fixed order: what `hash` is computed over. */
export function canonicalEntry(e: Omit<SealEntry, 'hash'>): string {
  const outputs: Partial<Record<SealedFormat, SealedFile>> = {};
  for (const f of SEALED_FORMATS) {
    const o = e.outputs[f];
    if (o) outputs[f] = { path: o.path, sha256: o.sha256 };
  }
  return JSON.stringify({ seq: e.seq, record: e.record, recordSha256: e.recordSha256, outputs, sealedAt: e.sealedAt, prev: e.prev });
}

/** The hash an entry must carry. */
export const entryHash = (e: Omit<SealEntry, 'hash'>): string => sha256(canonicalEntry(e));

/** An entry's ledger line (no line end): the canonical JSON with `hash` last. */
export const entryLine = (e: SealEntry): string => `${canonicalEntry(e).slice(0, -1)},"hash":${JSON.stringify(e.hash)}}`;

/** What is sealed about one record. */
export interface SealContent {
  readonly record: string;
  readonly recordSha256: string;
  readonly outputs: SealEntry['outputs'];
  readonly sealedAt: string;
}

/** A new entry chained after `after` (the last entry, or undefined for the first). */
export function makeEntry(content: SealContent, after: Pick<SealEntry, 'seq' | 'hash'> | undefined): SealEntry {
  const body = { seq: (after?.seq ?? 0) + 1, ...content, prev: after?.hash ?? GENESIS };
  return { ...body, hash: entryHash(body) };
}

const short = (hash: string): string => hash.slice(0, 12);

/**
 * Parses and chain-checks a ledger's text. Each problem is reported once, at
 * the line where the chain breaks, and says what probably happened.
 */
export function parseLedger(file: string, text: string): Ledger {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, rule: string, message: string, severity: Severity = 'error', column = 1): void => {
    diagnostics.push({ file, position: { line, column }, severity, rule, message });
  };
  // Pass 1: every line that parses, so a link can be traced to wherever its target went.
  const parsed: ({ line: number; entry: SealEntry } | { line: number; broken: true })[] = [];
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const json = raw.replace(/\r$/, '');
    if (json.trim() === '') return;
    const read = readEntryLine(json);
    if ('problem' in read) {
      const { column, rule, message } = read.problem;
      at(line, rule, msg('ledger.restore-line', { problem: message, file }), 'error', column);
      parsed.push({ line, broken: true });
      return;
    }
    // Exactly as hattama seal writes it: what an auditor hashes with jq is then what hattama hashed.
    const canonical = entryLine(read.entry);
    if (json !== canonical) {
      let c = 0;
      while (c < json.length && json[c] === canonical[c]) c++;
      at(line, 'seal/ledger-form', msg('ledger.form'), 'error', c + 1);
      parsed.push({ line, broken: true });
      return;
    }
    parsed.push({ line, entry: read.entry });
  });

  const lineOfHash = new Map<string, { line: number; seq: number }>();
  for (const p of parsed) if ('entry' in p && !lineOfHash.has(p.entry.hash)) lineOfHash.set(p.entry.hash, { line: p.line, seq: p.entry.seq });

  // Pass 2: each entry's own hash, then its link to the line before.
  const entries: LedgerLine[] = [];
  const byRecord = new Map<string, LedgerLine>();
  const seqLine = new Map<number, number>();
  let before: { line: number; entry: SealEntry } | undefined;
  let afterBroken = false;
  for (const p of parsed) {
    if (!('entry' in p)) {
      afterBroken = true;
      continue;
    }
    const { line, entry: e } = p;
    const intact = entryHash(e) === e.hash;
    if (!intact) {
      at(line, 'seal/entry-changed', msg('ledger.entry-changed', { seq: e.seq }));
    }
    const expectedSeq = before ? before.entry.seq + 1 : 1;
    const expectedPrev = before ? before.entry.hash : GENESIS;
    const twin = seqLine.get(e.seq);
    if (twin !== undefined) {
      at(line, 'seal/chain', msg('ledger.chain.twice', { seq: e.seq, line: twin }));
    } else if (afterBroken) {
      // The line before is unreadable and already reported; this link cannot be judged.
    } else if (e.seq !== expectedSeq || e.prev !== expectedPrev) {
      const target = e.prev === GENESIS ? undefined : lineOfHash.get(e.prev);
      const follows = before ? msg('ledger.chain.follows', { seq: before.entry.seq, line: before.line }) : msg('ledger.chain.first-line');
      let message: string;
      if (e.prev === GENESIS && e.seq === 1) {
        message = msg('ledger.chain.first-moved', { follows });
      } else if (target && target.line !== before?.line) {
        message = msg('ledger.chain.reordered', { seq: e.seq, target: target.seq, line: target.line, follows });
      } else if (e.prev === expectedPrev) {
        message = msg('ledger.chain.seq-edited', { seq: e.seq, expected: expectedSeq });
      } else if (!target && e.seq > expectedSeq) {
        message = msg(expectedSeq === e.seq - 1 ? 'ledger.chain.removed-one' : 'ledger.chain.removed', { from: expectedSeq, to: e.seq - 1 });
      } else if (!target && before) {
        message = msg('ledger.chain.broken', { seq: e.seq, before: before.entry.seq, line: before.line, expected: short(expectedPrev), found: short(e.prev) });
      } else {
        message = msg('ledger.chain.no-start', { seq: e.seq, found: short(e.prev) });
      }
      at(line, 'seal/chain', message);
    }
    afterBroken = false;
    seqLine.set(e.seq, line);
    const located: LedgerLine = { line, entry: e, intact };
    const first = byRecord.get(e.record);
    if (first) {
      at(line, 'seal/duplicate', `${e.record} is already sealed by entry ${first.entry.seq} (line ${first.line}); a record is sealed once — a correction is a new record with "amends: ${e.record}"`);
    } else byRecord.set(e.record, located);
    entries.push(located);
    before = { line, entry: e };
  }

  const head = before?.entry.hash ?? GENESIS;
  return {
    file,
    text,
    entries,
    sealed: new Set(byRecord.keys()),
    head,
    diagnostics,
    entryFor: (record) => byRecord.get(normaliseRecord(record))?.entry,
    lineFor: (record) => byRecord.get(normaliseRecord(record)),
  };
}

const normaliseRecord = (record: string): string => record.split('\\').join('/');

/**
 * Reads and chain-checks a ledger. A missing ledger is an empty one; an
 * unreadable one is an empty ledger with an error.
 */
export function readLedger(file: string): Ledger {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return parseLedger(file, '');
    const reason = e.code === 'EISDIR' ? msg('ledger.read.folder') : e.message;
    return { ...parseLedger(file, ''), diagnostics: [{ file, severity: 'error', rule: 'seal/ledger-read', message: msg('ledger.read', { reason }) }] };
  }
  return parseLedger(file, text);
}

/** The ledger of a records folder. */
export const ledgerFile = (recordsDir: string): string => join(recordsDir, LEDGER_FILE);

/** The ledger changed on disk between reading and writing it (another `hattama seal` ran). */
export class LedgerChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while sealing (another hattama seal?); nothing was appended: run hattama seal again`);
    this.name = 'LedgerChangedError';
  }
}

/**
 * Appends entries to the ledger as read: the existing text is kept byte for
 * byte (and its line ends), the file replaced atomically (temporary file, then
 * rename), so an interrupted seal leaves the old ledger whole.
 * @throws LedgerChangedError if the file no longer holds `ledger.text`
 * @throws WriteError if it cannot be written
 */
export async function appendToLedger(ledger: Ledger, entries: readonly SealEntry[]): Promise<void> {
  if (!entries.length) return;
  const now = await readFile(ledger.file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? '' : Promise.reject(err)));
  if (now !== ledger.text) throw new LedgerChangedError(ledger.file);
  const eol = ledger.text.includes('\r\n') ? '\r\n' : '\n';
  const head = ledger.text === '' || /\n$/.test(ledger.text) ? ledger.text : ledger.text + eol;
  const text = head + entries.map((e) => entryLine(e) + eol).join('');
  await writeOutputs(new Map([[ledger.file, new TextEncoder().encode(text)]]));
}

/** Where an entry is, for messages: "entry 3 of meetings/seals.jsonl, line 3". */
export const entryRef = (ledger: Pick<Ledger, 'file'>, l: LedgerLine): string => msg('ledger.entry-ref', { seq: l.entry.seq, file: ledger.file, line: l.line });

/**
 * Checks one sealed record and its outputs against their entry: the record
 * under `recordsDir`, the outputs under `outDir` (skipped when undefined).
 * Each problem is reported at the file concerned.
 */
export async function checkSealedFiles(ledger: Pick<Ledger, 'file'>, l: LedgerLine, recordsDir: string, outDir: string | undefined): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const { entry } = l;
  const ref = entryRef(ledger, l);
  const recordFile = join(recordsDir, entry.record);
  const recordHash = await sha256Record(recordFile).catch((err: NodeJS.ErrnoException) => err);
  if (recordHash instanceof Error) {
    const gone = recordHash.code === 'ENOENT';
    out.push({
      file: recordFile,
      severity: 'error',
      rule: gone ? 'seal/record-removed' : 'seal/record-read',
      message: gone
        ? msg('ledger.record-removed', { ref })
        : msg('ledger.record-unreadable', { ref, detail: recordHash.message }),
    });
  } else if (recordHash !== entry.recordSha256) {
    out.push({
      file: recordFile,
      severity: 'error',
      rule: 'seal/record-changed',
      message: msg('ledger.record-changed', { ref, found: short(recordHash), sealed: short(entry.recordSha256), record: entry.record }),
    });
  }
  const places = [
    { dir: join(recordsDir, SEALED_DIR), missing: msg('ledger.copy-missing', { dir: join(recordsDir, SEALED_DIR) }) },
    ...(outDir === undefined ? [] : [{ dir: outDir, missing: msg('ledger.output-missing', { record: entry.record, ref }) }]),
  ];
  for (const { dir, missing } of places) {
    for (const format of SEALED_FORMATS) {
      const o = entry.outputs[format];
      if (!o) continue;
      const file = join(dir, o.path);
      const hash = await sha256File(file).catch((err: NodeJS.ErrnoException) => err);
      if (hash instanceof Error) {
        const gone = hash.code === 'ENOENT';
        out.push({
          file,
          severity: 'error',
          rule: gone ? 'seal/output-missing' : 'seal/output-read',
          message: gone ? missing : msg('ledger.output-unreadable', { detail: hash.message, record: entry.record, ref }),
        });
      } else if (hash !== o.sha256) {
        out.push({
          file,
          severity: 'error',
          rule: 'seal/output-changed',
          message: msg('ledger.output-changed', { record: entry.record, ref, found: short(hash), sealed: short(o.sha256) }),
        });
      }
    }
  }
  return out;
}

/** What {@link amendsDiagnostics} needs to know about a record. */
export interface AmendingRecord {
  /** The parsed record, for the position of `amends`. */
  readonly source: SourceFile | undefined;
  /** Its `amends`, if any. */
  readonly amends: string | undefined;
}

/**
 * A warning when a record amends something that is not a sealed record of
 * this archive: a correction is for sealed minutes (a draft is simply edited).
 * `rel` is the record's path under the records folder, `records` every record there.
 */
export function amendsDiagnostics(file: string, rel: string, record: AmendingRecord, ledger: Pick<Ledger, 'sealed'>, records: ReadonlySet<string>): Diagnostic[] {
  const target = record.amends;
  if (target === undefined) return [];
  const position = record.source ? positionOf(record.source, ['amends']) : undefined;
  const warn = (message: string): Diagnostic[] => [{ file, ...(position && { position }), severity: 'warning', rule: 'seal/amends', message }];
  if (target === rel) return warn(msg('ledger.amends.itself'));
  if (!records.has(target)) {
    return warn(msg('ledger.amends.unknown', { target }));
  }
  if (!ledger.sealed.has(target)) return warn(msg('ledger.amends.unsealed', { target }));
  return [];
}

/** The head hash, and why to publish it (printed by seal and verify). */
export function headNotice(ledger: Pick<Ledger, 'file' | 'head' | 'entries'>): string {
  const n = ledger.entries.length;
  if (n === 0) return msg('ledger.head.none', { file: ledger.file });
  return msg('ledger.head.notice', { head: ledger.head, file: ledger.file, entries: msg('ledger.count.entries', { n }) });
}
