/**
 * Font loading for the PDF writer.
 *
 * Parsing the four Tinos faces takes ≈ 15 ms and the first shaping with each
 * face ≈ 45 ms more (fontkit decodes GPOS lazily), against ≈ 10 ms to lay out
 * and write a two-page document. So each file is parsed once per process and
 * the same fontkit object is handed to every PDF document. pdfkit 0.20
 * accepts such an object wherever it takes a font source
 * (`PDFFontFactory.open` checks for a `layout` method); every document still
 * makes its own subset. The one thing sharing does leak is fontkit's glyph
 * objects, which pdfkit reads the ToUnicode text from: see
 * {@link withUnshapedLayout}.
 *
 * Text is not shaped: each character maps to its glyph through the font's
 * cmap and advances by its hmtx width, with no kerning or ligatures — what
 * Word does with Times New Roman by default, so lines break as in the DOCX.
 * This also spares fontkit's OpenType layout engine, whose first use decoded
 * the GSUB/GPOS tables for ≈ 45 ms per face and whose lookups cost ≈ 70 ms
 * more on the seed: most of a cold `hattama render`. pdfkit keeps each word's
 * laid-out run, and faces.ts shares those runs across the documents of a
 * process, so a word reaches this layout once per font until that cache
 * starts over.
 */
import { readFileSync, statSync } from 'node:fs';
import { create, type Font, type Glyph, type GlyphPosition } from 'fontkit';
import type { PdfFontFiles } from '../../style/profile.js';
import { speedUpSubsets } from './subset.js';

/** The four faces a minutes document uses. */
export type FaceKey = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** Every face, in a fixed order (registration order fixes the PDF font ids). */
export const FACE_KEYS: readonly FaceKey[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** Parsed fontkit fonts, one per face, ready to pass to {@link writePdf}. */
export type PdfFonts = { readonly [K in FaceKey]: Font };

const parsed = new Map<string, Font>();

/** Size and modification time of each parsed file, for {@link checkPreloadedFonts}. */
const stamps = new Map<string, string>();
const stampOf = (path: string): string => {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
};

/**
 * Forgets every parsed font whose file changed since it was parsed. The
 * start-up snapshot holds fonts parsed when it was built; a process started
 * from it calls this first, so an updated font package is read afresh.
 */
export function checkPreloadedFonts(): void {
  for (const [path, stamp] of stamps) {
    if (stampOf(path) !== stamp) {
      parsed.delete(path);
      stamps.delete(path);
    }
  }
}

/**
 * Loads and parses the four font faces once per process (cached by path).
 * Throws when a file is missing, is a collection or is not a TrueType font
 * (pdfkit's subsetter cannot handle WOFF/WOFF2).
 */
export function loadPdfFonts(files: PdfFontFiles): PdfFonts {
  return {
    regular: loadFont(files.regular),
    bold: loadFont(files.bold),
    italic: loadFont(files.italic),
    boldItalic: loadFont(files.boldItalic),
  };
}

function loadFont(path: string): Font {
  const cached = parsed.get(path);
  if (cached) return cached;
  let font: ReturnType<typeof create>;
  try {
    font = create(readFileSync(path));
  } catch (err) {
    throw new Error(`hattama: cannot read PDF font ${path}: ${(err as Error).message}`);
  }
  if (!('layout' in font)) throw new Error(`hattama: ${path} is a font collection; name a single .ttf file`);
  if (font.type !== 'TTF') throw new Error(`hattama: ${path} is ${font.type}; the PDF writer needs a .ttf file`);
  speedUpSubsets(font);
  const shared = withUnshapedLayout(font);
  parsed.set(path, shared);
  stamps.set(path, stampOf(path));
  return shared;
}

/** What pdfkit reads from a glyph: its id, advance and the characters it stands for. */
interface GlyphView {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

/** What pdfkit reads from a glyph run: glyphs, positions and the summed advance. */
class Run {
  constructor(
    readonly glyphs: readonly GlyphView[],
    readonly positions: GlyphPosition[],
  ) {}
  get advanceWidth(): number {
    let w = 0;
    for (const p of this.positions) w += p.xAdvance;
    return w;
  }
}

/**
 * The same font with `layout(text)` unshaped: each character's glyph from the
 * cmap, advancing by its width (fresh objects every call: pdfkit scales the
 * positions it gets in place). Calls with features (not made by this writer)
 * go straight to fontkit. Not memoised here: pdfkit's word cache, shared
 * across documents (faces.ts shareRuns), already is.
 *
 * The glyphs are views carrying the characters of *this* text. fontkit keeps
 * one glyph object per id with the characters it was first created for, and
 * pdfkit builds the ToUnicode map from them. In a shared font that is wrong:
 * Cyrillic р is a composite of Latin p, so subsetting one document creates
 * "p" with no characters and a later Latin p would copy out as nothing; Tinos
 * also draws ә (U+04D9) and ə (U+0259), space and no-break space with one
 * glyph each. So each glyph gets its own characters from the text
 * ({@link charactersPerGlyph}), a variation selector included.
 */
function withUnshapedLayout(font: Font): Font {
  const layout = (text: string, ...rest: unknown[]): unknown => {
    if (rest.some((r) => r !== undefined)) return (font.layout as (...a: unknown[]) => unknown)(text, ...rest);
    const run = font.glyphsForString(text);
    const chars = charactersPerGlyph(text);
    const ours = run.length === chars.length;
    const glyphs = run.map((g: Glyph, i): GlyphView => ({
      id: g.id,
      advanceWidth: g.advanceWidth,
      codePoints: ours ? chars[i]! : [...g.codePoints],
    }));
    return new Run(glyphs, glyphs.map((g): GlyphPosition => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }) as GlyphPosition));
  };
  const post = postHeader(font);
  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      if (prop === 'post') return post;
      if (prop === 'underlinePosition' || prop === 'underlineThickness' || prop === 'italicAngle') return post[prop];
      const value: unknown = Reflect.get(target, prop, target);
      // fontkit's methods and getters expect the real font as `this`.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A variation selector: fontkit folds it into the glyph of the character before it. */
const isVariationSelector = (cp: number): boolean => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/**
 * The characters each glyph of fontkit's `glyphsForString(text)` stands for:
 * one per character, a variation selector going with the character before
 * it, and a selector with no character before it going nowhere (as fontkit
 * maps them). Taken from the text, never from fontkit's glyph objects, which
 * keep the characters of whichever text first made them in the process.
 */
function charactersPerGlyph(text: string): number[][] {
  const groups: number[][] = [];
  let previous: number | undefined;
  for (const c of text) {
    const cp = c.codePointAt(0) ?? 0;
    if (!isVariationSelector(cp)) groups.push([cp]);
    else if (previous !== undefined && !isVariationSelector(previous)) groups[groups.length - 1]!.push(cp);
    previous = cp;
  }
  return groups;
}

/** The fixed header of a font's `post` table: all pdfkit reads from it. */
interface PostHeader {
  readonly version: number;
  readonly italicAngle: number;
  readonly underlinePosition: number;
  readonly underlineThickness: number;
  readonly isFixedPitch: number;
}

/**
 * Reads the `post` header straight from the font file. fontkit's `font.post`
 * also decodes every glyph name (3,209 in Tinos, ≈ 25 ms cold) to answer
 * pdfkit's questions about italic angle, underline and fixed pitch.
 */
function postHeader(font: Font): PostHeader {
  const internal = font as unknown as { stream: { buffer: Uint8Array }; directory: { tables: Record<string, { offset: number } | undefined> } };
  const table = internal.directory.tables['post'];
  if (!table) return { version: 3, italicAngle: 0, underlinePosition: 0, underlineThickness: 0, isFixedPitch: 0 };
  const b = internal.stream.buffer;
  const view = new DataView(b.buffer, b.byteOffset + table.offset, 16);
  return {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
  };
}

/** The face for a run's emphasis. */
export function faceOf(bold: boolean, italic: boolean): FaceKey {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

/**
 * Width of `text` at `size` points in the face `file` holds, as the PDF sets
 * it (no kerning). For the DOCX writer, which sizes signature columns with
 * the same metrics as the PDF (Tinos has Times New Roman's advances).
 */
export function measureWithFont(file: string, text: string, size: number): number {
  const font = loadFont(file);
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
}
