import { escapeForTerminal } from '../../parse/terminal.js';
import { stat } from 'node:fs/promises';
import { buildArchive, type BuildProgress } from '../../archive/build.js';
import { LockedError, OutputFolderError } from '../../archive/lock.js';
import type { Format } from '../../render/render.js';
import { hasErrors } from '../../parse/diagnostic.js';
import { EXIT, printDiagnostics } from '../report.js';
import { NOT_SEALED_RULE } from '../../validate/archive-checks.js';
import { enterArchive, isInside, OUTPUT_DIR, realOrResolved, RECORDS_DIR } from '../../archive/root.js';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { msg } from '../../messages/index.js';
import { handBuildOver } from '../../snapshot/handover.js';

/** Options of `hattama build`. */
export interface BuildCommandOptions {
  /** The output folder as typed; default out/ at the archive root. */
  readonly out?: string;
  readonly format: readonly Format[];
  readonly strict?: boolean;
  /** Threads rendering at once, the build's own included; default one per core. */
  readonly jobs?: number;
}

/** A one-line progress bar for a terminal, redrawn at most every 100 ms. */
/** The terminal's width; a terminal that does not tell its size (0 columns, e.g. a CI log's pseudo-terminal) counts as 80. */
const columns = (): number => process.stderr.columns || 80;

function progressBar(): { update(p: BuildProgress): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      const width = 30;
      const filled = Math.round((p.done / Math.max(1, p.total)) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${escapeForTerminal(p.file)}`.slice(0, columns() - 1).padEnd(columns() - 1));
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write(`\r${' '.repeat(columns() - 1)}\r`);
    },
  };
}

/** True when either folder is, or is inside, the other (as typed and with links resolved). */
function overlap(a: string, b: string): boolean {
  const pairs: [string, string][] = [
    [resolve(a), resolve(b)],
    [realOrResolved(a), realOrResolved(b)],
  ];
  return pairs.some(([x, y]) => isInside(x, y) || isInside(y, x));
}

/**
 * How far V8 lets a heap grow past what its last full collection kept, in
 * percent, during a build. V8's own choice for this thread's heap (sized from
 * the machine's memory) is up to 4×: a build that keeps about 30 MB alive in
 * this thread (code, fonts, templates, the manifest) let it reach 140 MB
 * before collecting. 1.7× holds the whole build near 225 MB at 1,000 records
 * instead of 300, with fewer full collections than before (62 against 79 over
 * a 1,000-record build). 1.5× kept as little for more collections (89) and
 * 3–13% more CPU in paired builds; 20% took twice as many and was slower.
 * It is process-wide, so it holds the worker threads' heaps too (their own
 * limit was about 1.3–1.5× already).
 */
const HEAP_GROWING_PERCENT = 70;

/**
 * How much bytecode a function runs before V8 considers optimising it, during
 * a build: 4× V8's own budget (67,584 in Node 20). A build runs a large body
 * of code (docx, pdfkit, fontkit, yaml, handlebars) a few times per record;
 * with V8's budget its optimising compiler took 359 functions at 100 records,
 * about 1 s of CPU on its own threads, more than the code it made saved. With
 * 4× the functions that are truly hot are still optimised, a little later:
 * paired builds took 12% less CPU at 100 records (5% less time) and 7% less
 * at 1,000 (5% less time). 8× and 16× saved as much CPU at 100 records, but
 * 8× only 3% at 1,000; with one V8 helper thread (bin/hattama.js) 1×, 2× and
 * 8× were no better than 4×. Process-wide, so the worker threads use it too.
 */
const INTERRUPT_BUDGET = 4 * 67_584;

/**
 * `hattama build [dir]`: every record under `dir` into `out/`, mirroring
 * folders, in parallel, rebuilding only what changed. A bad record, or one
 * whose files cannot be written, is reported and the others go on.
 */
export async function buildCommand(typedDir: string | undefined, options: BuildCommandOptions): Promise<number> {
  // From any folder of the archive: its meetings/ and out/, paths printed from its root.
  const place = enterArchive();
  const dir = place.at(typedDir, RECORDS_DIR);
  const out = place.at(options.out, OUTPUT_DIR);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.build.no-folder', { dir: escapeForTerminal(dir) })}\n`);
    return EXIT.usage;
  }
  // The output folder and the records folder must not hold each other: index.html and
  // manifest.json written into meetings/sealed/ (the sealed evidence) or records read from out/.
  if (overlap(dir, out)) {
    process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.build.out-overlaps', { out: escapeForTerminal(out), dir: escapeForTerminal(dir) })}\n`);
    return EXIT.usage;
  }
  // A large build runs in the launcher's own process, before anything is read or said here (src/snapshot/handover.ts).
  if (await handBuildOver(dir)) return EXIT.ok;
  const bar = process.stderr.isTTY ? progressBar() : undefined;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  try {
    const summary = await buildArchive({
      dir,
      out,
      formats: options.format,
      strict: options.strict ?? false,
      ...(options.jobs !== undefined && { workers: options.jobs }),
      onProgress: (p) => {
        if (bar) bar.update(p);
        else if (p.outcome !== 'unchanged') process.stdout.write(`${msg('cli.build.progress', { outcome: msg(`cli.build.outcome.${p.outcome}`), file: escapeForTerminal(p.file) })}\n`);
      },
    });
    bar?.clear();
    printDiagnostics(summary.diagnostics);
    // Beyond records that failed: problems of the archive as a whole, and a damaged seal ledger.
    // Signed but not sealed is the next step (seal follows the build), never fatal, even with --strict.
    const archiveFailed = hasErrors(summary.diagnostics.filter((d) => /^(archive|seal)\//.test(d.rule) && d.rule !== NOT_SEALED_RULE), options.strict);
    process.stderr.write(
      `${msg('cli.build.summary', { records: msg('cli.count.records', { n: summary.total }), built: summary.built.length, unchanged: summary.unchanged.length, failed: summary.failed.length, seconds: summary.seconds.toFixed(1) })}\n`,
    );
    return summary.failed.length || archiveFailed ? EXIT.invalid : EXIT.ok;
  } catch (err) {
    bar?.clear();
    if (err instanceof OutputFolderError) {
      process.stderr.write(`${msg('cli.error.prefix')}: ${msg('cli.build.bad-out', { detail: escapeForTerminal(err.message) })}\n`);
      return EXIT.invalid;
    }
    if (!(err instanceof LockedError)) throw err;
    process.stderr.write(`${msg('cli.error.prefix')}: ${escapeForTerminal(err.message)}\n`);
    return EXIT.invalid;
  }
}
