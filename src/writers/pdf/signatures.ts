/**
 * The signature block: per row the role on the left, a drawn line to sign
 * on in the middle column, the name right-aligned on the same baseline.
 * The line is a vector stroke, not underscores, so extracted text stays clean.
 * The whole block stays on one page.
 */
import type { Signatures } from '../../document/blocks.js';
import { breakLines, type Line } from './line-breaking.js';
import { drawLine } from './draw-text.js';
import type { PageFlow } from './page-flow.js';
import type { Placeable } from './placeable.js';

/** Room between columns, in points. */
const GUTTER = 8;
/** The signing line sits this far below the baseline, in points. */
const LINE_DROP = 2;
/** Stroke width of the signing line, in points. */
const LINE_WIDTH = 0.6;

interface Row {
  readonly role: readonly Line[];
  readonly name: Line;
  readonly height: number;
}

/** Lays out a signature block. */
export function prepareSignatures(block: Signatures, flow: PageFlow): Placeable {
  const { style, faces } = flow;
  const size = style.font.sizePt;
  const lineHeight = faces.lineHeight(size, style.font.lineSpacing);
  const [c0, c1, c2] = style.signatures.columns;
  const total = c0 + c1 + c2 || 1;
  const roleWidth = (flow.width * c0) / total;
  const lineWidth = (flow.width * c1) / total;
  const rowGap = style.signatures.rowGapPt;
  const opts = { faces, size, bold: false, italic: false };
  const rows: Row[] = block.rows.map((r) => {
    const role = breakLines(r.role, { ...opts, firstWidth: roleWidth - GUTTER, width: roleWidth - GUTTER });
    // Names are short; one line, allowed to reach into the line column if long.
    const name = breakLines([{ kind: 'text', text: r.name }], { ...opts, firstWidth: Infinity, width: Infinity })[0] ?? {
      words: [],
      gaps: [],
      width: 0,
      last: true,
    };
    return { role, name, height: Math.max(1, role.length) * lineHeight };
  });
  const height = rows.reduce((h, r) => h + r.height, 0) + rowGap * Math.max(0, rows.length - 1);

  const placeRow = (f: PageFlow, row: Row): void => {
    const ascent = faces.ascent(size);
    row.role.forEach((line, i) => {
      drawLine(f.doc, faces, line, { x: f.left, width: roleWidth - GUTTER, baseline: f.y + i * lineHeight + ascent, align: 'left', size });
    });
    const baseline = f.y + (Math.max(1, row.role.length) - 1) * lineHeight + ascent;
    const right = f.left + f.width;
    drawLine(f.doc, faces, row.name, { x: f.left, width: f.width, baseline, align: 'right', size });
    const lineStart = f.left + roleWidth;
    const lineEnd = Math.min(lineStart + lineWidth, right - row.name.width - GUTTER);
    if (lineEnd - lineStart > GUTTER) {
      f.doc
        .save()
        .lineWidth(LINE_WIDTH)
        .moveTo(lineStart, baseline + LINE_DROP)
        .lineTo(lineEnd, baseline + LINE_DROP)
        .stroke()
        .restore();
    }
    f.advance(row.height);
  };

  return {
    spaceBefore: style.signatures.spaceBeforePt,
    spaceAfter: 0,
    height,
    leadHeight: height,
    keepWithNext: false,
    place(f) {
      f.spaceBefore(style.signatures.spaceBeforePt);
      if (!f.atPageTop && !f.fits(height) && height <= f.pageBodyHeight) f.newPage();
      rows.forEach((row, i) => {
        if (i > 0) f.spaceAfter(rowGap);
        // Only a block taller than a page gets here without room.
        if (!f.atPageTop && !f.fits(row.height)) f.newPage();
        placeRow(f, row);
      });
    },
  };
}
