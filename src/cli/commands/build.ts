import { stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { findRecords, outputPath } from '../../archive/discover.js';
import { renderFile, type Format } from '../../render/render.js';
import { writeOutputs, WriteError } from '../../archive/output.js';
import { EXIT, plural, printDiagnostics } from '../report.js';

/** Options of `hattama build`. */
export interface BuildCommandOptions {
  readonly out: string;
  readonly format: readonly Format[];
  readonly strict?: boolean;
}

/**
 * `hattama build [dir]`: every record under `dir` into `out/`, mirroring
 * folders. A bad record, or one whose files cannot be written, is reported
 * and skipped; the others still build.
 */
export async function buildCommand(dir: string, options: BuildCommandOptions): Promise<number> {
  const started = performance.now();
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(`error: no folder "${dir}": build renders every record under a folder (default: meetings/)\n`);
    return EXIT.usage;
  }
  const records = await findRecords(dir);
  let built = 0;
  let failed = 0;
  for (const rel of records) {
    const file = join(dir, rel);
    const result = await renderFile(file, { formats: options.format, strict: options.strict ?? false });
    printDiagnostics(result.diagnostics);
    if (!result.outputs) {
      failed++;
      process.stderr.write(`${file}: not built; its earlier outputs, if any, are unchanged\n`);
      continue;
    }
    const files = new Map([...result.outputs].map(([format, bytes]) => [outputPath(options.out, rel, format), bytes] as const));
    try {
      await writeOutputs(files);
    } catch (err) {
      if (!(err instanceof WriteError)) throw err;
      failed++;
      printDiagnostics([{ file, severity: 'error', rule: 'io/write', message: err.message }]);
      continue;
    }
    built++;
    process.stdout.write(`built ${relative(process.cwd(), file)}\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`${plural(records.length, 'record')}: ${built} built, ${failed} failed, ${seconds} s\n`);
  return failed ? EXIT.invalid : EXIT.ok;
}
