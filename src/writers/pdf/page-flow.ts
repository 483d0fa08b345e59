/**
 * The vertical cursor over the pages: where the next line goes, how much room
 * is left, and starting a new page.
 */
import type {} from 'pdfkit';
import { mmToPt, type StyleProfile } from '../../style/profile.js';
import type { Faces } from './faces.js';

/** Rounding tolerance when asking whether something fits, in points. */
const EPSILON = 0.01;

/** Page geometry and the cursor; y is measured from the top of the page. */
export class PageFlow {
  /** Left edge and width of the text area. */
  readonly left: number;
  readonly width: number;
  /** Top and bottom of the text area. */
  readonly top: number;
  readonly bottom: number;
  /** Cursor: top of the next thing to place. */
  y: number;
  /** Nothing placed on this page yet (space before is dropped here). */
  atPageTop = true;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly faces: Faces,
    readonly style: StyleProfile,
    pageWidth: number,
    pageHeight: number,
  ) {
    const m = style.page.marginsMm;
    this.left = mmToPt(m.left);
    this.width = pageWidth - mmToPt(m.left) - mmToPt(m.right);
    this.top = mmToPt(m.top);
    this.bottom = pageHeight - mmToPt(m.bottom);
    this.y = this.top;
  }

  /** Height of the text area of an empty page. */
  get pageBodyHeight(): number {
    return this.bottom - this.top;
  }

  /** Whether `height` more points fit on this page. */
  fits(height: number): boolean {
    return this.y + height <= this.bottom + EPSILON;
  }

  /** Adds space before a block, except at the top of a page. */
  spaceBefore(pt: number): void {
    if (!this.atPageTop) this.y += pt;
  }

  /** Adds space after a block (a new page discards whatever overflows). */
  spaceAfter(pt: number): void {
    this.y += pt;
  }

  /** Moves past something just placed. */
  advance(height: number): void {
    this.y += height;
    this.atPageTop = false;
  }

  /** Starts a new page. */
  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
    this.atPageTop = true;
  }
}
