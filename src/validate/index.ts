import type { Diagnostic } from '../parse/diagnostic.js';
import { sortDiagnostics } from '../parse/diagnostic.js';
import { parseSource, type SourceFile } from '../parse/source.js';
import { readRecordText, tooLarge } from '../parse/read.js';
import { LIMITS } from '../parse/limits.js';
import type { MeetingRecord } from '../model/record.js';
import { meetingValidator } from './schema.js';
import { schemaDiagnostics } from './schema-errors.js';
import { deepMerge } from '../style/load.js';
import { ruleDiagnostics, DEFAULT_RULE_OPTIONS, type RuleOptions } from './rules.js';
import { msg } from '../messages/index.js';

/** The outcome of checking one record: the record when it is usable, and every diagnostic. */
export interface CheckedRecord {
  readonly source: SourceFile | undefined;
  /** Present when the record has no errors (it may still have warnings). */
  readonly record: MeetingRecord | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parse → schema → rules, collecting every problem rather than stopping at
 * the first. Rules run only on a schema-valid record, so they can trust types.
 */
export function checkSource(
  file: string,
  text: string,
  options: RuleOptions = DEFAULT_RULE_OPTIONS,
  defaults: Readonly<Record<string, unknown>> = {},
): CheckedRecord {
  // Text handed over in memory gets the same size limit as a file.
  if (text.length > LIMITS.maxRecordBytes / 3 && Buffer.byteLength(text, 'utf8') > LIMITS.maxRecordBytes) {
    return { source: undefined, record: undefined, diagnostics: [tooLarge(file, Buffer.byteLength(text, 'utf8'))] };
  }
  const source = parseSource(file, text, { maxValues: LIMITS.maxRecordValues });
  if (source.value === undefined) return { source, record: undefined, diagnostics: sortDiagnostics(source.diagnostics) };
  const validate = meetingValidator();
  const diagnostics: Diagnostic[] = [...source.diagnostics];
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    diagnostics.push({ file, position: { line: 1, column: 1 }, severity: 'error', rule: 'schema/type', message: msg('schema.not-a-mapping') });
    return { source, record: undefined, diagnostics };
  }
  // An organisation's defaults (hattama.yaml) sit under the record's own values.
  const value = Object.keys(defaults).length ? deepMerge(defaults, source.value) : source.value;
  if (!validate(value)) {
    diagnostics.push(...schemaDiagnostics(source, validate.errors ?? []));
    return { source, record: undefined, diagnostics: sortDiagnostics(diagnostics) };
  }
  const record = value;
  diagnostics.push(...ruleDiagnostics(source, record, options));
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { source, record: ok ? record : undefined, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Reads and checks a record file. An unreadable, oversized or non-UTF-8 file
 * is a diagnostic, not an exception.
 */
export async function checkFile(file: string, options?: RuleOptions, defaults?: Readonly<Record<string, unknown>>): Promise<CheckedRecord> {
  const read = await readRecordText(file);
  if (read.diagnostic) return { source: undefined, record: undefined, diagnostics: [read.diagnostic] };
  return checkSource(file, read.text, options, defaults);
}
