import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hasErrors, type Diagnostic } from '../../parse/diagnostic.js';
import { findRecords } from '../../archive/discover.js';
import { buildDocument } from '../../render/render.js';
import { EXIT, plural, printDiagnostics } from '../report.js';
import { escapeForTerminal } from '../../parse/terminal.js';

/** Options of `hattama validate`. */
export interface ValidateOptions {
  readonly strict?: boolean;
}

/** Expands folders into the records they hold. */
export async function expandRecordArgs(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const a of args) {
    const s = await stat(a).catch(() => undefined);
    if (s?.isDirectory()) files.push(...(await findRecords(a)).map((r) => join(a, r)));
    else files.push(a);
  }
  return files;
}

/**
 * `hattama validate <files…>`: checks records (schema, rules, and that the
 * template renders) without writing anything. Returns the exit code.
 */
export async function validateCommand(args: readonly string[], options: ValidateOptions): Promise<number> {
  const files = await expandRecordArgs(args);
  let failed = 0;
  let crashed = false;
  const all: Diagnostic[] = [];
  for (const file of files) {
    // Building the document (not the files) also proves the template renders it.
    try {
      const r = await buildDocument(file, options.strict);
      all.push(...r.diagnostics);
      if (!r.document || hasErrors(r.diagnostics, options.strict)) failed++;
    } catch (err) {
      // A bug in hattama, not in the record: say so (exit 70), but still check the other records.
      crashed = true;
      failed++;
      process.stderr.write(`hattama: internal error while checking ${escapeForTerminal(file)}: ${escapeForTerminal((err as Error).stack ?? String(err))}\n`);
    }
  }
  const shown = printDiagnostics(all);
  const errors = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.length - errors;
  const summary = `${plural(files.length, 'record')} checked: ${failed ? `${failed} invalid` : 'all valid'}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  process.stderr.write(summary + '\n');
  return crashed ? EXIT.internal : failed ? EXIT.invalid : EXIT.ok;
}
