/**
 * Inline content to docx runs.
 */
import { Tab, TextRun, UnderlineType, type IRunOptions } from 'docx';
import type { Inline } from '../../document/blocks.js';
import { removeXmlForbidden } from '../../util/xml.js';

/** Emphasis forced onto every run, e.g. bold for a table header row. */
export interface RunOverrides {
  readonly bold?: boolean;
}

/**
 * Runs for inline content. A `break` inline becomes `<w:br/>`; a newline or tab
 * inside text (which the block model should not contain, but a template might
 * produce) becomes a break or `<w:tab/>` rather than a raw control character.
 */
export function inlineRuns(content: readonly Inline[], overrides: RunOverrides = {}): TextRun[] {
  const runs: TextRun[] = [];
  for (const inline of content) {
    if (inline.kind === 'break') {
      runs.push(new TextRun({ break: 1 }));
      continue;
    }
    const format: IRunOptions = {
      ...(inline.bold !== undefined ? { bold: inline.bold } : {}),
      ...(inline.italic !== undefined ? { italics: inline.italic } : {}),
      ...(inline.underline ? { underline: { type: UnderlineType.SINGLE } } : {}),
      ...(overrides.bold !== undefined ? { bold: overrides.bold } : {}),
    };
    // docx escapes & < > itself but would write characters XML 1.0 forbids as they are, breaking the part.
    const text = removeXmlForbidden(inline.text.replace(/\r\n?/g, '\n'));
    for (const piece of text.split(/(\t|\n)/)) {
      if (piece === '') continue;
      if (piece === '\n') runs.push(new TextRun({ break: 1 }));
      else if (piece === '\t') runs.push(new TextRun({ ...format, children: [new Tab()] }));
      else runs.push(new TextRun({ ...format, text: piece }));
    }
  }
  return runs;
}
