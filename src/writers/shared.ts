/**
 * Reading of the block model and geometry that the DOCX and PDF writers must
 * agree on, so the two files look alike.
 */
import type { List } from '../document/blocks.js';

/**
 * The number of a numbered list's first item: {@link List.start}, or 1 when
 * it is not a whole number of at least 0 (a model built by hand or by older
 * code), so neither writer prints "NaN." or "-1.".
 */
export function listStart(list: List): number {
  const { start } = list as { readonly start?: unknown };
  return typeof start === 'number' && Number.isSafeInteger(start) && start >= 0 ? start : 1;
}

/**
 * Room between the columns of a signature row, in points: the role's column
 * ends this far before the signing line starts, and the name's column starts
 * this far after it ends.
 */
export const SIGNATURE_GUTTER_PT = 8;
