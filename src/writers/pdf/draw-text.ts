/**
 * Draws one laid-out line as PDF text.
 *
 * Every space between words is written as a real space glyph; justification
 * adds a TJ offset after it. Copy-paste and text extraction therefore see the
 * spaces of justified lines (pdfkit's own justify drops them).
 */
import type { Align } from '../../document/blocks.js';
import type { FaceKey } from './fonts.js';
import type { Faces } from './faces.js';
import type { Line } from './line-breaking.js';

/** Where and how to draw a line; coordinates are pdfkit's (y grows downwards). */
export interface LinePlacement {
  /** Left edge of the line's box. */
  readonly x: number;
  /** Width of the line's box. */
  readonly width: number;
  /** Baseline, from the top of the page. */
  readonly baseline: number;
  readonly align: Align;
  readonly size: number;
  /**
   * A justified line whose spaces would stretch beyond this many normal
   * spaces is set flush left (style `justify.maxSpaceRatio`); no limit when absent.
   */
  readonly maxSpaceRatio?: number;
}

/** A piece of text at an absolute x. */
interface Placed {
  readonly face: FaceKey;
  readonly text: string;
  readonly x: number;
}

/** Formats a number for a content stream: fixed precision, no "-0". */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Word gaps wider than this (space plus stretch, in em) read as column
 * breaks to pdftotext (it splits at about 1.4 em) and look like holes; the
 * excess goes into letter spacing instead, up to {@link MAX_TRACKING_EM}.
 * The style's `justify.maxSpaceRatio` can set a lower limit; a line that
 * letter spacing cannot then fill is set flush left.
 */
const MAX_GAP_EM = 1.1;
/** Most letter spacing a loose justified line gets, in em per glyph. */
const MAX_TRACKING_EM = 0.05;

/** Where the line starts, how much each gap stretches, and letter spacing. */
function spacing(faces: Faces, line: Line, p: LinePlacement): { x: number; stretch: number; tracking: number } {
  const free = p.width - line.width;
  switch (p.align) {
    case 'right':
      return { x: p.x + free, stretch: 0, tracking: 0 };
    case 'center':
      return { x: p.x + free / 2, stretch: 0, tracking: 0 };
    case 'justify': {
      const gaps = line.gaps.length;
      if (line.last || gaps === 0 || free <= 0) return { x: p.x, stretch: 0, tracking: 0 };
      const space = line.gaps.reduce((w, g) => w + g.width, 0) / gaps;
      const stretch = free / gaps;
      const maxGap = Math.min(MAX_GAP_EM * p.size, (p.maxSpaceRatio ?? Infinity) * space);
      if (space + stretch <= maxGap) return { x: p.x, stretch, tracking: 0 };
      // Every glyph but the last gets the tracking, spaces included.
      const glyphs = glyphCount(faces, line) - 1;
      const excess = free - (maxGap - space) * gaps;
      const tracking = glyphs > 0 ? Math.min(MAX_TRACKING_EM * p.size, excess / glyphs) : 0;
      // Still too loose with the most letter spacing allowed: set it flush left rather than open holes.
      if (p.maxSpaceRatio !== undefined && tracking * glyphs < excess - 0.01) return { x: p.x, stretch: 0, tracking: 0 };
      return { x: p.x, stretch: (free - tracking * glyphs) / gaps, tracking };
    }
    default:
      return { x: p.x, stretch: 0, tracking: 0 };
  }
}

function glyphCount(faces: Faces, line: Line): number {
  let n = line.gaps.length;
  for (const w of line.words) for (const f of w.fragments) n += faces.glyphCount(f.face, f.text);
  return n;
}

/** Draws one line (an empty line draws nothing): text, then underlines. */
export function drawLine(doc: PDFKit.PDFDocument, faces: Faces, line: Line, p: LinePlacement): void {
  if (line.words.length === 0) return;
  const { x: x0, stretch, tracking } = spacing(faces, line, p);
  const placed: Placed[] = [];
  const underlines: { face: FaceKey; from: number; to: number }[] = [];
  const underline = (face: FaceKey, from: number, to: number): void => {
    const last = underlines[underlines.length - 1];
    if (last && Math.abs(last.to - from) < 0.01) last.to = to;
    else underlines.push({ face, from, to });
  };
  let x = x0;
  line.words.forEach((word, i) => {
    for (const f of word.fragments) {
      // A no-break space has done its job in line breaking; drawn as a space it copies out as one
      // (Tinos uses one glyph for both, and a PDF maps each glyph to one text).
      placed.push({ face: f.face, text: f.text.replace(/\u00a0/g, ' '), x });
      const w = f.width + (tracking ? tracking * faces.glyphCount(f.face, f.text) : 0);
      if (f.underline) underline(f.face, x, x + w);
      x += w;
    }
    const gap = line.gaps[i];
    if (gap) {
      placed.push({ face: gap.face, text: ' ', x });
      const w = gap.width + stretch + tracking;
      // A gap is underlined only between underlined words.
      const next = line.words[i + 1]?.fragments[0];
      if (gap.underline && next?.underline) underline(gap.face, x, x + w);
      x += w;
    }
  });
  showText(doc, faces, placed, p.baseline, p.size, tracking);
  for (const u of underlines) {
    const { offset, thickness } = faces.underline(u.face, p.size);
    doc.rect(u.from, p.baseline + offset - thickness / 2, u.to - u.from, thickness).fill();
  }
}

/**
 * Writes placed text as one BT…ET: a Tm and Tf per change of face, then TJ
 * arrays whose numeric offsets put each piece exactly at its computed x.
 * `tracking` (points added after every glyph) is set with Tc, which unlike
 * Tw applies to two-byte CID fonts.
 */
function showText(
  doc: PDFKit.PDFDocument,
  faces: Faces,
  placed: readonly Placed[],
  baseline: number,
  size: number,
  tracking = 0,
): void {
  const pageHeight = doc.page.height;
  const pageFonts = doc.page.fonts as Record<string, unknown>;
  const y = pageHeight - baseline; // PDF user space: y grows upwards
  const scale = size / 1000;
  const ops: string[] = ['BT'];
  // Text state is part of the graphics state: the q/Q around this block resets Tc.
  if (tracking) ops.push(`${num(tracking)} Tc`);
  let face: FaceKey | null = null;
  let parts: string[] = [];
  let hex = '';
  let curX = 0;
  const flushHex = (): void => {
    if (hex) parts.push(`<${hex}>`);
    hex = '';
  };
  const flushTJ = (): void => {
    flushHex();
    if (parts.length) ops.push(`[${parts.join(' ')}] TJ`);
    parts = [];
  };
  const moveTo = (x: number, dy = 0): void => {
    flushTJ();
    ops.push(`1 0 0 1 ${num(x)} ${num(y + dy)} Tm`);
    curX = x;
  };
  for (const piece of placed) {
    const font = faces.font(piece.face);
    if (piece.face !== face) {
      flushTJ();
      face = piece.face;
      if (pageFonts[font.id] == null) pageFonts[font.id] = font.ref();
      ops.push(`/${font.id} ${num(size)} Tf`);
      moveTo(piece.x);
    } else if (Math.abs(piece.x - curX) > 0.0005) {
      flushHex();
      parts.push(num(-((piece.x - curX) / scale)));
      curX = piece.x;
    }
    const [glyphs, positions] = faces.encode(piece.face, piece.text);
    glyphs.forEach((g, i) => {
      const pos = positions[i];
      if (!pos) return;
      if (pos.xOffset || pos.yOffset) {
        // Mark positioning (not used by Tinos, possible with other fonts): place the glyph on its own.
        const at = curX;
        moveTo(at + pos.xOffset * scale, pos.yOffset * scale);
        hex = g;
        flushTJ();
        moveTo(at + pos.xAdvance * scale + tracking);
        return;
      }
      hex += g;
      const kern = pos.xAdvance - pos.advanceWidth;
      if (kern !== 0) {
        flushHex();
        parts.push(num(-kern));
      }
      curX += pos.xAdvance * scale + tracking;
    });
  }
  flushTJ();
  ops.push('ET');
  doc.save();
  // pdfkit draws with y flipped; undo it for the text block as pdfkit's own text code does.
  doc.transform(1, 0, 0, -1, 0, pageHeight);
  doc.addContent(ops.join('\n'));
  doc.restore();
}

/** Draws a single string (a page number, a list marker) in one face at x. */
export function drawString(
  doc: PDFKit.PDFDocument,
  faces: Faces,
  face: FaceKey,
  text: string,
  x: number,
  baseline: number,
  size: number,
): void {
  showText(doc, faces, [{ face, text, x }], baseline, size);
}
