import { relative } from 'node:path';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../parse/diagnostic.js';
import { escapeForTerminal } from '../parse/terminal.js';
import { writeOutputs, WriteError } from '../archive/output.js';

/** Exit codes, documented in README and `--help`. */
export const EXIT = {
  /** Everything rendered or validated. */
  ok: 0,
  /** A record has errors (or warnings under --strict); nothing was written for it. */
  invalid: 1,
  /** The command line was wrong: unknown option, missing argument. */
  usage: 2,
  /** A bug in hattama (please report it with the record). */
  internal: 70,
} as const;

const printed = new Set<string>();

/**
 * Prints diagnostics to stderr, one per line, `file:line:column: severity:
 * message [rule]`. A line already printed in this run is not repeated (a
 * problem in hattama.yaml concerns every record below it, but is one problem).
 * Returns the diagnostics that were new.
 */
export function printDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const fresh: Diagnostic[] = [];
  for (const d of sortDiagnostics(list)) {
    const line = formatDiagnostic(d);
    if (printed.has(line)) continue;
    printed.add(line);
    fresh.push(d);
    process.stderr.write(line + '\n');
  }
  return fresh;
}

/**
 * Writes a command's files as one unit and prints their paths; a file that
 * cannot be written is printed as an `io/write` error. Returns the exit code.
 */
export async function writeAndReport(files: ReadonlyMap<string, Uint8Array>): Promise<number> {
  try {
    for (const written of await writeOutputs(files)) process.stdout.write(escapeForTerminal(relative(process.cwd(), written)) + '\n');
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof WriteError)) throw err;
    printDiagnostics([{ file: relative(process.cwd(), err.file) || err.file, severity: 'error', rule: 'io/write', message: err.message }]);
    return EXIT.invalid;
  }
}
