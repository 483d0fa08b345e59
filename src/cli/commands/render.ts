import { stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { renderFile, type Format } from '../../render/render.js';
import { recordBase } from '../../archive/discover.js';
import { EXIT, printDiagnostics, writeAndReport } from '../report.js';
import { escapeForTerminal } from '../../parse/terminal.js';

/** Options of `hattama render`. */
export interface RenderCommandOptions {
  readonly format: readonly Format[];
  readonly out?: string;
  readonly strict?: boolean;
}

/**
 * Where `render` writes when no --out is given: where `build` would put it
 * (out/ mirroring meetings/) for a record under ./meetings, else out/.
 */
export function defaultOutputBase(file: string, cwd = process.cwd()): string {
  const rel = relative(join(cwd, 'meetings'), resolve(cwd, file));
  const inside = !rel.startsWith('..') && !rel.startsWith(sep) && rel !== '';
  return recordBase(join(cwd, 'out', inside ? rel : basename(file)));
}

/** `hattama render <file>`: one record to DOCX and/or PDF. Returns the exit code. */
export async function renderCommand(file: string, options: RenderCommandOptions): Promise<number> {
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(escapeForTerminal(`error: ${file} is a folder; render takes one record (to render a folder of records: hattama build ${file})`) + '\n');
    return EXIT.usage;
  }
  const result = await renderFile(file, { formats: options.format, strict: options.strict ?? false });
  printDiagnostics(result.diagnostics);
  if (!result.outputs) {
    process.stderr.write(escapeForTerminal(`${file}: not rendered; nothing was written`) + '\n');
    return EXIT.invalid;
  }
  const base = options.out ? join(options.out, recordBase(basename(file))) : defaultOutputBase(file);
  const files = new Map([...result.outputs].map(([format, bytes]) => [`${base}.${format}`, bytes] as const));
  return writeAndReport(files);
}
