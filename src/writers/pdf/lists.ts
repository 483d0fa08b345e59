/**
 * Bulleted and numbered lists with a hanging indent: the text starts
 * `lists.indentMm` from the left margin, the marker `lists.hangingMm` before
 * it, and wrapped lines align with the text, not the marker.
 */
import type { List } from '../../document/blocks.js';
import { mmToPt } from '../../style/profile.js';
import { breakLines } from './line-breaking.js';
import type { PageFlow } from './page-flow.js';
import type { Placeable } from './placeable.js';
import { leadHeight, placeLines, type LineSet } from './text-lines.js';

/** Lays a list out; numbering restarts at 1 for every list. */
export function prepareList(list: List, flow: PageFlow): Placeable {
  const { style, faces } = flow;
  const size = style.font.sizePt;
  const body = style.paragraphs.body;
  const indent = mmToPt(style.lists.indentMm);
  const hanging = mmToPt(style.lists.hangingMm);
  const lineHeight = faces.lineHeight(size, style.font.lineSpacing);
  const textX = flow.left + indent;
  const textWidth = flow.width - indent;
  const sets: LineSet[] = list.items.map((item, i) => {
    const marker = list.ordered ? `${i + 1}.` : style.lists.bullet;
    const markerWidth = faces.width('regular', size, marker);
    // A marker wider than the hanging indent pushes the first line right instead of overprinting it.
    const firstIndent = Math.max(0, markerWidth + faces.spaceWidth('regular', size) - hanging);
    return {
      lines: breakLines(item.content, {
        faces,
        size,
        bold: body.bold,
        italic: body.italic,
        firstWidth: textWidth - firstIndent,
        width: textWidth,
        optimal: body.align === 'justify',
      }),
      size,
      lineHeight,
      align: body.align,
      x: textX,
      width: textWidth,
      firstIndent,
      marker: { text: marker, face: 'regular', x: textX - hanging },
    };
  });
  const itemGap = style.lists.spaceAfterPt;
  // The list sits in running prose: after its last item comes the body's paragraph spacing.
  const after = Math.max(itemGap, body.spaceAfterPt);
  const first = sets[0];
  return {
    spaceBefore: body.spaceBeforePt,
    spaceAfter: after,
    height: sets.reduce((h, s) => h + s.lines.length * lineHeight, 0) + itemGap * Math.max(0, sets.length - 1),
    leadHeight: first ? leadHeight(first) : 0,
    keepWithNext: false,
    place(f) {
      if (sets.length === 0) return;
      f.spaceBefore(body.spaceBeforePt);
      sets.forEach((set, i) => {
        placeLines(f, set);
        f.spaceAfter(i < sets.length - 1 ? itemGap : after);
      });
    },
  };
}
