/**
 * The fuzz properties, run in-process on mutated records:
 * 1. checking and building never throw (no internal error, no stack trace);
 * 2. every diagnostic names the record file and a line:column inside it, and
 *    prints as one line with no control character from the input;
 * 3. a record that validates renders to DOCX and PDF.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument, renderFile } from '../../src/render/render.js';
import { formatDiagnostic, type Diagnostic } from '../../src/parse/diagnostic.js';
import { makeCase, type FuzzCase } from './mutate.js';
import { ROOT, SEED_RECORD } from '../support/seed.js';

/** The valid records mutated: the seed, the record using every field, a Russian record. */
export const BASES = [
  { name: 'seed', bytes: readOnly(SEED_RECORD) },
  { name: 'full-record', bytes: readOnly(join(ROOT, 'test', 'fixtures', 'full-record.yaml')) },
  { name: 'ru-record', bytes: readOnly(join(ROOT, 'test', 'fixtures', 'ru-record.yaml')) },
];

/** A file's bytes as a plain Uint8Array, frozen in spirit: mutations copy before they change anything. */
function readOnly(file: string): Uint8Array {
  return Uint8Array.from(readFileSync(file));
}

/** A case that broke a property, with what it broke. */
export interface FuzzFailure {
  readonly index: number;
  readonly base: string;
  readonly mutations: readonly string[];
  readonly file: string;
  readonly problem: string;
}

/** What a run did. */
export interface FuzzSummary {
  readonly seed: number;
  readonly cases: number;
  /** Cases that validated and were rendered to DOCX and PDF. */
  readonly rendered: number;
  /** Cases refused with positioned errors. */
  readonly refused: number;
  readonly failures: readonly FuzzFailure[];
}

// Raw control characters must never survive formatting (see parse/terminal.ts).
const RAW_CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Problems with the diagnostics of one case, or [] when every one is well placed. */
function diagnosticProblems(diagnostics: readonly Diagnostic[], file: string, lineCount: number): string[] {
  const problems: string[] = [];
  for (const d of diagnostics) {
    const printed = formatDiagnostic(d);
    if (d.file !== file) problems.push(`a diagnostic names another file: ${printed}`);
    else if (!d.position) problems.push(`a diagnostic has no line:column: ${printed}`);
    else if (d.position.line < 1 || d.position.line > lineCount || d.position.column < 1) problems.push(`a diagnostic points outside the file: ${printed}`);
    if (RAW_CONTROL.test(printed)) problems.push(`a diagnostic prints a raw control character: ${JSON.stringify(printed)}`);
  }
  return problems;
}

/** Checks one case against every property; returns what went wrong, if anything. */
export async function checkCase(c: FuzzCase, dir: string): Promise<{ rendered: boolean; problems: string[] }> {
  const file = join(dir, `case-${c.index}.yaml`);
  writeFileSync(file, c.bytes);
  // Lines as the file has them (a last line without a newline still counts), and one past the end for EOF errors.
  const lineCount = c.bytes.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1) + 1;
  let problems: string[] = [];
  try {
    const built = await buildDocument(file);
    problems = diagnosticProblems(built.diagnostics, file, lineCount);
    if (!built.document) {
      if (!built.diagnostics.some((d) => d.severity === 'error')) problems.push('not built, yet no error says why');
      return { rendered: false, problems };
    }
    const rendered = await renderFile(file, { formats: ['docx', 'pdf'] });
    problems.push(...diagnosticProblems(rendered.diagnostics, file, lineCount));
    if (!rendered.outputs?.get('docx')?.length || !rendered.outputs.get('pdf')?.length) problems.push('validated but did not render to DOCX and PDF');
    return { rendered: true, problems };
  } catch (err) {
    problems.push(`threw: ${(err as Error).stack ?? String(err)}`);
    return { rendered: false, problems };
  }
}

/** Runs `runs` cases from `seed`, writing each case into `dir` (kept there when it fails). */
export async function runFuzz(seed: number, runs: number, dir: string, onProgress?: (done: number) => void): Promise<FuzzSummary> {
  mkdirSync(dir, { recursive: true });
  const failures: FuzzFailure[] = [];
  let rendered = 0;
  let refused = 0;
  for (let i = 0; i < runs; i++) {
    const c = makeCase(seed, i, BASES);
    const result = await checkCase(c, dir);
    if (result.problems.length) {
      failures.push({ index: i, base: c.base, mutations: c.mutations, file: join(dir, `case-${i}.yaml`), problem: result.problems.join('\n') });
    } else if (result.rendered) rendered++;
    else refused++;
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1);
  }
  return { seed, cases: runs, rendered, refused, failures };
}

/** "N passed, M failed" with the seed and the split, for the test log and `npm run fuzz`. */
export function describeSummary(s: FuzzSummary, ms: number): string {
  const lines = [
    `fuzz: seed ${s.seed}, ${s.cases} cases: ${s.cases - s.failures.length} passed, ${s.failures.length} failed ` +
      `(${s.rendered} validated and rendered to DOCX and PDF, ${s.refused} refused with positioned errors) in ${(ms / 1000).toFixed(1)} s`,
  ];
  for (const f of s.failures.slice(0, 20)) lines.push(`  case ${f.index} (${f.base}: ${f.mutations.join(', ')}) ${f.file}\n    ${f.problem.split('\n').slice(0, 6).join('\n    ')}`);
  if (s.failures.length > 20) lines.push(`  … and ${s.failures.length - 20} more`);
  return lines.join('\n');
}
