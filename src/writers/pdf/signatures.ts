/**
 * The signature block: per row the role in the left column, a drawn line to
 * sign on across the middle column, the name right-aligned in the right
 * column. Columns follow `signatures.columns`, the name's widened to hold
 * the longest name on one line (see {@link signatureColumns}); a long role
 * wraps at spaces within its own column and the row grows, bottom-aligned as
 * in the DOCX: the last lines of role and name share the baseline the signing line sits under.
 * The line is a vector stroke, not underscores, so extracted text stays
 * clean. The whole block stays on one page.
 */
import type { Signatures } from '../../document/blocks.js';
import { SIGNATURE_GUTTER_PT, signatureColumns, widestWord } from '../shared.js';
import { faceOf } from './fonts.js';
import { breakLines, type Line } from './line-breaking.js';
import { drawLine } from './draw-text.js';
import type { PageFlow } from './page-flow.js';
import type { Placeable } from './placeable.js';

/** The signing line sits this far below the baseline, in points. */
const LINE_DROP = 2;
/** Stroke width of the signing line, in points. */
const LINE_WIDTH = 0.6;

interface Row {
  readonly role: readonly Line[];
  readonly name: readonly Line[];
  /** Lines of the taller of role and name (at least 1). */
  readonly lineCount: number;
  readonly height: number;
}

/** Lays out a signature block. */
export function prepareSignatures(block: Signatures, flow: PageFlow): Placeable {
  const { style, faces } = flow;
  const size = style.font.sizePt;
  const lineHeight = faces.lineHeight(size, style.font.lineSpacing);
  const measure = (text: string, bold: boolean, italic: boolean): number => faces.width(faceOf(bold, italic), size, text);
  const cols = signatureColumns(
    flow.width,
    style.signatures.columns,
    Math.max(0, ...block.rows.map((r) => measure(r.name, false, false))),
    Math.max(0, ...block.rows.map((r) => widestWord(r.role, measure))),
    Math.max(0, ...block.rows.map((r) => widestWord([{ kind: 'text', text: r.name }], measure))),
  );
  // The role's column ends a gutter before the line; the name's starts a gutter after it.
  const roleWidth = cols.role;
  const lineWidth = cols.line;
  const nameWidth = cols.name;
  const roleText = Math.max(1, roleWidth - SIGNATURE_GUTTER_PT);
  const nameText = Math.max(1, nameWidth - SIGNATURE_GUTTER_PT);
  const rowGap = style.signatures.rowGapPt;
  const opts = { faces, size, bold: false, italic: false };
  const rows: Row[] = block.rows.map((r) => {
    const role = breakLines(r.role, { ...opts, firstWidth: roleText, width: roleText });
    const name = breakLines([{ kind: 'text', text: r.name }], { ...opts, firstWidth: nameText, width: nameText });
    const lineCount = Math.max(1, role.length, name.length);
    return { role, name, lineCount, height: lineCount * lineHeight };
  });
  const height = rows.reduce((h, r) => h + r.height, 0) + rowGap * Math.max(0, rows.length - 1);

  const placeRow = (f: PageFlow, row: Row): void => {
    const ascent = faces.ascent(size);
    const right = f.left + f.width;
    /** Baseline of line `i` of a column of `n` lines, bottom-aligned in the row. */
    const baselineOf = (i: number, n: number): number => f.y + (row.lineCount - n + i) * lineHeight + ascent;
    row.role.forEach((line, i) => {
      drawLine(f.doc, faces, line, { x: f.left, width: roleText, baseline: baselineOf(i, row.role.length), align: 'left', size });
    });
    row.name.forEach((line, i) => {
      drawLine(f.doc, faces, line, { x: right - nameText, width: nameText, baseline: baselineOf(i, row.name.length), align: 'right', size });
    });
    const baseline = baselineOf(0, 1);
    const lineStart = f.left + roleWidth;
    if (lineWidth > 0) {
      f.doc
        .save()
        .lineWidth(LINE_WIDTH)
        .moveTo(lineStart, baseline + LINE_DROP)
        .lineTo(lineStart + lineWidth, baseline + LINE_DROP)
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
    keepWithPrevious: true,
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
