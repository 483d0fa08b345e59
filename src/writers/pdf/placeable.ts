/**
 * A block measured and ready to place: what the page flow needs to know
 * before placing it (for keep-with-next) and how to place it.
 */
import type { PageFlow } from './page-flow.js';

/** A block laid out into lines, not yet put on a page. */
export interface Placeable {
  readonly spaceBefore: number;
  readonly spaceAfter: number;
  /** Height of the whole block, spacing excluded. */
  readonly height: number;
  /**
   * Height of the block's first piece that cannot be split (two lines of a
   * paragraph under widow/orphan control, a table's header and first row,
   * a whole signature block): what must fit below a keep-with-next block.
   */
  readonly leadHeight: number;
  /** Keep on the same page as the next block's lead (headings). */
  readonly keepWithNext: boolean;
  /**
   * Never stands alone at the top of a page: the block before it keeps its
   * last lines (at least two) on the same page (the signatures).
   */
  readonly keepWithPrevious?: boolean;
  /**
   * Places the block at the flow's cursor, adding pages as needed, spacing included.
   *
   * @param tail - height that must fit below the block's last line on the same
   *   page (the next block's spacing and height when it is kept with this one);
   *   a block of text moves its last lines to the next page to make that so
   */
  place(flow: PageFlow, tail?: number): void;
}
