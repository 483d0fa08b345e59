/**
 * Diagnostics: every problem hattama reports, with its place in the source.
 * Modelled on vfile-message: collected, not thrown; each has a rule id and a severity.
 */
import { escapeForTerminal } from './terminal.js';

/** How bad a diagnostic is. Warnings become fatal with `--strict`. */
export type Severity = 'error' | 'warning';

/** A 1-based position in a source file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One problem found in a file. */
export interface Diagnostic {
  /** The file as the user named it (relative paths stay relative). */
  readonly file: string;
  /** Where the offending node starts; absent only when the file could not be read. */
  readonly position?: Position;
  readonly severity: Severity;
  /** A stable id for the rule, e.g. `schema/required`, `yaml/duplicate-key`, `rule/votes`. */
  readonly rule: string;
  /** One sentence, naming the offending key or value. */
  readonly message: string;
}

/**
 * `file:line:column: severity: message [rule]` — the form editors and CI logs
 * link. File names and messages can carry text from input, so control
 * characters in them are escaped (`\u{1b}`): one line, nothing the terminal acts on.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.position ? `${d.file}:${d.position.line}:${d.position.column}` : d.file;
  return escapeForTerminal(`${where}: ${d.severity}: ${d.message} [${d.rule}]`);
}

/** Sorts by file, then position, errors before warnings at the same place. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

/** True when any diagnostic stops the record from rendering. */
export const hasErrors = (list: readonly Diagnostic[], strict = false): boolean =>
  list.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
