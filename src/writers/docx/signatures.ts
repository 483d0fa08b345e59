/**
 * The signature block: a borderless three-column table per the style profile —
 * role on the left, a line to sign on, the name on the right. The columns are
 * sized as in the PDF, the name's wide enough for the longest name on one line;
 * a long role wraps at spaces inside its own cell (fixed layout), and the row
 * grows; the signing line always spans the middle column.
 */
import {
  BorderStyle,
  type ITableCellOptions,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Signatures } from '../../document/blocks.js';
import type { StyleProfile } from '../../style/profile.js';
import { faceOf, measureWithFont } from '../pdf/fonts.js';
import { SIGNATURE_GUTTER_PT, signatureColumns, widestWord } from '../shared.js';
import { inlineRuns } from './runs.js';
import { STYLE_ID } from './styles.js';
import { distribute, docxAlignment, ptToTwip, textWidthTwip } from './units.js';

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
/** The signing line: a thin (½ pt) single rule. */
const SIGN_LINE = { style: BorderStyle.SINGLE, size: 4, color: 'auto' } as const;
/** Room between the role and the line, and between the line and the name, as in the PDF. */
const GUTTER = ptToTwip(SIGNATURE_GUTTER_PT);

/**
 * Column widths in twips, summing to the text width: sized as in the PDF,
 * from the names and roles measured with the PDF's faces (Times New Roman's metrics).
 */
function columnWidths(block: Signatures, style: StyleProfile): number[] {
  const size = style.font.sizePt;
  const measure = (text: string, bold: boolean, italic: boolean): number => {
    try {
      return measureWithFont(style.font.pdf[faceOf(bold, italic)], text, size);
    } catch {
      // A DOCX needs no PDF font: when it cannot be read, a generous estimate (0.6 em a character) serves.
      return [...text].length * 0.6 * size;
    }
  };
  const total = textWidthTwip(style);
  const cols = signatureColumns(
    total / 20,
    style.signatures.columns,
    Math.max(0, ...block.rows.map((r) => measure(r.name, false, false))),
    Math.max(0, ...block.rows.map((r) => widestWord(r.role, measure))),
    Math.max(0, ...block.rows.map((r) => widestWord([{ kind: 'text', text: r.name }], measure))),
  );
  return distribute(total, [cols.role, cols.line, cols.name]);
}

/**
 * The signature table. Every row is `cantSplit` and all but the last are
 * kept with the next, so the block never splits across pages. Cells align to
 * the bottom so the last lines of the role and of the name sit on the signing
 * line. The role's cell keeps a gutter on its right and the name's on its
 * left, so neither text runs up to the line however long it is.
 */
export function signatureTable(block: Signatures, style: StyleProfile): Table {
  const sig = style.signatures;
  const widths = columnWidths(block, style);
  const width = (i: number) => ({ size: widths[i] ?? 0, type: WidthType.DXA });
  const rows = block.rows.map((row, r) => {
    // The gap above the block, then between rows, as paragraph spacing in every
    // cell of the row so that bottom alignment is not thrown off.
    const before = ptToTwip(r === 0 ? sig.spaceBeforePt : sig.rowGapPt);
    const para = (align: 'left' | 'right', children: ReturnType<typeof inlineRuns>) =>
      new Paragraph({ style: STYLE_ID.signature, alignment: docxAlignment(align), spacing: { before }, children });
    const cell = (i: number, children: Paragraph[], extra: Pick<ITableCellOptions, 'borders' | 'margins'> = {}) =>
      new TableCell({
        width: width(i),
        verticalAlign: VerticalAlignTable.BOTTOM,
        ...(extra.margins ? { margins: extra.margins } : {}),
        borders: { top: NO_BORDER, left: NO_BORDER, bottom: NO_BORDER, right: NO_BORDER, ...extra.borders },
        children,
      });
    return new TableRow({
      cantSplit: true,
      ...(r < block.rows.length - 1 ? { keepNext: true } : {}),
      children: [
        cell(0, [para('left', inlineRuns(row.role))], { margins: { right: GUTTER } }),
        cell(1, [para('left', [])], { borders: { bottom: SIGN_LINE } }),
        cell(2, [para('right', inlineRuns([{ kind: 'text', text: row.name }]))], { margins: { left: GUTTER } }),
      ],
    });
  });
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    // No cell padding: role text lines up with the body's left margin, the name with the right one.
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  });
}
