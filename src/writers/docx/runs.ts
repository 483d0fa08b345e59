/**
 * Inline content to docx runs.
 */
import { Tab, TextRun, UnderlineType, type IRunOptions } from 'docx';
import type { Inline } from '../../document/blocks.js';

/** Characters XML 1.0 cannot carry at all; docx would write them as-is and break the part. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

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
    const text = inline.text.replace(/\r\n?/g, '\n').replace(XML_INVALID, '');
    for (const piece of text.split(/(\t|\n)/)) {
      if (piece === '') continue;
      if (piece === '\n') runs.push(new TextRun({ break: 1 }));
      else if (piece === '\t') runs.push(new TextRun({ ...format, children: [new Tab()] }));
      else runs.push(new TextRun({ ...format, text: piece }));
    }
  }
  return runs;
}
