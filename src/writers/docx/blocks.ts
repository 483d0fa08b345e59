/**
 * Blocks of the document model to docx paragraphs and tables.
 */
import { PageBreak, Paragraph, type FileChild } from 'docx';
import type { Block } from '../../document/blocks.js';
import type { StyleProfile } from '../../style/profile.js';
import { listStart } from '../shared.js';
import type { ListNumbering } from './numbering.js';
import { inlineRuns } from './runs.js';
import { signatureTable } from './signatures.js';
import { ROLE_STYLE, STYLE_ID } from './styles.js';
import { dataTable } from './table.js';
import { docxAlignment } from './units.js';

/**
 * The body of the document, in block order.
 *
 * A page break becomes `pageBreakBefore` on the next paragraph or list item, so
 * the new page starts with that text rather than with an empty paragraph. Only
 * when a table, the signatures or the end of the document follows is it written
 * as a paragraph holding a page-break run.
 */
export function renderBlocks(blocks: readonly Block[], style: StyleProfile, numbering: ListNumbering): FileChild[] {
  const out: FileChild[] = [];
  let breakPending = false;
  const flushBreak = () => {
    if (breakPending) out.push(new Paragraph({ children: [new PageBreak()] }));
    breakPending = false;
  };
  /** `pageBreakBefore` for the first paragraph after a page break. */
  const takeBreak = (): { pageBreakBefore?: true } => {
    if (!breakPending) return {};
    breakPending = false;
    return { pageBreakBefore: true };
  };

  blocks.forEach((block, index) => {
    // The text right before the signatures is kept with them (its last lines, under widow control),
    // so the signatures never stand alone on the last page.
    const beforeSignatures = blocks[index + 1]?.kind === 'signatures';
    switch (block.kind) {
      case 'paragraph':
        out.push(
          new Paragraph({
            style: ROLE_STYLE[block.role],
            ...(block.align ? { alignment: docxAlignment(block.align) } : {}),
            ...(block.keepWithNext || beforeSignatures ? { keepNext: true } : {}),
            ...takeBreak(),
            children: inlineRuns(block.content),
          }),
        );
        break;
      case 'list': {
        if (block.items.length === 0) break;
        const ref = numbering.newList(block.ordered, listStart(block), block.items.length);
        block.items.forEach((item, i) => {
          out.push(
            new Paragraph({
              style: STYLE_ID.list,
              numbering: { reference: ref.reference, instance: ref.instance, level: 0 },
              ...(beforeSignatures && i === block.items.length - 1 ? { keepNext: true } : {}),
              ...takeBreak(),
              children: inlineRuns(item.content),
            }),
          );
        });
        break;
      }
      case 'signatures':
        if (block.rows.length === 0) break;
        flushBreak();
        out.push(signatureTable(block, style));
        break;
      case 'table':
        if (block.columns.length === 0 || (block.header === null && block.rows.length === 0)) break;
        flushBreak();
        out.push(dataTable(block, style));
        break;
      case 'pageBreak':
        // Two breaks in a row still give one empty page between them.
        flushBreak();
        breakPending = true;
        break;
    }
  });
  flushBreak();
  return out;
}
