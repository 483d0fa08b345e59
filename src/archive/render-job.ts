/** One record rendered for the archive build, in a worker or in the build's own thread. */
import type { Diagnostic } from '../parse/diagnostic.js';
import { renderFile, type Format } from '../render/render.js';
import { entryOf, type ArchiveEntry } from './entry.js';
import { outputRelPath } from './discover.js';

/** What the build asks a worker to do. */
export interface RenderJob {
  /** The record file, as the user would name it (for diagnostics). */
  readonly file: string;
  /** The record relative to the records folder. */
  readonly record: string;
  readonly formats: readonly Format[];
  readonly strict: boolean;
}

/** What comes back: diagnostics, and on success the bytes per format and the archive entry. */
export interface RenderJobResult {
  readonly job: RenderJob;
  readonly diagnostics: readonly Diagnostic[];
  readonly outputs?: Partial<Record<Format, Uint8Array>>;
  readonly entry?: ArchiveEntry;
  /** An unexpected failure (a bug), with its stack. */
  readonly crash?: string;
}

/** Renders one record; never throws (a crash comes back as `crash`). */
export async function renderOne(job: RenderJob): Promise<RenderJobResult> {
  try {
    const result = await renderFile(job.file, { formats: job.formats, strict: job.strict });
    if (!result.outputs || !result.meeting || !result.document) return { job, diagnostics: result.diagnostics };
    const outputs: Partial<Record<Format, Uint8Array>> = Object.fromEntries(result.outputs);
    const paths = Object.fromEntries(job.formats.map((f) => [f, outputRelPath(job.record, f)]));
    return { job, diagnostics: result.diagnostics, outputs, entry: entryOf(job.record, paths, result.meeting, result.document.meta.title) };
  } catch (err) {
    return { job, diagnostics: [], crash: (err as Error).stack ?? String(err) };
  }
}
