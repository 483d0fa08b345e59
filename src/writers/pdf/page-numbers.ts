/**
 * Page numbers, written after layout into the buffered pages: only when the
 * document has more than one page, from `pageNumbers.fromPage` on, as a bare
 * arabic numeral centred in the top or bottom margin (or at the right).
 * They are drawn with the text drawer, not pdfkit's `text()`, so writing in
 * the margin can never trigger pdfkit's automatic new page.
 */
import type {} from 'pdfkit';
import { drawString } from './draw-text.js';
import type { PageFlow } from './page-flow.js';

/** Numbers the pages of a finished layout. */
export function drawPageNumbers(flow: PageFlow, pageHeight: number): void {
  const { doc, faces, style } = flow;
  const pn = style.pageNumbers;
  const { start, count } = doc.bufferedPageRange();
  if (!pn.enabled || count < 2) return;
  const size = pn.sizePt;
  const ascent = faces.ascent(size);
  const descent = faces.lineHeight(size, 1) - ascent; // descender plus line gap: keeps the box centred
  for (let i = Math.max(1, pn.fromPage); i <= count; i++) {
    doc.switchToPage(start + i - 1);
    const text = String(i);
    const w = faces.width('regular', size, text);
    const x = pn.position === 'bottom-right' ? flow.left + flow.width - w : flow.left + (flow.width - w) / 2;
    // Centre the number's box vertically in the margin it sits in.
    const box = ascent + descent;
    const top = pn.position === 'top-center' ? (flow.top - box) / 2 : flow.bottom + (pageHeight - flow.bottom - box) / 2;
    drawString(doc, faces, 'regular', text, x, top + ascent, size);
  }
}
