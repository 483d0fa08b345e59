/**
 * The entry of the start-up snapshot (dist/hattama.blob), built by
 * scripts/snapshot.mjs with `node --build-snapshot`. Evaluating this file
 * loads the CLI with the commands a secretary runs one at a time (validate,
 * render, both writers) and parses the built-in PDF fonts; V8 then saves the
 * heap. `node --snapshot-blob dist/hattama.blob …` starts from that heap and
 * runs only {@link start}: no module is read, compiled or evaluated again.
 *
 * What must not be in the heap: anything read from the user's environment
 * (all of that is read when a command runs), and Intl objects, which a
 * snapshot cannot hold (nothing here creates one: templates compile at run
 * time).
 */
import v8 from 'node:v8';
import { isatty, WriteStream } from 'node:tty';
import { main } from '../cli/main.js';
import { renderFile } from '../render/render.js';
import '../cli/commands/validate.js';
import { renderingThreadIsWarm } from '../archive/build.js';
import '../cli/commands/render.js';
import '../writers/docx/index.js';
import { readFileSync, writeFileSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadPdfFonts } from '../writers/pdf/index.js';
import { checkPreloadedFonts } from '../writers/pdf/fonts.js';
import { packageRoot, resolveConfigPath } from '../util/paths.js';
import type { PdfFontFiles } from '../style/profile.js';
import { startedByLauncher } from './handover.js';

/** Parses the built-in style's PDF fonts (templates/style.yaml) into the heap. */
function preloadBuiltInFonts(): void {
  const templates = join(packageRoot, 'templates');
  const style = parse(readFileSync(join(templates, 'style.yaml'), 'utf8')) as { font?: { pdf?: Record<string, string> } };
  const names = style.font?.pdf;
  if (!names) return;
  const files = Object.fromEntries(Object.entries(names).map(([face, name]) => [face, resolveConfigPath(name, templates)]));
  loadPdfFonts(files as unknown as PdfFontFiles);
}
preloadBuiltInFonts();

/**
 * Renders a record once, in memory, so that the code on the paths of
 * validate and render is compiled (V8 keeps its bytecode in the snapshot)
 * and the fonts' tables those paths read are decoded. HATTAMA_SNAPSHOT_WARMUP
 * names the record (scripts/snapshot.mjs passes the seed when the checkout has it).
 */
async function warmUp(file: string): Promise<void> {
  const result = await renderFile(file, { formats: ['docx', 'pdf'] });
  if (!result.outputs) throw new Error(`the warm-up record ${file} did not render`);
}
const warmUpRecord = process.env['HATTAMA_SNAPSHOT_WARMUP'];
if (warmUpRecord) void warmUp(warmUpRecord);

/**
 * bin/hattama.js passes its terminal as `fd` when its stderr is one (this
 * process's own stderr is a pipe through the launcher, see there): from here
 * on process.stderr writes to the terminal, and knows it is one.
 */
function useTerminal(fd: number): void {
  delete process.env['HATTAMA_TERMINAL_FD'];
  if (!Number.isInteger(fd) || fd <= 2 || !isatty(fd)) return;
  const terminal = new WriteStream(fd);
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => terminal });
}

/**
 * Ends this process when the launcher ends without it. The launcher passes a
 * stop signal on (see bin/hattama.js), but a launcher killed outright
 * (SIGKILL, a CI job's time limit) cannot, and a build would go on writing
 * after it, unseen. The started fd is a pipe whose other end the launcher
 * holds until it exits: its end of file means the launcher is gone, and this
 * process goes the same way.
 */
function endWithLauncher(fd: number): void {
  const launcher = new Socket({ fd, readable: true, writable: false });
  launcher.on('end', () => process.kill(process.pid, 'SIGKILL'));
  launcher.on('error', () => undefined);
  launcher.resume();
  // Never what keeps this process alive.
  launcher.unref();
}

/**
 * Runs one command from the snapshot. `process.argv` is [node, launcher,
 * …args]: bin/hattama.js passes its own path where a script's would be.
 */
function start(): void {
  const real = (globalThis as { __hattamaTextDecoder?: typeof TextDecoder }).__hattamaTextDecoder;
  if (real) globalThis.TextDecoder = real;
  const argv = process.argv.slice(2);
  // One record, then exit: V8's optimising compiler costs more than it saves.
  // A build renders many: there it pays.
  if (argv[0] !== 'build') v8.setFlagsFromString('--no-opt');
  renderingThreadIsWarm();
  // Tells bin/hattama.js that hattama runs here (before anything is read or written):
  // a child that dies without this byte was refused by V8, and the launcher runs the command itself.
  const startedFd = Number(process.env['HATTAMA_STARTED_FD']);
  delete process.env['HATTAMA_STARTED_FD'];
  if (Number.isInteger(startedFd) && startedFd > 2) {
    try {
      writeSync(startedFd, '1');
      endWithLauncher(startedFd);
      startedByLauncher(startedFd);
    } catch (err) {
      // The launcher is gone already (killed outright before this start): nobody would see the command run.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') process.exit(1);
      // otherwise: not started by the launcher
    }
  }
  useTerminal(Number(process.env['HATTAMA_TERMINAL_FD']));
  checkPreloadedFonts();
  // For test/startup.test.ts: proof that this process started from the snapshot.
  const probe = process.env['HATTAMA_SNAPSHOT_PROBE'];
  // The options the launcher gave Node, but the blob's path (a build's V8 helper threads, see bin/hattama.js).
  const options = process.execArgv.filter((a, i, all) => a !== '--snapshot-blob' && all[i - 1] !== '--snapshot-blob');
  if (probe) writeFileSync(probe, `snapshot ${process.pid}${options.map((a) => ` ${a}`).join('')}\n`);
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}

v8.startupSnapshot.setDeserializeMainFunction(start);
