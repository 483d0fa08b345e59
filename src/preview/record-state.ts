/**
 * One record as the preview shows it: rendered in memory (render/render.ts),
 * the last good PDF and DOCX kept while the record has errors, so the page
 * never loses the pages it showed and never gets half of a new version.
 * Renders are serialised: a change that arrives during a render queues one
 * more render, never two at once.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import { renderFile } from '../render/render.js';
import { sortDiagnostics, type Diagnostic } from '../parse/diagnostic.js';
import { confine, ConfinementError, isInside } from '../archive/root.js';
import { msg } from '../messages/index.js';

/** A diagnostic as the page shows it: its place relative to the archive root. */
export interface PreviewDiagnostic {
  /** `file:line:column`, or `file` when there is no position. */
  readonly where: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly severity: Diagnostic['severity'];
  readonly rule: string;
  readonly message: string;
}

/** The outputs of the last render without errors. */
export interface GoodOutputs {
  readonly pdf: Uint8Array;
  readonly docx: Uint8Array;
  /** Changes whenever the bytes change: the page reloads the PDF only then. */
  readonly tag: string;
}

/** What the page needs to know about a record now. */
export interface RecordSnapshot {
  /** The record's path relative to the archive root, "/" separators. */
  readonly record: string;
  /** Goes up by one whenever anything shown changes. */
  readonly version: number;
  /** ok: the pages are the record as saved; errors: they are the last good version (or none). */
  readonly state: 'ok' | 'errors';
  readonly diagnostics: readonly PreviewDiagnostic[];
  /** The tag of the PDF shown, or null when the record never rendered. */
  readonly pdfTag: string | null;
}

/** `file` (absolute or relative to the current folder) as the user sees it: relative to the archive root. */
function shownPath(root: string, file: string): string {
  const full = resolve(file);
  return isInside(root, full) ? relative(root, full).split('\\').join('/') : isAbsolute(file) ? file : full;
}

/** Diagnostics for the page, sorted, each placed relative to the archive root. */
export function previewDiagnostics(root: string, list: readonly Diagnostic[]): PreviewDiagnostic[] {
  return sortDiagnostics(list).map((d) => {
    const file = shownPath(root, d.file);
    return {
      where: d.position ? `${file}:${d.position.line}:${d.position.column}` : file,
      file,
      ...(d.position && { line: d.position.line, column: d.position.column }),
      severity: d.severity,
      rule: d.rule,
      message: d.message,
    };
  });
}

const digest = (parts: readonly (Uint8Array | string)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 20);
};

/** A record under preview: render on demand, keep the last good outputs. */
export class RecordState {
  private version = 0;
  private good: GoodOutputs | undefined;
  private diagnostics: readonly PreviewDiagnostic[] = [];
  private ok = false;
  private shownKey = '';
  private running: Promise<void> | undefined;
  private again = false;
  private rendered = false;
  private stale = false;

  constructor(
    /** The archive root (absolute). */
    private readonly root: string,
    /** The record's path relative to the root, "/" separators. */
    readonly record: string,
  ) {}

  /** The record's absolute path. */
  get file(): string {
    return resolve(this.root, this.record);
  }

  /** The last good outputs, if the record ever rendered. */
  get outputs(): GoodOutputs | undefined {
    return this.good;
  }

  /** The state now (render first with {@link ensure} or {@link refresh}). */
  snapshot(): RecordSnapshot {
    return { record: this.record, version: this.version, state: this.ok ? 'ok' : 'errors', diagnostics: this.diagnostics, pdfTag: this.good?.tag ?? null };
  }

  /** Renders if it never has, or if something changed since (see {@link markStale}). */
  async ensure(): Promise<void> {
    if (!this.rendered || this.stale) await this.refresh();
  }

  /** Something it depends on changed while no page was watching: the next {@link ensure} renders again. */
  markStale(): void {
    this.stale = true;
  }

  /**
   * Renders again (after a save). Resolves when a render that started after
   * this call has finished; returns true when what the page shows changed.
   */
  async refresh(): Promise<boolean> {
    const before = this.version;
    if (this.running) {
      this.again = true;
      while (this.running) await this.running;
      return this.version !== before;
    }
    do {
      this.again = false;
      this.running = this.renderOnce();
      await this.running;
      this.running = undefined;
    } while (this.again);
    return this.version !== before;
  }

  private async renderOnce(): Promise<void> {
    this.stale = false;
    let diagnostics: Diagnostic[];
    let outputs: ReadonlyMap<string, Uint8Array> | undefined;
    try {
      // Checked at every render: a record replaced by a symbolic link since it was first served is refused.
      confine(this.root, this.record);
      const result = await renderFile(this.file, { formats: ['pdf', 'docx'] });
      diagnostics = [...result.diagnostics];
      outputs = result.outputs;
    } catch (err) {
      // A bug in a render must not stop the preview; it is shown like any problem.
      const refused = err instanceof ConfinementError;
      diagnostics = [{ file: this.file, severity: 'error', rule: refused ? 'preview/confine' : 'preview/internal', message: refused ? err.message : msg('preview.internal', { detail: (err as Error).message }) }];
      outputs = undefined;
    }
    this.rendered = true;
    const pdf = outputs?.get('pdf');
    const docx = outputs?.get('docx');
    if (pdf && docx) {
      const tag = digest([pdf, docx]);
      if (tag !== this.good?.tag) this.good = { pdf, docx, tag };
    }
    this.ok = pdf !== undefined && docx !== undefined;
    this.diagnostics = previewDiagnostics(this.root, diagnostics);
    const key = digest([String(this.ok), this.good?.tag ?? '', JSON.stringify(this.diagnostics)]);
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.version++;
    }
  }
}
