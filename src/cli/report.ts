import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../parse/diagnostic.js';

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

/** Prints diagnostics to stderr, one per line, `file:line:column: severity: message [rule]`. */
export function printDiagnostics(list: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics(list)) process.stderr.write(formatDiagnostic(d) + '\n');
}

/** A count with its noun: 1 record, 2 records. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
