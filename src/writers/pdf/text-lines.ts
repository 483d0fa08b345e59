/**
 * Placing the lines of one paragraph or list item across pages, with
 * widow/orphan control: a paragraph never leaves its first line alone at the
 * bottom of a page nor its last line alone at the top of the next.
 */
import type { Align } from '../../document/blocks.js';
import { drawLine, drawString } from './draw-text.js';
import type { FaceKey } from './fonts.js';
import type { Line } from './line-breaking.js';
import type { PageFlow } from './page-flow.js';

/** A list marker drawn on the first line, left of the text. */
export interface Marker {
  readonly text: string;
  readonly face: FaceKey;
  readonly x: number;
}

/** The lines of one paragraph and where they go horizontally. */
export interface LineSet {
  readonly lines: readonly Line[];
  readonly size: number;
  readonly lineHeight: number;
  readonly align: Align;
  /** Left edge and width of the text column. */
  readonly x: number;
  readonly width: number;
  /** Extra indent of the first line. */
  readonly firstIndent: number;
  readonly marker?: Marker;
}

/** Rounding tolerance, in points. */
const EPSILON = 0.01;

/** Height that must fit for the set to start on a page (orphan and widow control). */
export function leadHeight(set: LineSet): number {
  const n = set.lines.length;
  return (n <= 3 ? n : 2) * set.lineHeight;
}

/** Lines that go to the next page with a block kept with this one (the signatures). */
const TAIL_LINES = 2;

/**
 * Places all lines at the flow's cursor, breaking pages as needed.
 *
 * @param tail - height that must fit on the page below the last line; when it
 *   does not, the last {@link TAIL_LINES} lines go to the next page with it
 *   (unless even a fresh page could not hold them together)
 */
export function placeLines(flow: PageFlow, set: LineSet, tail = 0): void {
  const n = set.lines.length;
  const lh = set.lineHeight;
  const carried = Math.min(n, TAIL_LINES);
  const keepTail = tail > 0 && carried * lh + tail <= flow.pageBodyHeight + EPSILON;
  let i = 0;
  while (i < n) {
    const rest = n - i;
    const fit = Math.max(0, Math.floor((flow.bottom - flow.y + EPSILON) / lh));
    let take = Math.min(fit, rest);
    if (take < rest) {
      if (rest - take === 1 && take >= 2) take -= 1; // widow: keep the last line company
      if (i === 0 && take < 2) take = 0; // orphan: never one first line alone
    } else if (keepTail && !flow.fits(take * lh + tail)) {
      take = rest - Math.min(rest, carried);
      if (i === 0 && take < 2) take = 0; // the whole paragraph goes rather than one first line staying
    }
    if (take === 0) {
      if (!flow.atPageTop) {
        flow.newPage();
        continue;
      }
      take = Math.max(1, Math.min(fit, rest)); // taller than a page: place what fits
    }
    for (let k = i; k < i + take; k++) drawAt(flow, set, k, flow.y + (k - i) * lh);
    flow.advance(take * lh);
    i += take;
    if (i < n) flow.newPage();
  }
}

function drawAt(flow: PageFlow, set: LineSet, index: number, top: number): void {
  const line = set.lines[index];
  if (!line) return;
  const baseline = top + flow.faces.ascent(set.size);
  const indent = index === 0 ? set.firstIndent : 0;
  drawLine(flow.doc, flow.faces, line, {
    x: set.x + indent,
    width: set.width - indent,
    baseline,
    align: set.align,
    size: set.size,
    maxSpaceRatio: flow.style.justify.maxSpaceRatio,
  });
  if (index === 0 && set.marker) {
    // A real space after the marker, so copied text reads "1. Text" although the text is placed by the indent.
    drawString(flow.doc, flow.faces, set.marker.face, `${set.marker.text} `, set.marker.x, baseline, set.size);
  }
}
