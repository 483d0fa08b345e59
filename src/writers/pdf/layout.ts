/**
 * Block layout: measures every block, then places them in order, moving a
 * keep-with-next block (a heading) to the next page when what follows it
 * would not start on the same page, and carrying the last lines of the text
 * before the signatures over with them when they go to a new page.
 */
import type { Block } from '../../document/blocks.js';
import { prepareList } from './lists.js';
import type { PageFlow } from './page-flow.js';
import { prepareParagraph } from './paragraphs.js';
import type { Placeable } from './placeable.js';
import { prepareSignatures } from './signatures.js';
import { prepareTable } from './tables.js';

const pageBreak: Placeable = {
  spaceBefore: 0,
  spaceAfter: 0,
  height: 0,
  leadHeight: 0,
  keepWithNext: false,
  place: (f) => f.newPage(),
};

function prepare(block: Block, flow: PageFlow): Placeable {
  switch (block.kind) {
    case 'paragraph':
      return prepareParagraph(block, flow);
    case 'list':
      return prepareList(block, flow);
    case 'signatures':
      return prepareSignatures(block, flow);
    case 'table':
      return prepareTable(block, flow);
    case 'pageBreak':
      return pageBreak;
  }
}

/**
 * Height from the top of block `i` (its space before excluded) to the end of
 * the first piece of the first block that is not kept with its successor.
 */
function keptHeight(blocks: readonly Placeable[], i: number): number {
  const b = blocks[i];
  if (!b) return 0;
  const next = blocks[i + 1];
  if (!next || next === pageBreak) return b.height;
  const tail = next.keepWithNext ? keptHeight(blocks, i + 1) : next.leadHeight;
  return b.height + b.spaceAfter + next.spaceBefore + tail;
}

/**
 * Extra height a kept chain needs when the block it leads to is short and is
 * the last before the signatures: the signatures carry that block's last
 * lines to a new page, which would leave a label or heading alone at the
 * foot of the page before. A short block (about three lines) goes whole, so
 * the chain must fit with it and the signatures.
 */
function signatureCarry(blocks: readonly Placeable[], i: number): number {
  let j = i;
  while (blocks[j]?.keepWithNext) j++;
  const last = blocks[j];
  const signatures = blocks[j + 1];
  if (!last || j === i || !signatures?.keepWithPrevious || last.height > 3 * last.leadHeight) return 0;
  return last.height - last.leadHeight + last.spaceAfter + signatures.spaceBefore + signatures.height;
}

/** Lays out all blocks onto the flow's pages. */
export function layoutBlocks(blocks: readonly Block[], flow: PageFlow): void {
  const prepared = blocks.map((b) => prepare(b, flow));
  prepared.forEach((b, i) => {
    if (b.keepWithNext && !flow.atPageTop) {
      let need = b.spaceBefore + keptHeight(prepared, i) + signatureCarry(prepared, i);
      if (need > flow.pageBodyHeight) {
        // A chain longer than a page cannot stay together; keep at least this block with the next one's start.
        const next = prepared[i + 1];
        need = b.spaceBefore + b.height + (next ? b.spaceAfter + next.spaceBefore + next.leadHeight : 0);
      }
      if (need <= flow.pageBodyHeight && !flow.fits(need)) flow.newPage();
    }
    // A block kept with its predecessor (the signatures) needs its whole height below that block's last lines.
    const next = prepared[i + 1];
    b.place(flow, next?.keepWithPrevious ? next.spaceBefore + next.height : 0);
  });
}
