import { readdir, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../../parse/diagnostic.js';
import { hasErrors } from '../../parse/diagnostic.js';
import type { SourceFile } from '../../parse/source.js';
import { discoverRecords, outputPath, outputRelPath } from '../../archive/discover.js';
import { amendsDiagnostics, appendToLedger, entryRef, headNotice, ledgerFile, LedgerChangedError, makeEntry, readLedger, SEALED_DIR, sealedCopyPath, sha256, sha256Record, type SealedFile, type SealEntry, type SealedFormat } from '../../archive/seal.js';
import { checkAnchors } from '../../archive/ledger-anchors.js';
import { enterArchive, OUTPUT_DIR, RECORDS_DIR } from '../../archive/root.js';
import { WriteError, writeOutputs } from '../../archive/output.js';
import { checkFile } from '../../validate/index.js';
import { configFor } from '../../config/load.js';
import { renderFile } from '../../render/render.js';
import { EXIT, printDiagnostics } from '../report.js';
import { escapeForTerminal } from '../../parse/terminal.js';
import { msg } from '../../messages/index.js';
import { signedRecordChecker, SIGNED_DUPLICATE_RULE } from '../../validate/archive-checks.js';

/** Options of `hattama seal`. */
export interface SealCommandOptions {
  /** The output folder as typed; default out/ at the archive root. */
  readonly out?: string;
  /** Seal without asking, even on a terminal (for CI). */
  readonly yes?: boolean;
}

/** What a record says about itself, read even when it does not validate. */
export interface RecordFacts {
  readonly source: SourceFile | undefined;
  readonly status: 'draft' | 'signed' | undefined;
  readonly amends: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly valid: boolean;
  /** False when the file could not be read as a record at all (its status is then a guess from its text). */
  readonly readable: boolean;
}

/**
 * Checks a record (with its hattama.yaml) and reads its status and amends.
 * Never throws: a record that cannot be read at all comes back unreadable,
 * with its status guessed from a `status: signed` line.
 */
export async function recordFacts(file: string): Promise<RecordFacts> {
  try {
    const { config, diagnostics: configDiagnostics } = configFor(dirname(file));
    const checked = await checkFile(file, config.rules, config.defaults);
    const raw = checked.source?.value as { status?: unknown; amends?: unknown } | undefined;
    const status = checked.record?.status ?? (raw?.status === 'signed' || raw?.status === 'draft' ? raw.status : undefined);
    const amends = checked.record?.amends ?? (typeof raw?.amends === 'string' ? raw.amends : undefined);
    const diagnostics = [...configDiagnostics, ...checked.diagnostics];
    const readable = checked.source !== undefined && checked.source.value !== undefined;
    if (!readable) return unreadable(file, diagnostics.find((d) => d.severity === 'error' && d.file === file)?.position);
    return { source: checked.source, status, amends, diagnostics, valid: checked.record !== undefined && !hasErrors(diagnostics), readable };
  } catch {
    return unreadable(file, undefined);
  }
}

/** The facts of a record that cannot be read as one: signed when its text says so on a line of its own. */
async function unreadable(file: string, position: Diagnostic['position']): Promise<RecordFacts> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const signed = /^status:[ \t]*(["']?)signed\1[ \t]*(#.*)?\r?$/m.test(text);
  return {
    source: undefined,
    status: signed ? 'signed' : undefined,
    amends: undefined,
    diagnostics: [
      {
        file,
        ...(position && { position }),
        severity: signed ? 'error' : 'warning',
        rule: 'seal/record-unreadable',
        message: msg(signed ? 'seal.unreadable-signed' : 'seal.unreadable', { file }),
      },
    ],
    valid: false,
    readable: false,
  };
}

/**
 * `hattama seal [dir]`: appends to `dir/seals.jsonl` an entry for every
 * signed, valid, not yet sealed record, with the SHA-256 of the record and of
 * its outputs in `out/` — which must be the outputs of the record as it is
 * now (the record is rendered again and compared) — and keeps a copy of those
 * outputs in `dir/sealed/`, which the build publishes from then on. A sealed record is never
 * sealed again; if it has changed, that is reported. Exit 1 when anything
 * could not be sealed or the ledger is broken.
 */
export async function sealCommand(typedDir: string | undefined, typedOptions: SealCommandOptions): Promise<number> {
  // From any folder of the archive: its meetings/ and out/, paths printed from its root.
  const place = enterArchive();
  const dir = place.at(typedDir, RECORDS_DIR);
  const options = { ...typedOptions, out: place.at(typedOptions.out, OUTPUT_DIR) };
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('seal.no-folder', { dir })}\n`);
    return EXIT.usage;
  }
  const ledger = readLedger(ledgerFile(dir));
  if (hasErrors(ledger.diagnostics)) {
    printDiagnostics(ledger.diagnostics);
    process.stderr.write(`${ledger.file}: ${msg('seal.ledger-damaged')}\n`);
    return EXIT.invalid;
  }
  // Never extend a ledger that is not the one its history and published heads know.
  const { refusal, notes } = await anchorCheck(dir, ledger, options.out);
  for (const note of notes) process.stdout.write(`${note}\n`);
  if (refusal) {
    printDiagnostics(refusal);
    process.stderr.write(`${ledger.file}: ${msg('seal.ledger-unanchored')}\n`);
    return EXIT.invalid;
  }
  // A linked or unreadable record is reported and never sealed (it could be a copy from outside the archive).
  const { records, problems } = await discoverRecords(dir);
  printDiagnostics(problems);
  // Both formats, always: a sealed record is published from its kept copies, so each must be there.
  const formats = ['docx', 'pdf'] as const;
  const fresh: SealEntry[] = [];
  const sealedNow: { file: string; entry: SealEntry; facts: RecordFacts; rel: string }[] = [];
  let already = 0;
  let failed = problems.filter((d) => d.severity === 'error').length;
  let unsigned = 0;
  let unreadableDrafts = 0;
  let outChecked: boolean | undefined;
  const checkSigned = signedRecordChecker();

  for (const rel of records) {
    const file = join(dir, rel);
    const sealed = ledger.lineFor(rel);
    if (sealed) {
      const now = await sha256Record(file).catch(() => undefined);
      if (now !== undefined && now !== sealed.entry.recordSha256) {
        failed++;
        printDiagnostics([
          {
            file,
            severity: 'error',
            rule: 'seal/record-changed',
            message: msg('seal.record-changed', { entry: entryRef(ledger, sealed), rel }),
          },
        ]);
      } else already++;
      continue;
    }
    const facts = await recordFacts(file);
    if (!facts.readable && facts.status !== 'signed') {
      // Probably a draft being written: reported, and the others are sealed.
      unreadableDrafts++;
      printDiagnostics(facts.diagnostics);
      continue;
    }
    if (facts.status !== 'signed') {
      unsigned++;
      continue;
    }
    const fail = (diagnostics: readonly Diagnostic[], why: string): void => {
      failed++;
      printDiagnostics(diagnostics);
      process.stderr.write(`${file}: ${msg('seal.not-sealed', { why })}\n`);
    };
    if (!facts.valid) {
      fail(facts.diagnostics.filter((d) => d.severity === 'error'), msg('seal.invalid'));
      continue;
    }
    if (outChecked === undefined) outChecked = (await stat(options.out).catch(() => undefined))?.isDirectory() ?? false;
    if (!outChecked) {
      fail([], msg('seal.no-output-folder', { out: options.out }));
      continue;
    }
    const before = await sha256Record(file);
    // Render again: the outputs sealed must be those of the record as it is now, not of an earlier edit.
    const rendered = await renderFile(file, { formats });
    if (!rendered.outputs) {
      fail(rendered.diagnostics.filter((d) => d.severity === 'error'), msg('seal.why.not-rendered'));
      continue;
    }
    // A signed copy of other minutes (the same body, year and number) is never sealed: it would stand for good.
    if (rendered.meeting && rendered.config) {
      const { status, body, number, date } = rendered.meeting;
      const taken = (await checkSigned([{ file, source: rendered.source, status, body, number, date, rules: rendered.config.rules }])).filter((d) => d.rule === SIGNED_DUPLICATE_RULE);
      if (taken.length) {
        fail(taken.map((d) => ({ ...d, severity: 'error' })), msg('root.seal-number-taken'));
        continue;
      }
    }
    const outputs: Partial<Record<SealedFormat, SealedFile>> = {};
    const problems: Diagnostic[] = [];
    for (const format of formats) {
      const outFile = outputPath(options.out, rel, format);
      const bytes = await readFile(outFile).catch(() => undefined);
      const expected = rendered.outputs.get(format);
      if (!bytes) {
        problems.push({ file: outFile, severity: 'error', rule: 'seal/output-missing', message: msg('seal.output-missing') });
      } else if (!expected || !Buffer.from(expected).equals(bytes)) {
        problems.push({
          file: outFile,
          severity: 'error',
          rule: 'seal/output-stale',
          message: msg('seal.output-stale', { file }),
        });
      } else {
        outputs[format] = { path: outputRelPath(rel, format), sha256: sha256(bytes) };
      }
    }
    if (problems.length) {
      fail(problems, msg('seal.why.outputs-stale'));
      continue;
    }
    if ((await sha256Record(file)) !== before) {
      fail([], msg('seal.why.changed'));
      continue;
    }
    const entry = makeEntry({ record: rel, recordSha256: before, outputs, sealedAt: new Date().toISOString() }, fresh[fresh.length - 1] ?? ledger.entries[ledger.entries.length - 1]?.entry);
    fresh.push(entry);
    sealedNow.push({ file, entry, facts, rel });
  }

  if (fresh.length) {
    process.stdout.write(`${msg('seal.to-seal')}\n`);
    for (const s of sealedNow) process.stdout.write(`  ${msg('seal.to-seal.item', { file: s.file, seq: s.entry.seq })}\n`);
    if (!options.yes) {
      // Sealing is for good: with no terminal to ask on (CI, a pipe), only --yes seals.
      if (!process.stdin.isTTY) {
        process.stderr.write(escapeForTerminal(msg('root.seal-no-terminal', { n: fresh.length })) + '\n');
        return EXIT.usage;
      }
      if (!(await confirm(`${msg('seal.confirm', { records: msg('cli.count.records', { n: fresh.length }) })} ${msg('seal.prompt.choices')} `))) {
        process.stderr.write(`${msg('seal.nothing')}\n`);
        return failed ? EXIT.invalid : EXIT.ok;
      }
    }
    try {
      // Keep the sealed files themselves beside the ledger first: an entry never points at copies that are not there.
      const copies = new Map<string, Uint8Array>();
      for (const s of sealedNow) {
        for (const o of Object.values(s.entry.outputs)) copies.set(sealedCopyPath(dir, o.path), await readFile(join(options.out, o.path)));
      }
      await writeOutputs(copies);
      await appendToLedger(ledger, fresh);
    } catch (err) {
      if (!(err instanceof LedgerChangedError || err instanceof WriteError)) throw err;
      process.stderr.write(`${msg('cli.error.prefix')}: ${err.message}\n`);
      return EXIT.invalid;
    }
  }
  const after = readLedger(ledger.file);
  const all = new Set(records);
  for (const s of sealedNow) {
    process.stdout.write(`${msg('seal.sealed', { file: s.file, seq: s.entry.seq })}\n`);
    printDiagnostics(amendsDiagnostics(s.file, s.rel, s.facts, after, all));
  }
  process.stdout.write(headNotice(after));
  process.stderr.write(
    `${msg('seal.summary', { records: msg('cli.count.records', { n: records.length }), sealed: fresh.length, already, failed, unsigned })}${unreadableDrafts ? msg('seal.summary.unreadable', { n: unreadableDrafts }) : ''}\n`,
  );
  return failed ? EXIT.invalid : EXIT.ok;
}

/**
 * Problems that forbid appending (`refusal`): sealed copies with no ledger,
 * or a ledger its git history or a published head (out/ledger-head.json,
 * ledger.head) does not bear out. `notes` say what was checked.
 */
async function anchorCheck(dir: string, ledger: ReturnType<typeof readLedger>, out: string): Promise<{ refusal?: Diagnostic[]; notes: readonly string[] }> {
  const problems: Diagnostic[] = [];
  if (ledger.entries.length === 0 && (await readdir(join(dir, SEALED_DIR)).catch(() => [])).length > 0) {
    problems.push({
      file: ledger.file,
      severity: 'error',
      rule: 'seal/ledger-missing',
      message: msg('cli.verify.ledger-lost', { sealed: join(dir, SEALED_DIR), ledger: ledger.file }),
    });
  }
  let configHead: { hash: string; file: string } | undefined;
  try {
    const { config } = configFor(dir);
    if (config.ledgerHead !== undefined) configHead = { hash: config.ledgerHead, file: relative(process.cwd(), config.file ?? 'hattama.yaml') };
  } catch {
    // A broken hattama.yaml is reported with each record.
  }
  const outExists = (await stat(out).catch(() => undefined))?.isDirectory() ?? false;
  const anchors = await checkAnchors(ledger, { ...(outExists && { out }), ...(configHead && { configHead }) });
  problems.push(...anchors.diagnostics.filter((d) => d.severity === 'error'));
  return { ...(problems.length && { refusal: problems }), notes: anchors.notes };
}

/** The answers that mean yes: the catalogue's for the current language, and English's. */
function yesAnswers(): Set<string> {
  const words = `${msg('seal.prompt.yes')},${msg('seal.prompt.yes', undefined, 'en')}`;
  return new Set(words.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean));
}

/** Asks a yes/no question on the terminal; no answer (end of input) is no. */
function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise<boolean>((resolve) => {
    let answered = false;
    rl.once('close', () => {
      if (!answered) process.stderr.write('\n');
      resolve(false);
    });
    rl.question(question, (answer) => {
      answered = true;
      resolve(yesAnswers().has(answer.trim().toLowerCase()));
      rl.close();
    });
  });
}
