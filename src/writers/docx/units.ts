/**
 * Unit conversions and page geometry shared by the DOCX modules.
 */
import { AlignmentType } from 'docx';
import type { Align } from '../../document/blocks.js';
import { mmToTwip, type StyleProfile } from '../../style/profile.js';

/** A4 portrait in twips, as Word writes it. */
export const A4_TWIP = { width: 11906, height: 16838 } as const;

/** Points to twentieths of a point (twips / DXA). */
export const ptToTwip = (pt: number): number => Math.round(pt * 20);

/** Points to the half-points DOCX font sizes are given in. */
export const ptToHalfPt = (pt: number): number => Math.round(pt * 2);

/** Width between the left and right margins, in twips. */
export function textWidthTwip(style: StyleProfile): number {
  const m = style.page.marginsMm;
  return A4_TWIP.width - mmToTwip(m.left) - mmToTwip(m.right);
}

/** The docx alignment for a block-model alignment. */
export function docxAlignment(align: Align): (typeof AlignmentType)[keyof typeof AlignmentType] {
  switch (align) {
    case 'left':
      return AlignmentType.LEFT;
    case 'center':
      return AlignmentType.CENTER;
    case 'right':
      return AlignmentType.RIGHT;
    case 'justify':
      return AlignmentType.JUSTIFIED;
  }
}

/**
 * Splits `total` twips into integer parts proportional to `weights`, so that the
 * parts add up to exactly `total` (rounding error goes to the last part).
 * Non-positive or non-finite weights count as zero; all-zero weights split evenly.
 */
export function distribute(total: number, weights: readonly number[]): number[] {
  const w = weights.map((x) => (Number.isFinite(x) && x > 0 ? x : 0));
  const sum = w.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? w.map((x) => x / sum) : w.map(() => 1 / w.length);
  const parts = shares.map((s) => Math.floor(total * s));
  const used = parts.reduce((a, b) => a + b, 0);
  if (parts.length > 0) parts[parts.length - 1] = (parts[parts.length - 1] ?? 0) + total - used;
  return parts;
}
