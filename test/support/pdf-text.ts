/**
 * Text of a PDF as lines, for comparing rendered minutes with expected text.
 *
 * Uses pdfjs-dist (legacy build, runs in Node without a worker file). Items
 * on one baseline form a line, ordered left to right; two items are joined
 * with a space when there is a visible gap between them (and neither already
 * has one at the join), with nothing when they touch. Lines run top to bottom.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/** How to rebuild lines. */
export interface PdfTextOptions {
  /**
   * Insert a space where two items on a line are apart (default true). With
   * false only space glyphs really in the PDF separate words, which shows
   * whether a writer dropped them (as pdfkit's justify does).
   */
  readonly gapSpaces?: boolean;
}

/** A text item with its position, in PDF user space (y up). */
export interface PositionedText {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size: the scale of the item's text matrix. */
  readonly size: number;
}

/** Items closer than this fraction of the font size count as touching. */
const GAP_EM = 0.15;
/** Baselines closer than this fraction of the font size are one line. */
const BASELINE_EM = 0.2;

/** Every text item of every page, with positions (empty items dropped). */
export async function pdfItems(bytes: Uint8Array): Promise<PositionedText[][]> {
  // pdfjs takes ownership of (detaches) the buffer it gets: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false });
  const pdf = await task.promise;
  try {
    const pages: PositionedText[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items: PositionedText[] = [];
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const it = raw as TextItem;
        if (it.str === '') continue;
        const [a = 0, b = 0, , , e = 0, f = 0] = it.transform as number[];
        items.push({ str: it.str, x: e, y: f, width: it.width, size: Math.hypot(a, b) || it.height });
      }
      pages.push(items);
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** Groups items into lines (top to bottom) and joins each line's items. */
export function linesOf(items: readonly PositionedText[], options: PdfTextOptions = {}): string[] {
  const gapSpaces = options.gapSpaces ?? true;
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: PositionedText[][] = [];
  for (const it of sorted) {
    const group = groups[groups.length - 1];
    const first = group?.[0];
    if (group && first && Math.abs(first.y - it.y) <= BASELINE_EM * Math.max(first.size, it.size)) group.push(it);
    else groups.push([it]);
  }
  const lines: string[] = [];
  for (const group of groups) {
    group.sort((p, q) => p.x - q.x);
    let text = '';
    let end: number | null = null;
    for (const it of group) {
      if (end !== null && gapSpaces) {
        const gap = it.x - end;
        if (gap > GAP_EM * it.size && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
      }
      text += it.str;
      end = it.x + it.width;
    }
    const line = text.trim();
    if (line !== '') lines.push(line);
  }
  return lines;
}

/** Lines of text per page. */
export async function pdfPages(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<string[][]> {
  return (await pdfItems(bytes)).map((items) => linesOf(items, options));
}

/** All text: lines joined with "\n", pages joined with "\n". */
export async function pdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<string> {
  return (await pdfPages(bytes, options)).map((lines) => lines.join('\n')).join('\n');
}

/**
 * The characters of the glyphs each page really shows, in drawing order, one
 * string per text-showing operator (a TJ, Tj…). Unlike {@link pdfPages}
 * nothing is inferred from gaps: a space here is a space glyph in the file.
 */
export async function pdfGlyphRuns(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const ops = await (await pdf.getPage(n)).getOperatorList();
      const runs: string[] = [];
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.showText) return;
        const [glyphs] = (ops.argsArray[i] ?? []) as [readonly (number | { readonly unicode: string } | null)[]];
        runs.push((glyphs ?? []).map((g) => (g !== null && typeof g === 'object' ? g.unicode : '')).join(''));
      });
      pages.push(runs);
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}
