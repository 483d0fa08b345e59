/**
 * The four faces registered on one PDF document, with measuring and the
 * handles the text drawer needs.
 *
 * pdfkit's public text API is not used for drawing: its justified text drops
 * the space glyphs (it moves words apart with TJ offsets instead), so copied
 * text and extracted text lose their spaces. The drawer writes its own TJ
 * arrays through pdfkit's embedded-font object, whose members are typed here
 * because @types/pdfkit does not describe them (checked against
 * pdfkit 0.20.2, `EmbeddedFont` in js/pdfkit.node.mjs).
 */
import type {} from 'pdfkit'; // brings in the global PDFKit namespace types
import type { FaceKey, PdfFonts } from './fonts.js';
import { FACE_KEYS } from './fonts.js';

/** One glyph position from pdfkit's `EmbeddedFont.encode`, in 1/1000 em. */
export interface GlyphPosition {
  readonly xAdvance: number;
  readonly yAdvance: number;
  readonly xOffset: number;
  readonly yOffset: number;
  readonly advanceWidth: number;
}

/** The part of pdfkit's `EmbeddedFont` this writer relies on. */
export interface EmbeddedFont {
  /** Resource name on the page, e.g. `F1`. */
  readonly id: string;
  /** Ascender, descender (negative) and line gap in 1/1000 em. */
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  /** Glyph ids as 4-digit hex (subset ids) and their positions; records the glyphs for the subset and ToUnicode map. */
  encode(text: string): [string[], GlyphPosition[]];
  /** The parsed font (shared by every document that registers it). */
  readonly font: object;
  /**
   * Shapes `text` (cached per word); glyphs after ccmp, so their count can differ from the characters'.
   * With `onlyWidth`, only the summed advance (1/1000 em) is computed.
   */
  layout(text: string, features: undefined, onlyWidth: true): { readonly glyphs: null; readonly advanceWidth: number };
  layout(text: string, features?: undefined, onlyWidth?: false): { readonly glyphs: readonly unknown[]; readonly advanceWidth: number };
  /** Advance width of `text` at `size` points (kerning included, words laid out separately). */
  widthOfString(text: string, size: number): number;
  /** The font dictionary reference, created on first use. */
  ref(): unknown;
}

/** pdfkit internals reached through a narrow cast. */
interface DocumentInternals {
  readonly _font: EmbeddedFont & RunCaching;
}

/** pdfkit's per-document word cache on an embedded font: a laid-out run per word, its positions scaled. */
interface RunCaching {
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
}

/** Words whose laid-out runs are kept per font, across documents, before the cache starts over. */
const RUN_CACHE_LIMIT = 10_000;
const runCaches = new WeakMap<object, Map<string, unknown>>();

/**
 * Gives `handle` (one document's embedded font) the runs laid out for other
 * documents with the same parsed font. pdfkit keeps its word cache per
 * document and scales each run's positions when it lays it out; the scale is
 * the font's (1000 / units per em), not the document's, so a run is the same
 * in every document. Runs are read, never changed, once cached: pdfkit
 * already hands one cached run to every use of a word within a document.
 */
function shareRuns(handle: RunCaching, font: object): void {
  let runs = runCaches.get(font);
  if (!runs) runCaches.set(font, (runs = new Map()));
  const shared = runs;
  handle.layoutCached = function layoutCached(this: RunCaching, text: string): unknown {
    let run = shared.get(text);
    if (run === undefined) {
      run = this.layoutRun(text);
      if (shared.size >= RUN_CACHE_LIMIT) shared.clear();
      shared.set(text, run);
    }
    return run;
  };
}

/** Underline metrics in 1/1000 em (position negative: below the baseline). */
interface UnderlineMetrics {
  readonly position: number;
  readonly thickness: number;
}

/**
 * Characters never reported as missing: whitespace (drawn as spacing, not as
 * ink), control characters, and variation selectors, which fontkit folds
 * into the glyph of the character before them instead of drawing.
 */
const NOT_REPORTED = /^(?:\s|\p{Cc}|[\uFE00-\uFE0F\u{E0100}-\u{E01EF}])$/u;

/** Watches drawn text for characters a face has no glyph for. */
class MissingGlyphs {
  /** Per face, the code points already looked up. */
  private readonly checked = new Map<FaceKey, Set<number>>();
  /** Characters already reported, whichever face lacked them. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly fonts: PdfFonts,
    private readonly report: (char: string) => void,
  ) {}

  check(face: FaceKey, text: string): void {
    let checked = this.checked.get(face);
    if (!checked) this.checked.set(face, (checked = new Set()));
    for (const char of text) {
      const cp = char.codePointAt(0) ?? 0;
      if (checked.has(cp)) continue;
      checked.add(cp);
      if (this.reported.has(char) || NOT_REPORTED.test(char) || this.fonts[face].hasGlyphForCodePoint(cp)) continue;
      this.reported.add(char);
      this.report(char);
    }
  }
}

/** Texts measured per font before the cache starts over (bounds memory in long runs). */
const WIDTH_CACHE_LIMIT = 100_000;

/**
 * Longest text whose advance is remembered. What repeats is words and short
 * labels; a long text (a whole paragraph measured at once) seldom comes again,
 * and with it the cache would be bounded by count only: 100,000 paragraphs of
 * kilobytes each. With it, at most 100,000 × 64 UTF-16 units (about 13 MB).
 */
export const WIDTH_CACHE_MAX_LENGTH = 64;

/** Advances (1/1000 em) of measured texts, per parsed font: the same in every document. */
const advances = new WeakMap<object, Map<string, number>>();

/**
 * The advance of `text` in 1/1000 em, as pdfkit's widthOfString sums it
 * (word by word, in order, so the float is the same), remembered per parsed
 * font across documents. Measuring has no effect on the PDF: only drawing
 * (encode) adds glyphs to the subset, so skipping pdfkit here changes no byte.
 */
export function advanceOf(handle: Pick<EmbeddedFont, 'font' | 'layout'>, text: string): number {
  if (text.length > WIDTH_CACHE_MAX_LENGTH) return handle.layout(text, undefined, true).advanceWidth;
  let cache = advances.get(handle.font);
  if (!cache) advances.set(handle.font, (cache = new Map()));
  let advance = cache.get(text);
  if (advance === undefined) {
    advance = handle.layout(text, undefined, true).advanceWidth;
    if (cache.size >= WIDTH_CACHE_LIMIT) cache.clear();
    cache.set(text, advance);
  }
  return advance;
}

/** Texts and their total length in the width cache of `font` (for tests of its bounds). */
export function widthCacheUse(font: object): { readonly texts: number; readonly length: number } {
  const cache = advances.get(font);
  let length = 0;
  for (const k of cache?.keys() ?? []) length += k.length;
  return { texts: cache?.size ?? 0, length };
}

/** The registered faces of one document. */
export class Faces {
  private readonly handles: Record<FaceKey, EmbeddedFont>;
  private readonly underlines: Record<FaceKey, UnderlineMetrics>;
  private readonly spaceWidths = new Map<string, number>();
  private readonly missing: MissingGlyphs | undefined;
  /** Texts encoded in this document, per face (see {@link Faces.encode}). */
  private readonly encodings: Record<FaceKey, Map<string, [string[], GlyphPosition[]]>> = {
    regular: new Map(),
    bold: new Map(),
    italic: new Map(),
    boldItalic: new Map(),
  };

  /**
   * @param onMissingGlyph - called once per distinct character that text drawn
   *   through {@link Faces.drawn} needs from a face lacking it
   */
  constructor(doc: PDFKit.PDFDocument, fonts: PdfFonts, onMissingGlyph?: (char: string) => void) {
    this.missing = onMissingGlyph ? new MissingGlyphs(fonts, onMissingGlyph) : undefined;
    const handles = {} as Record<FaceKey, EmbeddedFont>;
    const underlines = {} as Record<FaceKey, UnderlineMetrics>;
    for (const key of FACE_KEYS) {
      const font = fonts[key];
      // @types/pdfkit types the source as a path or bytes; pdfkit 0.20 also takes a fontkit font.
      doc.registerFont(`hattama-${key}`, font as unknown as Uint8Array);
      doc.font(`hattama-${key}`);
      const handle = (doc as unknown as DocumentInternals)._font;
      shareRuns(handle, font);
      handles[key] = handle;
      const scale = 1000 / font.unitsPerEm;
      underlines[key] = {
        position: (font.underlinePosition || -100) * scale,
        thickness: (font.underlineThickness || 50) * scale,
      };
    }
    this.handles = handles;
    this.underlines = underlines;
  }

  /** pdfkit's embedded font of a face. */
  font(face: FaceKey): EmbeddedFont {
    return this.handles[face];
  }

  /**
   * Glyph ids (4-digit hex, this document's subset ids) and positions of
   * `text` drawn in `face`, as pdfkit's encode gives them, noted as drawn
   * (see {@link Faces.drawn}). A text drawn before in this document is not
   * encoded again: its glyphs are in the subset already, so pdfkit's encode
   * would add nothing and give the same arrays. The arrays are shared: read
   * them, never change them.
   */
  encode(face: FaceKey, text: string): readonly [readonly string[], readonly GlyphPosition[]] {
    const done = this.encodings[face];
    let encoded = done.get(text);
    if (encoded === undefined) {
      this.drawn(face, text);
      encoded = this.handles[face].encode(text);
      done.set(text, encoded);
    }
    return encoded;
  }

  /**
   * Notes that `text` is drawn in `face`, to report characters the face maps
   * to glyph 0 (.notdef), which the PDF shows as an empty box and text
   * extraction drops. Does nothing unless a reporter was given.
   */
  drawn(face: FaceKey, text: string): void {
    this.missing?.check(face, text);
  }

  /**
   * Width of `text` in `face` at `size` points: pdfkit's widthOfString, with
   * its advance remembered across documents (see {@link advanceOf}).
   */
  width(face: FaceKey, size: number, text: string): number {
    return advanceOf(this.handles[face], text) * (size / 1000);
  }

  /** Number of glyphs `text` is drawn with in `face`. */
  glyphCount(face: FaceKey, text: string): number {
    return this.handles[face].layout(text).glyphs.length;
  }

  /** Width of one space in `face` at `size` points. */
  spaceWidth(face: FaceKey, size: number): number {
    const key = `${face}:${size}`;
    let w = this.spaceWidths.get(key);
    if (w === undefined) {
      w = this.width(face, size, ' ');
      this.spaceWidths.set(key, w);
    }
    return w;
  }

  /** Distance from the top of a line box to its baseline. */
  ascent(size: number): number {
    return (this.handles.regular.ascender / 1000) * size;
  }

  /**
   * Height of one line: ascender + descender + line gap of the regular face
   * (1.15 em for Times metrics, as Word's single spacing) times the spacing.
   */
  lineHeight(size: number, spacing: number): number {
    const f = this.handles.regular;
    return ((f.ascender - f.descender + f.lineGap) / 1000) * size * spacing;
  }

  /** Underline offset below the baseline and thickness, in points. */
  underline(face: FaceKey, size: number): { offset: number; thickness: number } {
    const u = this.underlines[face];
    return { offset: (-u.position / 1000) * size, thickness: (u.thickness / 1000) * size };
  }
}
