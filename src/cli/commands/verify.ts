import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../../parse/diagnostic.js';
import { keyPositionOf, parseSource } from '../../parse/source.js';
import { discoverRecords } from '../../archive/discover.js';
import { amendsDiagnostics, checkSealedFiles, headNotice, ledgerFile, readLedger, SEALED_DIR } from '../../archive/seal.js';
import { checkAnchors } from '../../archive/ledger-anchors.js';
import { enterArchive, OUTPUT_DIR, RECORDS_DIR } from '../../archive/root.js';
import { CONFIG_FILE, configFor, findConfigFile } from '../../config/load.js';
import { EXIT, printDiagnostics } from '../report.js';
import { msg } from '../../messages/index.js';

/** Options of `hattama verify`. */
export interface VerifyCommandOptions {
  /** The output folder as typed; default out/ at the archive root. */
  readonly out?: string;
  /** A head hash published earlier: the ledger must still hold it. */
  readonly head?: string;
}

/**
 * `hattama verify [dir]`: checks the ledger `dir/seals.jsonl` (each line
 * read strictly, every entry's hash, seq and link to the one before), then
 * the ledger against its anchors (its git history, the head the last build
 * published in `out/ledger-head.json`, `--head`, `ledger.head` in
 * hattama.yaml), then each sealed record and output against its hashes.
 *
 * Verify is about sealed minutes: it fails (exit 1) only for a problem with
 * the ledger, its anchors or something sealed. A record that is not sealed
 * is only looked at for its status (a signed one not sealed yet is a
 * warning) and its `amends`; one that cannot even be read is a warning, and
 * every other record is still checked — `validate` is what judges records.
 */
export async function verifyCommand(typedDir: string | undefined, typedOptions: VerifyCommandOptions): Promise<number> {
  // From any folder of the archive: its meetings/ and out/, paths printed from its root.
  const place = enterArchive();
  const dir = place.at(typedDir, RECORDS_DIR);
  const options = { ...typedOptions, out: place.at(typedOptions.out, OUTPUT_DIR) };
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.verify.no-folder', { dir })}\n`);
    return EXIT.usage;
  }
  const given = options.head?.trim().toLowerCase();
  if (given !== undefined && !/^[0-9a-f]{64}$/.test(given)) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.verify.bad-head')}\n`);
    return EXIT.usage;
  }
  const ledger = readLedger(ledgerFile(dir));
  const diagnostics: Diagnostic[] = [...ledger.diagnostics];
  // Sealed copies without a ledger: the ledger was deleted (or lost by an interrupted write).
  if (ledger.entries.length === 0 && (await readdir(join(dir, SEALED_DIR)).catch(() => [])).length > 0) {
    diagnostics.push({
      file: ledger.file,
      severity: 'error',
      rule: 'seal/ledger-missing',
      message: msg('cli.verify.ledger-lost', { sealed: join(dir, SEALED_DIR), ledger: ledger.file }),
    });
  }

  const hasOutputs = ledger.entries.some((l) => Object.keys(l.entry.outputs).length > 0);
  const outExists = (await stat(options.out).catch(() => undefined))?.isDirectory() ?? false;
  if (hasOutputs && !outExists) {
    diagnostics.push({ file: options.out, severity: 'error', rule: 'seal/no-output-folder', message: msg('cli.verify.no-output-folder') });
  }

  const archiveConfig = safely(() => configFor(dir));
  if (archiveConfig) diagnostics.push(...archiveConfig.diagnostics);
  else {
    const file = findConfigFile(dir) ?? CONFIG_FILE;
    diagnostics.push({ file, severity: 'error', rule: 'config', message: msg('cli.verify.config-unreadable') });
  }
  const configHead = archiveConfig?.config.ledgerHead;
  const anchors = await checkAnchors(ledger, {
    ...(outExists && { out: options.out }),
    ...(given !== undefined && { head: given }),
    ...(configHead !== undefined && { configHead: { hash: configHead, file: relative(process.cwd(), archiveConfig!.config.file ?? CONFIG_FILE) } }),
  });
  diagnostics.push(...anchors.diagnostics);

  // An entry whose own hash is wrong is already reported; its contents prove nothing.
  for (const l of ledger.entries) if (l.intact) diagnostics.push(...(await checkSealedFiles(ledger, l, dir, outExists ? options.out : undefined)));

  // A record that is a link (it could point at a copy outside the archive) or cannot be read is an error, never skipped.
  const { records, problems } = await discoverRecords(dir);
  diagnostics.push(...problems);
  const all = new Set(records);
  for (const rel of records) {
    const file = join(dir, rel);
    const sealed = ledger.sealed.has(rel);
    diagnostics.push(...unsealedRecordDiagnostics(file, rel, sealed, ledger, all, await readFile(file, 'utf8').catch(() => undefined)));
  }

  const shown = printDiagnostics(diagnostics);
  const errors = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.length - errors;
  for (const note of anchors.notes) process.stdout.write(`${note}\n`);
  process.stdout.write(headNotice(ledger));
  const what = ledger.entries.length ? msg('cli.verify.entries-checked', { n: ledger.entries.length }) : msg('cli.verify.no-entries');
  process.stderr.write(`${ledger.file}: ${what}: ${errors ? msg('cli.verify.failed') : msg('cli.verify.verified')}, ${msg('cli.count.errors', { n: errors })}, ${msg('cli.count.warnings', { n: warnings })}\n`);
  return errors ? EXIT.invalid : EXIT.ok;
}

/** Runs `f`, or gives undefined when it throws (a broken file is reported where it is read for itself). */
function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/**
 * What verify says about one record besides its hashes: a signed record not
 * sealed yet, an `amends` naming no sealed record, or a record that cannot be
 * read (a warning: whether it is signed is then unknown). Never throws.
 */
function unsealedRecordDiagnostics(
  file: string,
  rel: string,
  sealed: boolean,
  ledger: Parameters<typeof amendsDiagnostics>[3],
  all: ReadonlySet<string>,
  text: string | undefined,
): Diagnostic[] {
  if (text === undefined) return [];
  const unreadable = (position: Diagnostic['position']): Diagnostic[] =>
    sealed
      ? [] // its hash decides; that check does not need to read it
      : [
          {
            file,
            ...(position && { position }),
            severity: 'warning',
            rule: 'seal/record-unreadable',
            message: msg('cli.verify.record-unreadable', { file }),
          },
        ];
  const source = safely(() => parseSource(file, text));
  if (!source || source.value === undefined) return unreadable(source?.diagnostics.find((d) => d.severity === 'error')?.position);
  // Only status and amends matter here (validate checks the rest): read them even from an invalid record.
  const raw = (source.value ?? {}) as { status?: unknown; amends?: unknown };
  const defaults = (safely(() => configFor(dirname(file)))?.config.defaults ?? {}) as { status?: unknown };
  const status = raw.status ?? defaults.status;
  const out: Diagnostic[] = [];
  if (status === 'signed' && !sealed) {
    out.push({
      file,
      position: keyPositionOf(source, ['status']),
      severity: 'warning',
      rule: 'seal/unsealed',
      message: msg('cli.verify.unsealed'),
    });
  }
  out.push(...(safely(() => amendsDiagnostics(file, rel, { source, amends: typeof raw.amends === 'string' ? raw.amends : undefined }, ledger, all)) ?? []));
  return out;
}
