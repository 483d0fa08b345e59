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
  /** Places the block at the flow's cursor, adding pages as needed, spacing included. */
  place(flow: PageFlow): void;
}
