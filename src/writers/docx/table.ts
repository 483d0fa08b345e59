/**
 * The table block: a bordered, fixed-layout table filling the text width.
 */
import { BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Inline, Table as TableBlock } from '../../document/blocks.js';
import { mmToTwip, type StyleProfile } from '../../style/profile.js';
import { inlineRuns } from './runs.js';
import { STYLE_ID } from './styles.js';
import { distribute, docxAlignment, textWidthTwip } from './units.js';

const RULE = { style: BorderStyle.SINGLE, size: 4, color: 'auto' } as const;

/**
 * A data table. Column widths are the columns' relative widths scaled to the
 * text width and written in DXA on the grid, the table and every cell, with
 * fixed layout: LibreOffice otherwise sizes columns to content (docx #556).
 * The header row, if any, repeats on every page.
 *
 * @throws Error when a row has more cells than the table has columns.
 */
export function dataTable(block: TableBlock, style: StyleProfile): Table {
  const widths = distribute(textWidthTwip(style), block.columns.map((c) => c.width));
  const pad = mmToTwip(style.tables.cellPaddingMm);

  const row = (cells: readonly (readonly Inline[])[], header: boolean, label: string) => {
    if (cells.length > block.columns.length) {
      throw new Error(`table ${label} has ${cells.length} cells but the table has ${block.columns.length} columns`);
    }
    return new TableRow({
      ...(header ? { tableHeader: true } : {}),
      cantSplit: true,
      children: block.columns.map((col, i) => {
        const content = cells[i] ?? [];
        return new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          children: [
            header
              ? new Paragraph({ style: STYLE_ID.tableHeading, children: inlineRuns(content) })
              : new Paragraph({ style: STYLE_ID.tableText, alignment: docxAlignment(col.align), children: inlineRuns(content) }),
          ],
        });
      }),
    });
  };

  const rows = [
    ...(block.header ? [row(block.header, true, 'header row')] : []),
    ...block.rows.map((cells, i) => row(cells, false, `row ${i + 1}`)),
  ];
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    margins: { top: pad, bottom: pad, left: pad, right: pad },
  });
}
