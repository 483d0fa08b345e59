/**
 * The archive build: every record under the records folder into the output
 * folder, in parallel, rebuilding only what changed.
 *
 * - A record is rebuilt when its input fingerprint (record text, hattama,
 *   templates, data, style, fonts, hattama.yaml, formats) differs from the one
 *   in out/manifest.json, or an output is missing or was changed.
 * - Rendering runs in this thread and, for more than a few dozen records, in
 *   worker threads (up to one fewer than the cores; each parses the fonts
 *   once), started only as many as the work pays for (see workerCount). A
 *   worker that dies gives its records back (rendered again, with a warning);
 *   every write ends before the journal is closed and the lock released.
 * - Each record's files are written as a unit (temporary files, then rename);
 *   one bad record is reported and the others go on.
 * - Sealed records are published from the copies kept beside the ledger,
 *   never rendered again (publish-sealed.ts).
 * - One build at a time per output folder (a lock file); temporary files left
 *   by a killed build are cleared at the start.
 * - Crash-safe and resumable: each record's claim in the manifest is journaled
 *   as it finishes, withdrawn before its files are replaced (manifest.ts). A
 *   killed build keeps what it finished; a pair that does not match its claim
 *   is rendered again.
 * - Confined: no path from out/manifest.json is used before it is checked to
 *   stay inside out/; nothing is written through a symbolic link (root.ts).
 * - A full, read-only or missing output folder fails the records it concerns,
 *   each named, never the build as a whole with an internal error.
 * - At the end: archive checks, out/index.html and out/index.json, and
 *   out/manifest.json.
 */
import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../parse/diagnostic.js';
import type { Format } from '../render/render.js';
import { configFor, type LoadedConfig } from '../config/load.js';
import { hasErrors } from '../parse/diagnostic.js';
import { discoverRecords, outputPath } from './discover.js';
import { writeOutputs, writeOutputStreamed, WriteError, type WrittenFile } from './output.js';
import { acquireLock } from './lock.js';
import { recordFingerprint, sharedFingerprint } from './fingerprint.js';
import { archiveChecks, outputClashes, type CheckedEntry } from './checks.js';
import { renderOne, type RenderJob, type RenderJobResult } from './render-job.js';
import { ManifestJournal, readManifest, writeManifest, type Manifest, type ManifestRecord, MANIFEST_FILE } from './manifest.js';
import { confine, ConfinementError } from './root.js';
import { ledgerFile, readLedger, SEALED_DIR, type SealEntry } from './seal.js';
import { publishableHead, publishLedgerHead } from './ledger-head.js';
import { publishSealed, differsFromSealed } from './publish-sealed.js';
import { indexPieces, type IndexSource } from './index-page.js';
import { StringPool } from './string-pool.js';
import { Spill } from './spill.js';
import { ClaimStore } from './claims.js';
import { unsealedSignedWarnings } from '../validate/archive-checks.js';
import { currentLanguage, msg } from '../messages/index.js';

/** Options of {@link buildArchive}. */
export interface BuildOptions {
  /** The records folder (e.g. "meetings"). */
  readonly dir: string;
  /** The output folder (e.g. "out"). */
  readonly out: string;
  readonly formats: readonly Format[];
  readonly strict: boolean;
  /** Threads rendering at once, this one included (so `workers - 1` worker threads at most); default: one per core. */
  readonly workers?: number;
  /** Called as each record finishes. */
  readonly onProgress?: (event: BuildProgress) => void;
}

/** One record done. */
export interface BuildProgress {
  readonly record: string;
  readonly file: string;
  readonly outcome: 'built' | 'unchanged' | 'failed';
  readonly done: number;
  readonly total: number;
}

/** What a build did. */
export interface BuildSummary {
  readonly total: number;
  readonly built: readonly string[];
  readonly unchanged: readonly string[];
  readonly failed: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly seconds: number;
}


/**
 * Builds the archive.
 * @throws LockedError when another build holds the output folder;
 *   OutputFolderError when the output folder is a file or cannot be created
 */
export async function buildArchive(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const release = acquireLock(options.out);
  let journal: ManifestJournal | undefined;
  const spill = Spill.open();
  try {
    // What is kept of every record until the end (its key, its warnings) holds each text once.
    const pool = new StringPool();
    const diagnostics: Diagnostic[] = [];
    // What cannot be done in the output folder (a full disk, a read-only folder) is reported, never thrown.
    const ioProblem = (file: string, err: unknown): void => {
      if (!(err instanceof WriteError) && !(err as NodeJS.ErrnoException).code) throw err;
      diagnostics.push({ file, severity: 'error', rule: 'io/write', message: err instanceof WriteError ? err.message : msg('archive.cannot-write', { file, detail: (err as Error).message }) });
    };
    await clearStaleTemporaries(options.out);
    const found = await discoverRecords(options.dir);
    const records = found.records;
    const read = await readManifest(options.out);
    const manifest = read.manifest;
    diagnostics.push(...found.problems, ...read.problems);
    // Without a journal (a full or read-only out/), claims are made only at the end, in
    // manifest.json, whose write then reports the folder's problem.
    journal = await ManifestJournal.open(options.out).catch(() => undefined);
    const claim = async (record: string, value: ManifestRecord | null): Promise<void> => {
      // A claim that cannot be journaled is made at the end, in manifest.json.
      await journal?.claim(record, value).catch(() => undefined);
    };
    // The claims being made, set aside until the index and manifest.json are written (claims.ts).
    const next = new ClaimStore(spill, pool);
    const built: string[] = [];
    const unchanged: string[] = [];
    const failed: string[] = [];
    let done = 0;
    // Records skipped at discovery (a symbolic link, an unreadable folder) count as failed.
    const skipped = found.problems.filter((p) => p.rule === 'archive/symlink' || (p.rule === 'archive/unreadable' && p.file !== options.dir));
    const total = records.length + skipped.length;
    const report = (record: string, file: string, outcome: BuildProgress['outcome']): void => {
      (outcome === 'built' ? built : outcome === 'unchanged' ? unchanged : failed).push(record);
      options.onProgress?.({ record, file, outcome, done: ++done, total });
    };

    // A record that fails keeps its last good outputs and its place in the index: a bad
    // edit never takes published minutes down (the error says what to fix).
    const keepPrevious = (record: string): ManifestRecord | undefined => {
      const previous = manifest.records[record];
      if (!previous) return undefined;
      const kept = { ...previous, input: 'failed' };
      next.set(record, kept);
      return kept;
    };
    for (const problem of skipped) {
      const rel = relative(options.dir, problem.file).split(sep).join('/');
      // A skipped folder keeps the outputs of the records it held, as a broken record does.
      for (const r of Object.keys(manifest.records)) if (r === rel || r.startsWith(`${rel}/`)) keepPrevious(r);
      report(rel, problem.file, 'failed');
    }

    // Plan: which records need rendering. Sealed records are published from their kept copies.
    const ledger = readLedger(ledgerFile(options.dir));
    diagnostics.push(...ledger.diagnostics);
    const clashes = outputClashes(records);
    const configs = new Map<string, LoadedConfig>();
    const configOf = (dir: string): LoadedConfig => {
      let c = configs.get(dir);
      if (!c) configs.set(dir, (c = configFor(dir)));
      return c;
    };
    // Records to render, and each one's input fingerprint until its result is claimed.
    const jobs: RenderJob[] = [];
    const inputs = new Map<string, string>();
    for (const record of records) {
      const file = join(options.dir, record);
      const clash = clashes.get(record);
      if (clash) {
        diagnostics.push({ file, severity: 'error', rule: 'archive/output-clash', message: msg('archive.output-clash', { others: clash.map((c) => join(options.dir, c)).join(', ') }) });
        report(record, file, 'failed');
        continue;
      }
      const sealedLine = ledger.lineFor(record);
      if (sealedLine && !sealedLine.intact) {
        // A ledger entry that fails its own hash is never trusted (the ledger's error says where).
        keepPrevious(record);
        report(record, file, 'failed');
        continue;
      }
      const sealed = sealedLine?.entry;
      const refused = sealed ? sealedPathProblem(options, sealed) : undefined;
      if (refused) {
        diagnostics.push({ file: ledger.file, position: { line: sealedLine!.line, column: 1 }, severity: 'error', rule: 'archive/confinement', message: msg('archive.entry-refused', { seq: sealed!.seq, reason: refused }) });
        keepPrevious(record);
        report(record, file, 'failed');
        continue;
      }
      if (sealed) {
        const previous = manifest.records[record];
        // Withdrawn while its files may be replaced; claimed again once they are in place.
        if (previous) await claim(record, null);
        const outcome = await publishSealed(options, record, file, sealed, previous).catch((err: unknown) => {
          if (!(err instanceof WriteError)) throw err;
          return { kind: 'failed' as const, diagnostics: [{ file, severity: 'error' as const, rule: 'io/write', message: err.message }] };
        });
        if (outcome.kind === 'published') {
          next.set(record, outcome.record);
          await claim(record, outcome.record);
          report(record, file, outcome.changed ? 'built' : 'unchanged');
          continue;
        }
        if (previous && outputsIntact(options.out, previous)) await claim(record, previous);
        if (outcome.kind === 'failed') {
          diagnostics.push(...outcome.diagnostics);
          keepPrevious(record);
          report(record, file, 'failed');
          continue;
        }
      }
      const { config, diagnostics: configProblems } = configOf(dirname(file));
      diagnostics.push(...configProblems);
      // Planning reads every record and stats every output: synchronous calls, ~20 µs each,
      // where awaiting thousands of small async ones one by one took half a second.
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        diagnostics.push({ file, severity: 'error', rule: 'archive/unreadable', message: msg('archive.record-unreadable', { code: (err as NodeJS.ErrnoException).code ?? 'error' }) });
        keepPrevious(record);
        report(record, file, 'failed');
        continue;
      }
      // A configuration with errors fails every record under it (render reports them); its
      // paths (fonts, templates) are not read for the fingerprint.
      const input = hasErrors(configProblems) ? 'config-error' : recordFingerprint(text, sharedFingerprint(config, options.formats, options.strict));
      const previous = manifest.records[record];
      // Stored warnings are finished sentences: in another language the record is rendered
      // again for them (its files are left alone when the bytes are the same, see onResult).
      const wordedHere = !previous?.diagnostics?.length || previous.lang === currentLanguage();
      if (previous && previous.input === input && wordedHere && outputsIntact(options.out, previous)) {
        next.set(record, previous);
        // Its warnings were found when it was built; they still stand.
        diagnostics.push(...(previous.diagnostics ?? []));
        report(record, file, 'unchanged');
      } else {
        jobs.push({ file, record, formats: options.formats, strict: options.strict });
        inputs.set(record, input);
      }
    }

    // Render, writing each record's outputs as its result arrives.
    const onResult = async (result: RenderJobResult): Promise<void> => {
      const { job } = result;
      const input = inputs.get(job.record)!;
      inputs.delete(job.record);
      pool.share(result.diagnostics as Diagnostic[]);
      diagnostics.push(...result.diagnostics);
      if (result.crash) diagnostics.push({ file: job.file, severity: 'error', rule: 'internal', message: msg('archive.crash', { detail: result.crash.split('\n')[0] ?? '' }) });
      if (!result.outputs || !result.entry) {
        keepPrevious(job.record);
        report(job.record, job.file, 'failed');
        return;
      }
      const sealed = ledger.entryFor(job.record);
      const differing = sealed ? differsFromSealed(sealed, result.outputs) : [];
      if (differing.length) {
        diagnostics.push({
          file: job.file,
          severity: 'error',
          rule: 'seal/not-reproducible',
          message: msg('archive.not-reproducible', { seq: sealed!.seq, formats: differing.join(` ${msg('archive.and')} `), sealed: join(options.dir, 'sealed') }),
        });
        keepPrevious(job.record);
        report(job.record, job.file, 'failed');
        return;
      }
      const files = new Map(job.formats.map((f) => [outputPath(options.out, job.record, f), result.outputs![f]!] as const));
      const previous = manifest.records[job.record];
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
      const worded = warnings.length ? { diagnostics: warnings, lang: currentLanguage() } : {};
      if (previous && previous.input === input && sameBytes(previous, result.outputs) && outputsIntact(options.out, previous)) {
        // Rendered again only for its warnings' wording: the files are as they were.
        const { diagnostics: _d, lang: _l, ...kept } = previous;
        const reworded = { ...kept, ...worded };
        next.set(job.record, reworded);
        await claim(job.record, reworded);
        report(job.record, job.file, 'unchanged');
        return;
      }
      // The pair's claim is withdrawn before either file is replaced: a kill between the
      // two renames leaves a pair the manifest does not claim, rendered again next time.
      if (previous) await claim(job.record, null);
      const written = new Map<string, WrittenFile>();
      try {
        await writeOutputs(files, { durable: false, root: options.out, written });
      } catch (err) {
        if (!(err instanceof WriteError)) throw err;
        diagnostics.push({ file: job.file, severity: 'error', rule: 'io/write', message: err.message });
        const kept = keepPrevious(job.record);
        // The old pair was put back: claimed again only if it is there as it was.
        if (kept && outputsIntact(options.out, kept)) await claim(job.record, kept);
        report(job.record, job.file, 'failed');
        return;
      }
      const outputs: ManifestRecord['outputs'] = {};
      for (const f of job.formats) {
        const s = written.get(outputPath(options.out, job.record, f))!;
        outputs[f] = { size: s.size, mtimeMs: s.mtimeMs, sha256: createHash('sha256').update(result.outputs[f]!).digest('hex') };
      }
      const claimed: ManifestRecord = { input, outputs, entry: result.entry, ...worded };
      next.set(job.record, claimed);
      await claim(job.record, claimed);
      report(job.record, job.file, 'built');
    };
    // A worker that stops is a warning: its records were rendered here instead.
    const onWorkerDied = (code: number): void => {
      diagnostics.push({ file: options.out, severity: 'warning', rule: 'build/worker-died', message: msg('archive.worker-died', { code }) });
    };
    // Handed over whole: each job is let go once rendered.
    await renderAll(jobs.splice(0), workerCount(inputs.size, options.workers), onResult, onWorkerDied);

    // Outputs of records that are gone (deleted or renamed) leave the archive too.
    await removeOrphans(options.out, manifest, next, claim, diagnostics);

    // Archive-wide checks, over every record in the archive (rebuilt or not).
    const entries = records.flatMap((r) => next.key(r) ?? []);
    const checked: CheckedEntry[] = entries.map((entry) => {
      const file = join(options.dir, entry.record);
      const { rules } = configOf(dirname(file)).config;
      return { entry, file, numbering: rules.numbering, schoolYearStarts: rules.school_year_starts };
    });
    diagnostics.push(...archiveChecks(checked));
    // Signed minutes the ledger does not hold yet: the next step is hattama seal.
    diagnostics.push(...unsealedSignedWarnings(checked, ledger.sealed));

    // The index: every meeting, in the archive's language (Russian only when every meeting is).
    const lang = entries.length && entries.every((e) => e.language === 'ru') ? 'ru' : 'kk';
    await writeIndex(options, { keys: entries, entry: (record) => next.entry(record)! }, lang, ledger, configOf(options.dir).config, ioProblem, spill);
    // The ledger's head, for whoever publishes out/ to check the ledger against later (ledger-head.ts).
    await publishLedgerHead(options.out, ledger).then(
      (problems) => diagnostics.push(...problems),
      (err: unknown) => ioProblem(join(options.out, 'ledger-head.json'), err),
    );
    try {
      await writeManifest(options.out, next.records(), (r) => next.json(r)!);
      // manifest.json now holds every claim the journal made.
      await journal?.finish();
    } catch (err) {
      // The journal keeps the claims made: the next build starts from them.
      ioProblem(join(options.out, MANIFEST_FILE), err);
    }
    return { total, built, unchanged, failed, diagnostics, seconds: (performance.now() - started) / 1000 };
  } finally {
    await journal?.close().catch(() => undefined);
    spill.close();
    release();
  }
}

/**
 * Writes out/index.json and out/index.html piece by piece, one file after the
 * other: at 10,000 meetings each text is tens of MB, never held whole
 * (index-page.ts indexPieces). A function of its own, so that nothing of the
 * page outlives its writing.
 */
async function writeIndex(
  options: BuildOptions,
  source: IndexSource,
  lang: 'kk' | 'ru',
  ledger: ReturnType<typeof readLedger>,
  config: LoadedConfig['config'],
  ioProblem: (file: string, err: unknown) => void,
  spill: Spill,
): Promise<void> {
  // hattama.yaml's `organisation.name` in the page's language names the archive; without it, the newest record's.
  const organisation = config.organisation?.name[lang];
  const { html, json } = indexPieces(source, { spill, lang, sealed: ledger.sealed, templates: config.templateDirs, ledger: publishableHead(ledger), ...(organisation ? { organisation } : {}) });
  await writeOutputStreamed(join(options.out, 'index.json'), json, { durable: false, root: options.out }).catch((err: unknown) => ioProblem(join(options.out, 'index.json'), err));
  await writeOutputStreamed(join(options.out, 'index.html'), html, { durable: false, root: options.out }).catch((err: unknown) => ioProblem(join(options.out, 'index.html'), err));
}

/** The worker script: dist/worker.js beside the bundle (absent when running from src/, then records render in this thread). */
const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Results being written at once; a renderer waits for its next record while this many are in hand. */
const MAX_WRITES = 8;

/**
 * Records one extra worker thread must have ahead of it to pay for itself. A
 * worker loads hattama and parses the fonts, and its first records run
 * before V8 has optimised anything: about as much CPU as 40 warm records
 * (measured: the first 10 records of a fresh thread cost 1.6 s of CPU, the
 * next 10 a quarter of that). That is against a build's own thread that
 * starts as cold. Started from the start-up snapshot, the build's own thread
 * has hattama loaded and compiled from its first record, and a worker pays
 * later: measured on 2 cores, at 100 records a worker added 1.9 s of CPU and
 * saved no time; at 300 it saved 15% of the time for 12% more CPU.
 */
const RECORDS_PER_WORKER = { cold: 40, warm: 150 };

let ownThread: keyof typeof RECORDS_PER_WORKER = 'cold';
/** The start-up snapshot's process says so (src/snapshot/entry.ts): this thread renders warm. */
export function renderingThreadIsWarm(): void {
  ownThread = 'warm';
}

/**
 * Worker threads to start besides this thread, which renders too. Asked
 * for (`--jobs N`): N − 1, but never more than there are other records or
 * other cores.
 * Otherwise: none for a handful of records, then one per RECORDS_PER_WORKER
 * records, up to one fewer than the cores. Each thread is a V8 heap of its
 * own, so fewer threads is also less memory.
 */
export function workerCount(jobs: number, requested: number | undefined): number {
  if (!existsSync(WORKER_FILE)) return 0;
  // More threads than cores only wait for each other, each with a heap of its own.
  if (requested !== undefined) return Math.max(0, Math.min(requested, availableParallelism(), jobs) - 1);
  return Math.max(0, Math.min(availableParallelism() - 1, Math.floor(jobs / RECORDS_PER_WORKER[ownThread])));
}

/**
 * Heap bounds of a worker. Rendering makes short-lived garbage only (what
 * lasts is the fonts and compiled templates, a few MB), so a small young
 * generation costs little time, and the old generation is capped so a long
 * build cannot let each worker's heap drift up (RSS grew with the archive).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 192 };

/**
 * Renders jobs in this thread and on `count` worker threads, calling
 * `onResult` as each finishes. All take records from one queue. Results are
 * written several at a time, and a renderer is given its next record only
 * while fewer than MAX_WRITES results wait: rendering outpaces writing, and
 * without that bound the rendered files queued up in memory.
 */
async function renderAll(
  jobs: readonly RenderJob[],
  count: number,
  onResult: (r: RenderJobResult) => Promise<void>,
  onWorkerDied: (code: number, records: number) => void,
): Promise<void> {
  const queue = [...jobs].reverse();
  const writing = new Set<Promise<void>>();
  let failure: { readonly err: unknown } | undefined;
  const write = (result: RenderJobResult): void => {
    const w: Promise<void> = onResult(result)
      .catch((err: unknown) => void (failure ??= { err }))
      .finally(() => writing.delete(w));
    writing.add(w);
  };
  /** Resolves when a renderer may take its next record; rejects once a write has failed. */
  const room = async (): Promise<void> => {
    while (writing.size >= MAX_WRITES) await Promise.race(writing);
    if (failure) {
      // Every renderer stops after its current record.
      queue.length = 0;
      throw failure.err;
    }
  };
  const pool = Array.from({ length: count }, () => new Worker(WORKER_FILE, { resourceLimits: WORKER_LIMITS, workerData: { lang: currentLanguage() } }));
  try {
    /**
     * Feeds one worker until the queue is empty. A worker that dies (an exit,
     * out of memory at its resource limits) gives its records in hand back to
     * the queue, where this thread or another worker renders them.
     */
    const inWorker = (worker: Worker): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        const inHand = new Map<string, RenderJob>();
        let stopped = false;
        const feed = (): void => {
          if (stopped) return;
          const job = queue.pop();
          if (job) {
            inHand.set(job.record, job);
            worker.postMessage(job);
          } else if (inHand.size === 0) {
            // Done: its exit when terminated below is no death.
            stopped = true;
            resolve();
          }
        };
        worker.on('message', (result: RenderJobResult) => {
          inHand.delete(result.job.record);
          write(result);
          room().then(feed, reject);
        });
        const died = (code: number): void => {
          if (stopped) return;
          stopped = true;
          queue.push(...inHand.values());
          if (inHand.size || code !== 0) onWorkerDied(code, inHand.size);
          inHand.clear();
          resolve();
        };
        // An uncaught error or running out of memory: an 'exit' follows.
        worker.on('error', () => undefined);
        worker.on('exit', died);
        // Two records in hand: while this thread renders (and cannot pass on results), the worker has its next one.
        feed();
        feed();
      });
    const here = async (): Promise<void> => {
      for (let job = queue.pop(); job; job = queue.pop()) {
        write(await renderOne(job));
        await room();
      }
    };
    // Every renderer runs to its end (never left running while the build goes on) ...
    const ended = await Promise.allSettled([here(), ...pool.map(inWorker)]);
    // ... then this thread renders what dead workers gave back, after the others had stopped taking records.
    if (!failure) await here().catch(() => undefined);
    // Every write finishes before the build closes the journal and releases its lock.
    while (writing.size) await Promise.allSettled([...writing]);
    if (failure) throw failure.err;
    const rejected = ended.find((e): e is PromiseRejectedResult => e.status === 'rejected');
    if (rejected) throw rejected.reason;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Why a ledger entry's output paths cannot be used (outside out/ or meetings/sealed/, or through a link), if so. */
function sealedPathProblem(options: { readonly dir: string; readonly out: string }, sealed: SealEntry): string | undefined {
  for (const o of Object.values(sealed.outputs)) {
    try {
      confine(options.out, o.path, { allowLinkAtEnd: true });
      confine(join(options.dir, SEALED_DIR), o.path);
    } catch (err) {
      if (!(err instanceof ConfinementError)) throw err;
      return `its output "${o.path}": ${err.message}`;
    }
  }
  return undefined;
}

/** True when `outputs` are byte for byte those the manifest entry recorded (by SHA-256), every format. */
function sameBytes(previous: ManifestRecord, outputs: Partial<Record<Format, Uint8Array>>): boolean {
  const formats = Object.keys(outputs) as Format[];
  return (
    formats.length === Object.keys(previous.outputs).length &&
    formats.every((f) => {
      const sha = previous.outputs[f]?.sha256;
      return sha !== undefined && sha === createHash('sha256').update(outputs[f]!).digest('hex');
    })
  );
}

/** True when the outputs a manifest entry records are still there as written (never looked at through a link). */
function outputsIntact(out: string, previous: ManifestRecord): boolean {
  for (const [format, recorded] of Object.entries(previous.outputs)) {
    let path: string;
    try {
      path = confine(out, previous.entry.outputs[format as Format] ?? '');
    } catch {
      return false;
    }
    const s = lstatSync(path, { throwIfNoEntry: false });
    if (!s?.isFile() || s.size !== recorded.size || s.mtimeMs !== recorded.mtimeMs) return false;
  }
  return Object.keys(previous.outputs).length > 0;
}

/**
 * Deletes the outputs of records in the previous manifest that the new one no
 * longer has, withdrawing each claim first. Only files inside out/, reached
 * without a symbolic link, are deleted; anything else is refused and named.
 */
async function removeOrphans(
  out: string,
  previous: Manifest,
  next: ClaimStore,
  claim: (record: string, value: null) => Promise<void>,
  diagnostics: Diagnostic[],
): Promise<void> {
  const kept = new Set([...next.keys()].flatMap((k) => Object.values(k.outputs)));
  for (const [record, r] of Object.entries(previous.records)) {
    if (next.has(record)) continue;
    await claim(record, null);
    for (const path of Object.values(r.entry.outputs)) {
      if (kept.has(path)) continue;
      try {
        const full = confine(out, path, { allowLinkAtEnd: true });
        await rm(full, { force: true });
      } catch (err) {
        const why = err instanceof ConfinementError ? err.message : ((err as NodeJS.ErrnoException).code ?? String(err));
        diagnostics.push({ file: join(out, MANIFEST_FILE), severity: 'error', rule: err instanceof ConfinementError ? 'archive/confinement' : 'io/write', message: msg('archive.not-deleted', { path, record: JSON.stringify(record), reason: why }) });
      }
    }
  }
}

/** Removes temporary files (".name.new.….tmp") left in the output folder by a killed build; never follows a link. */
async function clearStaleTemporaries(out: string): Promise<void> {
  // Recursive readdir does not descend into symbolic links to folders.
  const entries = await readdir(out, { recursive: true, withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((e) => e.isFile() && /^\..+\.(new|old)\.[\w.]+\.tmp$/.test(e.name))
      .map((e) => {
        const dir = e.parentPath ?? (e as unknown as { path: string }).path;
        // Only inside out/, reached without a link (a crafted folder name cannot lead elsewhere).
        try {
          return rm(confine(out, relative(out, join(dir, e.name))), { force: true }).catch(() => undefined);
        } catch {
          return undefined;
        }
      }),
  );
}
