import { stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { renderFile, type Format } from '../../render/render.js';
import { recordBase } from '../../archive/discover.js';
import { writeOutputs, WriteError } from '../../archive/output.js';
import { enterArchive, isInside, OUTPUT_DIR, RECORDS_DIR } from '../../archive/root.js';
import { EXIT, printDiagnostics } from '../report.js';
import { escapeForTerminal } from '../../parse/terminal.js';
import { msg } from '../../messages/index.js';

/** Options of `hattama render`. */
export interface RenderCommandOptions {
  readonly format: readonly Format[];
  readonly out?: string;
  readonly strict?: boolean;
}

/**
 * Where `render` writes when no --out is given: where `build` would put it
 * (out/ mirroring meetings/, at the archive root `root`) for a record under
 * the root's meetings/, else out/ with the record's file name.
 */
export function defaultOutputBase(file: string, root = process.cwd()): string {
  const records = resolve(root, RECORDS_DIR);
  const full = resolve(root, file);
  const inside = isInside(records, full) && full !== records;
  return recordBase(join(OUTPUT_DIR, inside ? relative(records, full) : basename(file)));
}

/** `hattama render <file>`: one record to DOCX and/or PDF. Returns the exit code. */
export async function renderCommand(typedFile: string, options: RenderCommandOptions): Promise<number> {
  // From any folder of the archive: paths as seen from its root, outputs where build puts them.
  const place = enterArchive();
  const file = place.at(typedFile, typedFile);
  const outDir = options.out === undefined ? undefined : place.at(options.out, OUTPUT_DIR);
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(escapeForTerminal(`${msg('cli.error.prefix')}: ${msg('cli.render.folder', { file })}`) + '\n');
    return EXIT.usage;
  }
  const result = await renderFile(file, { formats: options.format, strict: options.strict ?? false });
  printDiagnostics(result.diagnostics);
  if (!result.outputs) {
    process.stderr.write(escapeForTerminal(`${file}: ${msg('cli.render.not-rendered')}`) + '\n');
    return EXIT.invalid;
  }
  const base = outDir !== undefined ? join(outDir, recordBase(basename(file))) : defaultOutputBase(file);
  const files = new Map([...result.outputs].map(([format, bytes]) => [`${base}.${format}`, bytes] as const));
  try {
    // Never through a symbolic link planted in the output folder.
    for (const written of await writeOutputs(files, { root: outDir ?? OUTPUT_DIR })) process.stdout.write(`${escapeForTerminal(written)}\n`);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof WriteError)) throw err;
    printDiagnostics([{ file: err.file, severity: 'error', rule: 'io/write', message: err.message }]);
    return EXIT.invalid;
  }
}
