/**
 * Tables: a bordered grid across the text width, column shares scaled to it,
 * a bold header row repeated on every page, rows moved whole to the next page
 * rather than split (only a row taller than a page is split, by lines).
 */
import type { Align, Inline, Table } from '../../document/blocks.js';
import { mmToPt } from '../../style/profile.js';
import { drawLine } from './draw-text.js';
import { breakLines, type Line } from './line-breaking.js';
import type { PageFlow } from './page-flow.js';
import type { Placeable } from './placeable.js';

/** Stroke width of the grid, in points. */
const RULE = 0.5;
/** Least space under a table, in points. */
const TABLE_SPACE_AFTER = 12;

interface Row {
  /** Lines of each cell. */
  readonly cells: readonly (readonly Line[])[];
  readonly aligns: readonly Align[];
  /** Number of lines of the tallest cell. */
  readonly lineCount: number;
}

/** Lays out a table. */
export function prepareTable(table: Table, flow: PageFlow): Placeable {
  const { style, faces } = flow;
  const size = style.tables.fontSizePt;
  const lineHeight = faces.lineHeight(size, style.font.lineSpacing);
  const pad = mmToPt(style.tables.cellPaddingMm);
  const shares = table.columns.map((c) => Math.max(0, c.width));
  const sum = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => (sum > 0 ? (flow.width * s) / sum : flow.width / shares.length));
  const xs = widths.map((_, i) => flow.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const layRow = (cells: readonly (readonly Inline[])[], header: boolean): Row => {
    const laid = widths.map((w, i) =>
      breakLines(cells[i] ?? [], {
        faces,
        size,
        bold: header,
        italic: false,
        firstWidth: Math.max(1, w - 2 * pad),
        width: Math.max(1, w - 2 * pad),
        optimal: !header && table.columns[i]?.align === 'justify',
      }),
    );
    return {
      cells: laid,
      aligns: table.columns.map((c) => (header ? 'center' : c.align)),
      lineCount: Math.max(1, ...laid.map((l) => l.length)),
    };
  };
  const header = table.header ? layRow(table.header, true) : null;
  const rows = table.rows.map((r) => layRow(r, false));
  const rowHeight = (r: Row): number => r.lineCount * lineHeight + 2 * pad;
  const headerHeight = header ? rowHeight(header) : 0;
  const firstRow = rows[0];
  const lead = headerHeight + (firstRow ? rowHeight(firstRow) : 0);
  const height = headerHeight + rows.reduce((h, r) => h + rowHeight(r), 0);
  const right = flow.left + flow.width;

  /** Draws lines [from, to) of a row at the cursor; `top` says whether this is the first row on the page. */
  const drawRow = (f: PageFlow, row: Row, from: number, to: number, top: boolean): void => {
    const h = (to - from) * lineHeight + 2 * pad;
    const y = f.y;
    row.cells.forEach((lines, c) => {
      const x = xs[c] ?? f.left;
      const w = widths[c] ?? 0;
      for (let k = from; k < Math.min(to, lines.length); k++) {
        const line = lines[k];
        if (!line) continue;
        drawLine(f.doc, faces, line, {
          x: x + pad,
          width: w - 2 * pad,
          baseline: y + pad + (k - from) * lineHeight + faces.ascent(size),
          align: row.aligns[c] ?? 'left',
          size,
          maxSpaceRatio: f.style.justify.maxSpaceRatio,
        });
      }
    });
    const doc = f.doc.save().lineWidth(RULE);
    if (top) doc.moveTo(f.left, y).lineTo(right, y);
    doc.moveTo(f.left, y + h).lineTo(right, y + h);
    for (const x of [...xs, right]) doc.moveTo(x, y).lineTo(x, y + h);
    doc.stroke().restore();
    f.advance(h);
  };

  // Prose straight under a grid looks cramped: at least 12 pt after a table.
  const after = Math.max(style.paragraphs.body.spaceAfterPt, TABLE_SPACE_AFTER);
  return {
    spaceBefore: 0,
    spaceAfter: after,
    height,
    leadHeight: lead,
    keepWithNext: false,
    place(f) {
      // The header is drawn lazily, just before the first row of each page, so it is never left alone.
      let needHeader = true;
      let top = true; // the next row drawn is the first of the table on this page: it draws the top rule
      let fresh = f.atPageTop; // nothing of the table on this page yet, and the page is empty
      const drawHeader = (): void => {
        if (header && needHeader) {
          drawRow(f, header, 0, header.lineCount, top);
          top = false;
        }
        needHeader = false;
      };
      const nextPage = (): void => {
        f.newPage();
        needHeader = true;
        top = true;
        fresh = true;
      };
      if (rows.length === 0) drawHeader();
      for (const row of rows) {
        if (!f.fits((needHeader ? headerHeight : 0) + rowHeight(row)) && !fresh) nextPage();
        drawHeader();
        // Only a row taller than a page gets here without room: it is split by lines.
        let from = 0;
        while (from < row.lineCount) {
          const room = Math.floor((f.bottom - f.y - 2 * pad + 0.01) / lineHeight);
          const to = Math.min(row.lineCount, from + Math.max(1, room));
          drawRow(f, row, from, to, top);
          top = false;
          from = to;
          if (from < row.lineCount) {
            nextPage();
            drawHeader();
          }
        }
        fresh = false;
      }
      f.spaceAfter(after);
    },
  };
}
