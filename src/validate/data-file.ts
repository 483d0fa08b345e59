import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../parse/diagnostic.js';
import { parseSource, type SourceFile } from '../parse/source.js';
import { schemaDiagnostics } from './schema-errors.js';
import { precompiledYaml } from '../util/precompiled.js';

/** A generated standalone validator (see scripts/gen-validators.mjs). */
export type GeneratedValidator<T> = ((data: unknown) => data is T) & { errors?: ErrorObject[] | null };

/** A data file checked against its schema: the value when valid, and every diagnostic with its place. */
export interface CheckedData<T> {
  readonly source: SourceFile;
  readonly value: T | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses YAML text and checks it against a schema, collecting every problem at its line and column. */
export function checkData<T>(file: string, text: string, validate: GeneratedValidator<T>): CheckedData<T> {
  // hattama's own data, unchanged since the build: its parse is in dist/precompiled/ (the
  // source, for positions, is parsed only if asked for; shipped data has none to report,
  // test/generated.test.ts checks that).
  const built = precompiledYaml(text);
  if (built && validate(built.value)) {
    let source: SourceFile | undefined;
    return {
      get source() {
        return (source ??= parseSource(file, text));
      },
      value: built.value,
      diagnostics: [],
    };
  }
  return parseAndCheckData(file, text, validate);
}

/** {@link checkData} without the build's cache: the YAML is parsed here, every problem reported. */
export function parseAndCheckData<T>(file: string, text: string, validate: GeneratedValidator<T>): CheckedData<T> {
  const source = parseSource(file, text);
  const diagnostics: Diagnostic[] = [...source.diagnostics];
  if (source.value !== undefined && !validate(source.value)) diagnostics.push(...schemaDiagnostics(source, validate.errors ?? []));
  const ok = source.value !== undefined && !hasErrors(diagnostics);
  return { source, value: ok ? (source.value as T) : undefined, diagnostics: sortDiagnostics(diagnostics) };
}

/** A data file hattama ships or an organisation supplies is broken: the message lists every problem. */
export class DataFileError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}${d.position ? `:${d.position.line}:${d.position.column}` : ''}: ${d.message}`).join('\n'));
    this.name = 'DataFileError';
  }
}

/** Reads and checks a data file; throws {@link DataFileError} listing every problem. */
export function loadData<T>(file: string, validate: GeneratedValidator<T>): T {
  const checked = checkData(file, readFileSync(file, 'utf8'), validate);
  if (!checked.value) throw new DataFileError(checked.diagnostics);
  return checked.value;
}
