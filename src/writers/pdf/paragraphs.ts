/**
 * Paragraphs: title, headings, body prose and requisite lines, each styled
 * by its role in the style profile.
 */
import type { Paragraph } from '../../document/blocks.js';
import { mmToPt } from '../../style/profile.js';
import { breakLines } from './line-breaking.js';
import type { PageFlow } from './page-flow.js';
import type { Placeable } from './placeable.js';
import { leadHeight, placeLines, type LineSet } from './text-lines.js';

/** Lays a paragraph out in the text column. */
export function prepareParagraph(p: Paragraph, flow: PageFlow): Placeable {
  const ps = flow.style.paragraphs[p.role];
  const size = flow.style.font.sizePt;
  const firstIndent = mmToPt(ps.firstLineIndentMm);
  const align = p.align ?? ps.align;
  const lines = breakLines(p.content, {
    faces: flow.faces,
    size,
    bold: ps.bold,
    italic: ps.italic,
    firstWidth: flow.width - firstIndent,
    width: flow.width,
    optimal: align === 'justify',
  });
  const set: LineSet = {
    lines,
    size,
    lineHeight: flow.faces.lineHeight(size, flow.style.font.lineSpacing),
    align,
    x: flow.left,
    width: flow.width,
    firstIndent,
  };
  return {
    spaceBefore: ps.spaceBeforePt,
    spaceAfter: ps.spaceAfterPt,
    height: lines.length * set.lineHeight,
    leadHeight: leadHeight(set),
    keepWithNext: ps.keepWithNext || p.keepWithNext === true,
    place(f, tail = 0) {
      f.spaceBefore(ps.spaceBeforePt);
      placeLines(f, set, tail > 0 ? ps.spaceAfterPt + tail : 0);
      f.spaceAfter(ps.spaceAfterPt);
    },
  };
}
