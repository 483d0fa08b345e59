/**
 * fontkit's TrueType subset, the part of pdfkit's work that is the same in
 * every document: two of its methods replaced by ones that give the same
 * bytes with less work. pdfkit makes a new subset per document and font; these
 * keep, per parsed font, what does not change between documents.
 *
 * - includeGlyph runs for every character written. fontkit keeps the glyph →
 *   subset id table in a plain object, where a glyph not yet in the subset is
 *   a hole looked up along the prototype chain. Here the table is also a Map.
 * - _addGlyph decoded each glyph's whole outline (every point) in every
 *   document, only to learn whether it is a composite and where its
 *   components' ids sit. Here that, the glyph's bytes and its metrics are read
 *   once per font and glyph.
 *
 * test/writers/subset.test.ts renders with and without them and compares the
 * PDF bytes.
 */
import type { Font } from 'fontkit';

/** fontkit's subset (TTFSubset), as far as these methods use it. */
interface SubsetLike {
  readonly font: FontLike;
  glyphs: number[];
  mapping: Record<number, number>;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(glyph: number | { id: number }): number;
  _addGlyph(gid: number): number;
}

/** What of a fontkit font and its glyphs these methods read. */
interface FontLike {
  readonly loca: { offsets: number[] };
  readonly _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  getGlyph(gid: number): {
    readonly advanceWidth: number;
    _getMetrics(): { leftBearing: number };
    _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
  };
}

/** One glyph as a subset copies it: its bytes, its components (a composite's), its metrics. */
interface GlyphBytes {
  readonly bytes: Uint8Array;
  readonly components: readonly { readonly glyphID: number; readonly pos: number }[] | undefined;
  readonly advance: number;
  readonly bearing: number;
}

let enabled = true;
const patched = new WeakSet<object>();
const glyphsOf = new WeakMap<FontLike, Map<number, GlyphBytes>>();
const ids = new WeakMap<SubsetLike, Map<number, number>>();

/** Turns the replacements off and on again (for the test that compares bytes). */
export function setSubsetSpeedUps(on: boolean): void {
  enabled = on;
}

/** Replaces the two methods on the subset class of `font`'s kind (once per class). */
export function speedUpSubsets(font: Font): void {
  const subset = font.createSubset() as unknown as SubsetLike;
  const owner = (name: keyof SubsetLike): SubsetLike | undefined => {
    let proto = Object.getPrototypeOf(subset) as SubsetLike | null;
    while (proto && !Object.hasOwn(proto, name)) proto = Object.getPrototypeOf(proto) as SubsetLike | null;
    return proto ?? undefined;
  };
  const include = owner('includeGlyph');
  if (include && !patched.has(include)) {
    patched.add(include);
    const original = include.includeGlyph;
    include.includeGlyph = function includeGlyph(this: SubsetLike, glyph: number | { id: number }): number {
      if (!enabled) return original.call(this, glyph);
      const id = typeof glyph === 'object' ? glyph.id : glyph;
      let table = ids.get(this);
      if (!table) {
        table = new Map(this.glyphs.map((g, i) => [g, i]));
        ids.set(this, table);
      }
      let index = table.get(id);
      if (index === undefined) {
        index = this.glyphs.push(id) - 1;
        table.set(id, index);
        this.mapping[id] = index;
      }
      return index;
    };
  }
  const add = owner('_addGlyph');
  // Only TrueType subsets have _addGlyph (fontkit's CFF subset works otherwise).
  if (add && !patched.has(add)) {
    patched.add(add);
    const original = add._addGlyph;
    add._addGlyph = function _addGlyph(this: SubsetLike, gid: number): number {
      // A variable font's glyphs are re-encoded per instance: fontkit's own way.
      if (!enabled || this.font._variationProcessor) return original.call(this, gid);
      const glyph = glyphBytes(this.font, gid);
      let buffer = glyph.bytes;
      if (glyph.components) {
        // A composite names its components by glyph id: in the subset, by their new ids.
        buffer = new Uint8Array(glyph.bytes);
        const view = new DataView(buffer.buffer);
        for (const c of glyph.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
      }
      this.glyf.push(buffer);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance: glyph.advance, bearing: glyph.bearing });
      this.offset += buffer.length;
      return this.glyf.length - 1;
    };
  }
}

/** A glyph's bytes as the font's glyf table holds them, read and decoded once per font. */
function glyphBytes(font: FontLike, gid: number): GlyphBytes {
  let glyphs = glyphsOf.get(font);
  if (!glyphs) glyphsOf.set(font, (glyphs = new Map()));
  let found = glyphs.get(gid);
  if (!found) {
    const glyph = font.getGlyph(gid);
    const glyf = glyph._decode();
    const stream = font._getTableStream('glyf');
    stream.pos += font.loca.offsets[gid]!;
    // A copy: the stream's buffer is the whole font file.
    const bytes = Uint8Array.from(stream.readBuffer(font.loca.offsets[gid + 1]! - font.loca.offsets[gid]!));
    const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : undefined;
    found = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
    glyphs.set(gid, found);
  }
  return found;
}
