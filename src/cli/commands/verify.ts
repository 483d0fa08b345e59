import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../../parse/diagnostic.js';
import { keyPositionOf, parseSource } from '../../parse/source.js';
import { findRecords } from '../../archive/discover.js';
import { amendsDiagnostics, checkSealedFiles, headNotice, ledgerFile, readLedger, SEALED_DIR } from '../../archive/seal.js';
import { configFor } from '../../config/load.js';
import { EXIT, plural, printDiagnostics } from '../report.js';

/** Options of `hattama verify`. */
export interface VerifyCommandOptions {
  readonly out: string;
  /** A head hash published earlier: it must still be in the chain. */
  readonly head?: string;
}

/**
 * `hattama verify [dir]`: checks the ledger `dir/seals.jsonl` (every entry's
 * hash, seq and link to the one before), then each sealed record and output
 * against its hashes, and warns about signed records not yet sealed and about
 * `amends` that name no sealed record. Every problem is printed at its file
 * (and ledger line). Exit 1 on any error.
 *
 * The ledger cannot show on its own that its *last* entries were removed:
 * the head hash it prints must be published elsewhere, and `--head` checks a
 * published head is still in the chain.
 */
export async function verifyCommand(dir: string, options: VerifyCommandOptions): Promise<number> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(`error: no folder "${dir}": verify takes the folder of records (default: meetings/)\n`);
    return EXIT.usage;
  }
  const published = options.head?.trim().toLowerCase();
  if (published !== undefined && !/^[0-9a-f]{64}$/.test(published)) {
    process.stderr.write(`error: --head takes a head hash as printed by hattama seal or verify (64 hex digits), not "${options.head}"\n`);
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
      message: `${join(dir, SEALED_DIR)} holds sealed minutes but the ledger has no entries: restore ${ledger.file} from version control`,
    });
  }

  const hasOutputs = ledger.entries.some((l) => Object.keys(l.entry.outputs).length > 0);
  const outExists = (await stat(options.out).catch(() => undefined))?.isDirectory() ?? false;
  if (hasOutputs && !outExists) {
    diagnostics.push({ file: options.out, severity: 'error', rule: 'seal/no-output-folder', message: 'no output folder, so the sealed outputs cannot be checked: run hattama build first (or give --out)' });
  }
  // An entry whose own hash is wrong is already reported; its contents prove nothing.
  for (const l of ledger.entries) if (l.intact) diagnostics.push(...(await checkSealedFiles(ledger, l, dir, outExists ? options.out : undefined)));

  const records = await findRecords(dir);
  const all = new Set(records);
  for (const rel of records) {
    const file = join(dir, rel);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    // Only status and amends matter here (validate checks the rest): read them even from an invalid record.
    const source = parseSource(file, text);
    const raw = (source.value ?? {}) as { status?: unknown; amends?: unknown };
    const defaults = configFor(dirname(file)).config.defaults as { status?: unknown };
    const status = raw.status ?? defaults.status;
    if (status === 'signed' && !ledger.sealed.has(rel)) {
      diagnostics.push({
        file,
        position: keyPositionOf(source, ['status']),
        severity: 'warning',
        rule: 'seal/unsealed',
        message: `signed but not sealed yet: run hattama build, then hattama seal`,
      });
    }
    diagnostics.push(...amendsDiagnostics(file, rel, { source, amends: typeof raw.amends === 'string' ? raw.amends : undefined }, ledger, all));
  }

  if (published !== undefined && published !== ledger.head) {
    const at = ledger.entries.find((l) => l.entry.hash === published);
    if (!at) {
      diagnostics.push({
        file: ledger.file,
        severity: 'error',
        rule: 'seal/head',
        message: `the published head ${published} is not in the ledger: entries sealed up to it were removed or rewritten since it was published`,
      });
    } else {
      const later = ledger.entries.length - ledger.entries.indexOf(at) - 1;
      process.stderr.write(`${ledger.file}: the published head is entry ${at.entry.seq} (line ${at.line}); ${later} sealed after it\n`);
    }
  }

  const shown = printDiagnostics(diagnostics);
  const errors = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.length - errors;
  process.stdout.write(headNotice(ledger));
  const what = ledger.entries.length ? `${ledger.entries.length === 1 ? '1 entry' : `${ledger.entries.length} entries`} checked` : 'no entries yet';
  process.stderr.write(`${ledger.file}: ${what}: ${errors ? 'FAILED' : 'verified'}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  return errors ? EXIT.invalid : EXIT.ok;
}
