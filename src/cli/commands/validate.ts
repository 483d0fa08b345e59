import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hasErrors, type Diagnostic } from '../../parse/diagnostic.js';
import { discoverRecords } from '../../archive/discover.js';
import { buildDocument } from '../../render/render.js';
import { EXIT, printDiagnostics } from '../report.js';
import { msg } from '../../messages/index.js';
import { escapeForTerminal } from '../../parse/terminal.js';
import { enterArchive, RECORDS_DIR } from '../../archive/root.js';
import { NOT_SEALED_RULE, signedRecordWarnings, type SignedCandidate } from '../../validate/archive-checks.js';

/** Options of `hattama validate`. */
export interface ValidateOptions {
  readonly strict?: boolean;
}

/** Expands folders into the records they hold, with what was found there and not read (links, unreadable folders). */
export async function expandRecordArgs(args: readonly string[]): Promise<{ files: string[]; problems: Diagnostic[] }> {
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  for (const a of args) {
    const s = await stat(a).catch(() => undefined);
    if (s?.isDirectory()) {
      const found = await discoverRecords(a);
      files.push(...found.records.map((r) => join(a, r)));
      problems.push(...found.problems);
    } else files.push(a);
  }
  return { files, problems };
}

/**
 * `hattama validate [files…]`: checks records (schema, rules, and that the
 * template renders) without writing anything; with no argument, every record
 * in meetings/ at the archive root. A signed record is also checked against
 * its archive (archive-checks.ts): not sealed yet, or sharing its number.
 * Returns the exit code.
 */
export async function validateCommand(typedArgs: readonly string[], options: ValidateOptions): Promise<number> {
  // From any folder of the archive: paths as seen from its root, printed from it.
  const place = enterArchive();
  const args = typedArgs.length ? typedArgs.map((a) => place.at(a, a)) : [RECORDS_DIR];
  if (!typedArgs.length && !(await stat(RECORDS_DIR).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(escapeForTerminal(msg('root.validate-no-records', { dir: join(place.root, RECORDS_DIR) })) + '\n');
    return EXIT.usage;
  }
  const { files, problems } = await expandRecordArgs(args);
  // A linked or unreadable record is never skipped in silence: it counts as invalid.
  const unread = problems.filter((d) => d.severity === 'error').length;
  let failed = unread;
  let crashed = false;
  const all: Diagnostic[] = [...problems];
  const valid: SignedCandidate[] = [];
  for (const file of files) {
    // Building the document (not the files) also proves the template renders it.
    try {
      const r = await buildDocument(file, options.strict);
      all.push(...r.diagnostics);
      if (!r.document || hasErrors(r.diagnostics, options.strict)) failed++;
      else if (r.meeting && r.config) {
        const { status, body, number, date } = r.meeting;
        valid.push({ file, source: r.source, status, body, number, date, rules: r.config.rules });
      }
    } catch (err) {
      // A bug in hattama, not in the record: say so (exit 70), but still check the other records.
      crashed = true;
      failed++;
      process.stderr.write(`hattama: ${msg('cli.error.internal-checking', { file: escapeForTerminal(file), detail: escapeForTerminal((err as Error).stack ?? String(err)) })}\n`);
    }
  }
  const archiveWarnings = await signedRecordWarnings(valid);
  all.push(...archiveWarnings);
  // Signed but not sealed is the next step to take, never a fault: even --strict lets it pass (sealing follows the build).
  if (options.strict) failed += new Set(archiveWarnings.filter((d) => d.rule !== NOT_SEALED_RULE).map((d) => d.file)).size;
  const shown = printDiagnostics(all);
  const errors = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.length - errors;
  const summary = msg('cli.validate.summary', {
    records: msg('cli.count.records', { n: files.length + unread }),
    result: failed ? msg('cli.validate.invalid', { n: failed }) : msg('cli.validate.all-valid'),
    errors: msg('cli.count.errors', { n: errors }),
    warnings: msg('cli.count.warnings', { n: warnings }),
  });
  process.stderr.write(summary + '\n');
  return crashed ? EXIT.internal : failed ? EXIT.invalid : EXIT.ok;
}
