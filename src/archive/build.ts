/**
 * The archive build: every record under the records folder into the output
 * folder, in parallel, rebuilding only what changed.
 *
 * - A record is rebuilt when its input fingerprint (record text, hattama,
 *   templates, data, style, fonts, hattama.yaml, formats) differs from the one
 *   in out/manifest.json, or an output is missing or was changed.
 * - Rendering runs in worker threads (one per core; each parses the fonts
 *   once); a handful of records render in this thread, where starting workers
 *   would cost more than it saves.
 * - Each record's files are written as a unit (temporary files, then rename);
 *   one bad record is reported and the others go on.
 * - Sealed records are published from the copies kept beside the ledger,
 *   never rendered again (publish-sealed.ts).
 * - One build at a time per output folder (a lock file); temporary files left
 *   by a killed build are cleared at the start.
 * - At the end: archive checks, out/index.html and out/index.json, and
 *   out/manifest.json.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../parse/diagnostic.js';
import type { Format } from '../render/render.js';
import { configFor } from '../config/load.js';
import { findRecords, outputPath } from './discover.js';
import { writeOutputs, WriteError } from './output.js';
import { acquireLock } from './lock.js';
import { recordFingerprint, sharedFingerprint } from './fingerprint.js';
import { archiveChecks, outputClashes, type CheckedEntry } from './checks.js';
import { renderOne, type RenderJob, type RenderJobResult } from './render-job.js';
import type { ArchiveEntry } from './entry.js';
import { readManifest, writeManifest, type Manifest, type ManifestRecord } from './manifest.js';
import { ledgerFile, readLedger } from './seal.js';
import { publishableHead, publishLedgerHead } from './ledger-head.js';
import { publishSealed, differsFromSealed } from './publish-sealed.js';
import { renderIndex } from './index-page.js';

/** Options of {@link buildArchive}. */
export interface BuildOptions {
  /** The records folder (e.g. "meetings"). */
  readonly dir: string;
  /** The output folder (e.g. "out"). */
  readonly out: string;
  readonly formats: readonly Format[];
  readonly strict: boolean;
  /** Worker threads; default: one per core. */
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
  /** Every meeting in the archive after the build, for the index. */
  readonly entries: readonly ArchiveEntry[];
  readonly seconds: number;
}

/** Records rendered in this thread below this many; workers above. */
const WORKER_THRESHOLD = 6;

/** Builds the archive. @throws LockedError when another build holds the output folder */
export async function buildArchive(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const release = acquireLock(options.out);
  try {
    await clearStaleTemporaries(options.out);
    const records = await findRecords(options.dir);
    const manifest = await readManifest(options.out);
    const next: Manifest = { hattama: 1, records: {} };
    const diagnostics: Diagnostic[] = [];
    const built: string[] = [];
    const unchanged: string[] = [];
    const failed: string[] = [];
    let done = 0;
    const report = (record: string, file: string, outcome: BuildProgress['outcome']): void => {
      (outcome === 'built' ? built : outcome === 'unchanged' ? unchanged : failed).push(record);
      options.onProgress?.({ record, file, outcome, done: ++done, total: records.length });
    };

    // A record that fails keeps its last good outputs and its place in the index: a bad
    // edit never takes published minutes down (the error says what to fix).
    const keepPrevious = (record: string): void => {
      const previous = manifest.records[record];
      if (previous) next.records[record] = { ...previous, input: 'failed' };
    };

    // Plan: which records need rendering. Sealed records are published from their kept copies.
    const ledger = readLedger(ledgerFile(options.dir));
    diagnostics.push(...ledger.diagnostics);
    const clashes = outputClashes(records);
    const jobs: { job: RenderJob; input: string }[] = [];
    for (const record of records) {
      const file = join(options.dir, record);
      const clash = clashes.get(record);
      if (clash) {
        diagnostics.push({ file, severity: 'error', rule: 'archive/output-clash', message: `this record and ${clash.map((c) => join(options.dir, c)).join(', ')} would be written to the same files; rename one` });
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
      if (sealed) {
        const outcome = await publishSealed(options, record, file, sealed, manifest.records[record]).catch((err: unknown) => {
          if (!(err instanceof WriteError)) throw err;
          return { kind: 'failed' as const, diagnostics: [{ file, severity: 'error' as const, rule: 'io/write', message: err.message }] };
        });
        if (outcome.kind === 'published') {
          next.records[record] = outcome.record;
          report(record, file, outcome.changed ? 'built' : 'unchanged');
          continue;
        }
        if (outcome.kind === 'failed') {
          diagnostics.push(...outcome.diagnostics);
          keepPrevious(record);
          report(record, file, 'failed');
          continue;
        }
      }
      const { config, diagnostics: configProblems } = configFor(dirname(file));
      diagnostics.push(...configProblems);
      // Planning reads every record and stats every output: synchronous calls, ~20 µs each,
      // where awaiting thousands of small async ones one by one took half a second.
      const input = recordFingerprint(readFileSync(file, 'utf8'), sharedFingerprint(config, options.formats, options.strict));
      const previous = manifest.records[record];
      if (previous && previous.input === input && outputsIntact(options.out, previous)) {
        next.records[record] = previous;
        // Its warnings were found when it was built; they still stand.
        diagnostics.push(...(previous.diagnostics ?? []));
        report(record, file, 'unchanged');
      } else {
        jobs.push({ job: { file, record, formats: options.formats, strict: options.strict }, input });
      }
    }

    // Render, writing each record's outputs as its result arrives.
    const inputs = new Map(jobs.map((j) => [j.job.record, j.input]));
    const onResult = async (result: RenderJobResult): Promise<void> => {
      const { job } = result;
      diagnostics.push(...result.diagnostics);
      if (result.crash) diagnostics.push({ file: job.file, severity: 'error', rule: 'internal', message: `hattama failed on this record (a bug; please report it): ${result.crash.split('\n')[0]}` });
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
          message: `sealed (entry ${sealed!.seq}), but its ${differing.join(' and ')} as rendered now differ from what was sealed, and the sealed copies are not in ${join(options.dir, 'sealed')}: restore them from version control; nothing was written`,
        });
        keepPrevious(job.record);
        report(job.record, job.file, 'failed');
        return;
      }
      const files = new Map(job.formats.map((f) => [outputPath(options.out, job.record, f), result.outputs![f]!] as const));
      try {
        await writeOutputs(files, { durable: false });
      } catch (err) {
        if (!(err instanceof WriteError)) throw err;
        diagnostics.push({ file: job.file, severity: 'error', rule: 'io/write', message: err.message });
        keepPrevious(job.record);
        report(job.record, job.file, 'failed');
        return;
      }
      const outputs: ManifestRecord['outputs'] = {};
      for (const f of job.formats) {
        const s = await stat(outputPath(options.out, job.record, f));
        outputs[f] = { size: s.size, mtimeMs: s.mtimeMs };
      }
      const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
      next.records[job.record] = { input: inputs.get(job.record)!, outputs, entry: result.entry, ...(warnings.length && { diagnostics: warnings }) };
      report(job.record, job.file, 'built');
    };
    const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), jobs.length));
    if (jobs.length < WORKER_THRESHOLD || workers === 1 || !existsSync(WORKER_FILE)) {
      for (const { job } of jobs) await onResult(await renderOne(job));
    } else {
      await renderInWorkers(jobs.map((j) => j.job), workers, onResult);
    }

    // Outputs of records that are gone (deleted or renamed) leave the archive too.
    await removeOrphans(options.out, manifest, next);

    // Archive-wide checks, over every record in the archive (rebuilt or not).
    const entries = records.flatMap((r) => (next.records[r] ? [next.records[r]!.entry] : []));
    const checked: CheckedEntry[] = entries.map((entry) => {
      const file = join(options.dir, entry.record);
      const { rules } = configFor(dirname(file)).config;
      return { entry, file, numbering: rules.numbering, schoolYearStarts: rules.school_year_starts };
    });
    diagnostics.push(...archiveChecks(checked));

    // The index: every meeting, in the archive's language (Russian only when every meeting is).
    const lang = entries.length && entries.every((e) => e.language === 'ru') ? 'ru' : 'kk';
    // Encoded and written one after the other, not both at once: at 10,000
    // meetings each is tens of MB. The block lets both texts go before the manifest.
    {
      const { html, json } = renderIndex(entries, { lang, sealed: ledger.sealed, templates: configFor(options.dir).config.templateDirs, ledger: publishableHead(ledger) });
      await writeOutputs(new Map([[join(options.out, 'index.json'), Buffer.from(json)]]), { durable: false });
      await writeOutputs(new Map([[join(options.out, 'index.html'), Buffer.from(html)]]), { durable: false });
    }
    // The ledger's head, for whoever publishes out/ to check the ledger against later (ledger-head.ts).
    diagnostics.push(...(await publishLedgerHead(options.out, ledger)));
    await writeManifest(options.out, next);
    return { total: records.length, built, unchanged, failed, diagnostics, entries, seconds: (performance.now() - started) / 1000 };
  } finally {
    release();
  }
}

/** The worker script: dist/worker.js beside the bundle (absent when running from src/, then records render in this thread). */
const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Results being written at once; a worker waits for its next record while this many are in hand. */
const MAX_WRITES = 8;

/**
 * Renders jobs on a pool of worker threads, calling `onResult` as each
 * finishes. Results are written several at a time (each write flushes to
 * disk), and a worker is given its next record only while fewer than
 * MAX_WRITES results wait: rendering outpaces writing, and without that bound
 * the rendered files queued up in memory (RSS grew with the archive).
 */
async function renderInWorkers(jobs: readonly RenderJob[], count: number, onResult: (r: RenderJobResult) => Promise<void>): Promise<void> {
  const queue = [...jobs];
  const pool = Array.from({ length: count }, () => new Worker(WORKER_FILE));
  const writing = new Set<Promise<void>>();
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              const job = queue.shift();
              if (job) worker.postMessage(job);
              else resolve();
            };
            worker.on('message', (result: RenderJobResult) => {
              const write: Promise<void> = onResult(result).finally(() => writing.delete(write));
              writing.add(write);
              write.catch(reject);
              if (writing.size < MAX_WRITES) feed();
              else void Promise.race(writing).then(feed, reject);
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a build worker stopped (exit ${code})`))));
            feed();
          }),
      ),
    );
    await Promise.all(writing);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** True when the outputs a manifest entry records are still there as written. */
function outputsIntact(out: string, previous: ManifestRecord): boolean {
  for (const [format, recorded] of Object.entries(previous.outputs)) {
    const s = statSync(join(out, previous.entry.outputs[format as Format] ?? ''), { throwIfNoEntry: false });
    if (!s || s.size !== recorded.size || s.mtimeMs !== recorded.mtimeMs) return false;
  }
  return Object.keys(previous.outputs).length > 0;
}

/** Deletes the outputs of records in the previous manifest that the new one no longer has. */
async function removeOrphans(out: string, previous: Manifest, next: Manifest): Promise<void> {
  const kept = new Set(Object.values(next.records).flatMap((r) => Object.values(r.entry.outputs)));
  const gone = Object.entries(previous.records)
    .filter(([record]) => !next.records[record])
    .flatMap(([, r]) => Object.values(r.entry.outputs))
    .filter((path) => !kept.has(path));
  await Promise.all(gone.map((path) => rm(join(out, path), { force: true })));
}

/** Removes temporary files (".name.new.….tmp") left in the output folder by a killed build. */
async function clearStaleTemporaries(out: string): Promise<void> {
  const entries = await readdir(out, { recursive: true, withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((e) => e.isFile() && /^\..+\.(new|old)\.[\w.]+\.tmp$/.test(e.name))
      .map((e) => rm(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), { force: true })),
  );
}
