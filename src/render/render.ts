/**
 * The pipeline for one record: YAML → checked record → meeting model →
 * template markup → block document → DOCX and PDF bytes, all in memory.
 * Nothing is written here; see `archive/output.ts` for that.
 */
import { dirname } from 'node:path';
import { layoutFor } from '../template/layout.js';
import type { Diagnostic } from '../parse/diagnostic.js';
import { hasErrors } from '../parse/diagnostic.js';
import { checkFile } from '../validate/index.js';
import { normalise } from '../model/normalise.js';
import type { Meeting } from '../model/meeting.js';
import { loadTemplate, TemplateError, TemplateNotFoundError } from '../template/engine.js';
import { DataFileError } from '../validate/data-file.js';
import { keyPositionOf, positionOf, type SourceFile } from '../parse/source.js';
import { parseMarkup, MarkupError } from '../document/markup.js';
import type { DocumentModel } from '../document/blocks.js';
import { configFor, type Config } from '../config/load.js';
import { utcDate } from '../util/dates.js';
import { findString } from '../util/walk.js';
import { GrammarError } from '../grammar/index.js';
import { msg } from '../messages/index.js';

/** Output formats hattama writes. */
export type Format = 'docx' | 'pdf';

/** What rendering one record produced. */
export interface RenderResult {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly meeting?: Meeting;
  readonly document?: DocumentModel;
  /** Bytes per format; absent when the record has errors. */
  readonly outputs?: ReadonlyMap<Format, Uint8Array>;
  readonly config?: Config;
  /** The parsed record, for placing diagnostics found after validation. */
  readonly source?: SourceFile;
}

/** Options for {@link renderFile}. */
export interface RenderOptions {
  readonly formats: readonly Format[];
  /** Treat warnings as errors. */
  readonly strict?: boolean;
}

/**
 * The instant stamped into the files: SOURCE_DATE_EPOCH when set (reproducible
 * builds), else the meeting date at 00:00 UTC. Never the clock.
 */
export function documentDate(meetingDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return utcDate(meetingDate);
}

/** Checks a record and builds its block document (no writers involved). */
export async function buildDocument(file: string, strict = false): Promise<RenderResult> {
  const { config, diagnostics: configDiagnostics } = configFor(dirname(file));
  const checked = await checkFile(file, config.rules, config.defaults);
  const diagnostics = [...configDiagnostics, ...checked.diagnostics];
  if (!checked.record || hasErrors(diagnostics, strict)) return { file, diagnostics, config };
  const meeting = normalise(checked.record, config.rules);
  if (layoutFor(config.layout, meeting.body).session_line && meeting.sitting === undefined && checked.source) {
    // Printing «кезекті» by default would misstate an extraordinary sitting whose record forgot to say so.
    diagnostics.push({
      file,
      position: positionOf(checked.source, []),
      severity: 'warning',
      rule: 'layout/sitting',
      message: msg('render.no-sitting'),
    });
    if (hasErrors(diagnostics, strict)) return { file, diagnostics, config };
  }
  let templateFile: string | undefined;
  try {
    const template = loadTemplate(meeting.language, meeting.template, config.templateDirs, checked.record.template !== undefined);
    templateFile = template.file;
    const parsed = parseMarkup(template.render(meeting, config.layout));
    const document: DocumentModel = { ...parsed, meta: { ...parsed.meta, date: documentDate(meeting.date) } };
    return { file, diagnostics, meeting, document, config, ...(checked.source && { source: checked.source }) };
  } catch (err) {
    if (err instanceof GrammarError) {
      return { file, diagnostics: [...diagnostics, grammarDiagnostic(file, err, checked.source)], meeting, config };
    }
    if (err instanceof TemplateNotFoundError && checked.source) {
      const explicit = err.key === 'template' || checked.record.language !== undefined;
      const position = explicit ? keyPositionOf(checked.source, [err.key]) : positionOf(checked.source, []);
      return { file, diagnostics: [...diagnostics, { file, position, severity: 'error', rule: 'template/missing', message: err.message }], meeting, config };
    }
    return { file, diagnostics: [...diagnostics, ...templateDiagnostics(err, templateFile)], meeting, config };
  }
}

/** Renders a record to every requested format, in memory. */
export async function renderFile(file: string, options: RenderOptions): Promise<RenderResult> {
  const built = await buildDocument(file, options.strict);
  if (!built.document || !built.config) return built;
  const outputs = new Map<Format, Uint8Array>();
  const missing = new Set<string>();
  // Writers are loaded only when asked for: pdfkit and docx dominate start-up.
  for (const format of options.formats) {
    if (format === 'docx') {
      const { writeDocx } = await import('../writers/docx/index.js');
      outputs.set('docx', await writeDocx(built.document, built.config.style));
    } else {
      const { writePdf, loadPdfFonts } = await import('../writers/pdf/index.js');
      const fonts = loadPdfFonts(built.config.style.font.pdf);
      outputs.set('pdf', await writePdf(built.document, built.config.style, { fonts, onMissingGlyph: (c) => missing.add(c) }));
    }
  }
  const diagnostics = [...built.diagnostics, ...[...missing].map((c) => missingGlyphDiagnostic(built, c))];
  if (hasErrors(diagnostics, options.strict)) return { ...built, diagnostics };
  return { ...built, diagnostics, outputs };
}

/**
 * A case form the template asks for and no grammar rule gives, reported where
 * the record can fix it: for the organisation's locative, at its name, asking
 * for `organisation.name_locative`; for other text, at the first record value
 * that holds it. The message does not repeat the text.
 */
function grammarDiagnostic(file: string, err: GrammarError, source: SourceFile | undefined): Diagnostic {
  const path = err.path ?? (err.text.trim() === '' ? undefined : findString(source?.value, err.text)?.map(String));
  const position = source && path ? positionOf(source, path) : undefined;
  const organisation = err.path?.join('.') === 'organisation.name';
  const fix =
    organisation && err.kase === 'locative'
      ? msg('render.case.fix-locative')
      : msg('render.case.fix-text');
  return {
    file,
    ...(position && { position }),
    severity: 'error',
    rule: 'grammar/case',
    message: msg(organisation ? 'render.case.name' : 'render.case.text', { case: msg(`render.case.${err.kase}`), reason: err.reason, fix }),
  };
}

/** A character the PDF font cannot draw, reported at the first record text that has it. */
function missingGlyphDiagnostic(built: RenderResult, char: string): Diagnostic {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const path = findString(built.source?.value, char);
  return {
    file: built.file,
    ...(built.source && path && { position: positionOf(built.source, path.map(String)) }),
    severity: 'warning',
    rule: 'text/no-glyph',
    message: msg('render.no-glyph', { char, code }),
  };
}

/**
 * A template problem, reported against the template file. Markup errors have
 * no position there: they are found in the template's output, so the message
 * quotes the rendered line instead.
 */
function templateDiagnostics(err: unknown, templateFile: string | undefined): Diagnostic[] {
  if (err instanceof MarkupError) {
    return [{ file: templateFile ?? 'template', severity: 'error', rule: 'template/markup', message: msg('render.markup', { detail: err.message, excerpt: err.excerpt }) }];
  }
  if (err instanceof TemplateError) return [{ file: err.file, severity: 'error', rule: 'template/render', message: err.message }];
  if (err instanceof DataFileError) return [...err.diagnostics];
  throw err;
}
