/**
 * Bulleted and numbered lists with a hanging indent: the text starts
 * `lists.indentMm` from the left margin, the marker `lists.hangingMm` before
 * it, and wrapped lines align with the text, not the marker. Numbered items
 * count from the list's `start`.
 */
import type { List } from '../../document/blocks.js';
import { mmToPt } from '../../style/profile.js';
import { listStart } from '../shared.js';
import { breakLines } from './line-breaking.js';
import type { PageFlow } from './page-flow.js';
import type { Placeable } from './placeable.js';
import { leadHeight, placeLines, type LineSet } from './text-lines.js';

/**
 * Lays a list out. Every numbered list counts from its own `start`. The
 * marker column is the hanging indent, widened for the whole list when its
 * widest marker (with a space after it) does not fit, so that every item's
 * text, wrapped lines included, starts at one x clear of the markers.
 */
export function prepareList(list: List, flow: PageFlow): Placeable {
  const { style, faces } = flow;
  const size = style.font.sizePt;
  const body = style.paragraphs.body;
  const indent = mmToPt(style.lists.indentMm);
  const hanging = mmToPt(style.lists.hangingMm);
  const lineHeight = faces.lineHeight(size, style.font.lineSpacing);
  const start = listStart(list);
  const markers = list.items.map((_, i) => (list.ordered ? `${start + i}.` : style.lists.bullet));
  const widest = Math.max(0, ...markers.map((m) => faces.width('regular', size, m)));
  // How far the widest marker and a space overrun the hanging indent: the text column moves right by that much.
  const widen = Math.max(0, widest + faces.spaceWidth('regular', size) - hanging);
  const markerX = flow.left + indent - hanging;
  const textX = flow.left + indent + widen;
  const textWidth = flow.width - indent - widen;
  const sets: LineSet[] = list.items.map((item, i) => ({
    lines: breakLines(item.content, {
      faces,
      size,
      bold: body.bold,
      italic: body.italic,
      firstWidth: textWidth,
      width: textWidth,
      optimal: style.lists.align === 'justify',
    }),
    size,
    lineHeight,
    align: style.lists.align,
    x: textX,
    width: textWidth,
    firstIndent: 0,
    marker: { text: markers[i] ?? '', face: 'regular', x: markerX },
  }));
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
    place(f, tail = 0) {
      if (sets.length === 0) return;
      f.spaceBefore(body.spaceBeforePt);
      sets.forEach((set, i) => {
        // Only the last item's last lines go with a block kept with the list.
        placeLines(f, set, i === sets.length - 1 && tail > 0 ? after + tail : 0);
        f.spaceAfter(i < sets.length - 1 ? itemGap : after);
      });
    },
  };
}
