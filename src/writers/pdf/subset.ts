/**
 * fontkit's TrueType subset, the part of pdfkit's work that is the same in
 * every document: three of its methods replaced by ones that give the same
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
 * - encode wrote the font's hinting tables (fpgm, prep, cvt) into every
 *   subset whole and unchanged, one byte or number at a time through
 *   restructure: a third of a subset's encoding. Here fontkit encodes the
 *   subset with those tables empty, and their bytes, taken once per font from
 *   a subset fontkit encoded whole, are put in their place.
 *
 * test/writers/subset.test.ts renders with and without them and compares the
 * PDF bytes, and the subset bytes of other fonts.
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
  encode(): Uint8Array;
}

/** What of a fontkit font and its glyphs these methods read. */
interface FontLike {
  readonly loca: { offsets: number[] };
  /** Decoded tables by tag, as fontkit caches them (its table getters read from here). */
  readonly _tables: Record<string, unknown>;
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
/** The methods replaced so far, by the prototype that holds them. */
const patched = new WeakMap<object, Set<string>>();
/** True the first time it is asked about `name` on `proto`. */
function firstPatch(proto: object, name: string): boolean {
  let names = patched.get(proto);
  if (!names) patched.set(proto, (names = new Set()));
  if (names.has(name)) return false;
  names.add(name);
  return true;
}
const glyphsOf = new WeakMap<FontLike, Map<number, GlyphBytes>>();
const ids = new WeakMap<SubsetLike, Map<number, number>>();

/** The tables a TrueType subset copies whole from its font. */
const CONSTANT_TABLES = ['fpgm', 'prep', 'cvt '] as const;
/** Per font: each constant table's encoded bytes, and the stand-in (its arrays empty) encoded in its place. */
const constantsOf = new WeakMap<FontLike, { readonly bytes: ReadonlyMap<string, Uint8Array>; readonly empty: ReadonlyMap<string, unknown> } | 'fontkit'>();

/** Turns the replacements off and on again (for the test that compares bytes). */
export function setSubsetSpeedUps(on: boolean): void {
  enabled = on;
}

/** Replaces the three methods on the subset class of `font`'s kind (once per class). */
export function speedUpSubsets(font: Font): void {
  const subset = font.createSubset() as unknown as SubsetLike;
  const owner = (name: keyof SubsetLike): SubsetLike | undefined => {
    let proto = Object.getPrototypeOf(subset) as SubsetLike | null;
    while (proto && !Object.hasOwn(proto, name)) proto = Object.getPrototypeOf(proto) as SubsetLike | null;
    return proto ?? undefined;
  };
  const include = owner('includeGlyph');
  if (include && firstPatch(include, 'includeGlyph')) {
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
  if (add && firstPatch(add, '_addGlyph')) {
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
  const encode = owner('encode');
  // Only with _addGlyph: the TrueType subset's encode.
  if (add && encode && firstPatch(encode, 'encode')) {
    const original = encode.encode;
    encode.encode = function encode(this: SubsetLike): Uint8Array {
      if (!enabled || this.font._variationProcessor) return original.call(this);
      const font = this.font;
      const constants = constantsOf.get(font);
      if (!constants) {
        // The first subset of this font: fontkit's own encoding, from which the tables' bytes are kept.
        const whole = original.call(this);
        const bytes = new Map<string, Uint8Array>();
        for (const t of tableDirectory(whole) ?? []) if ((CONSTANT_TABLES as readonly string[]).includes(t.tag)) bytes.set(t.tag, whole.slice(t.offset, t.offset + t.length));
        const empty = new Map<string, unknown>();
        for (const tag of bytes.keys()) empty.set(tag, withoutArrays(font._tables[tag]));
        constantsOf.set(font, { bytes, empty });
        return whole;
      }
      // No hinting tables to put in place, or a layout withTables did not recognise: fontkit's own way.
      if (constants === 'fontkit' || constants.empty.size === 0) return original.call(this);
      const tables = font._tables;
      const kept = new Map([...constants.empty.keys()].map((tag) => [tag, tables[tag]] as const));
      let light: Uint8Array;
      try {
        for (const [tag, stand] of constants.empty) tables[tag] = stand;
        light = original.call(this);
      } finally {
        for (const [tag, table] of kept) tables[tag] = table;
      }
      const spliced = withTables(light, constants.bytes);
      if (spliced) return spliced;
      // Not again for this font: encoding twice would be slower than fontkit alone.
      constantsOf.set(font, 'fontkit');
      return original.call(this);
    };
  }
}

/** A decoded table with every array emptied: what encodes to no bytes in its place. */
function withoutArrays(table: unknown): unknown {
  if (typeof table !== 'object' || table === null) return table;
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k, Array.isArray(v) ? [] : v]));
}

/** A TrueType file's table directory, checked to be what fontkit writes: tables one after the other, in directory order. */
function tableDirectory(font: Uint8Array): { tag: string; offset: number; length: number }[] | undefined {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (font.length < 12) return undefined;
  const count = view.getUint16(4);
  let at = 12 + 16 * count;
  const tables = [];
  for (let i = 0; i < count; i++) {
    const e = 12 + 16 * i;
    const t = { tag: String.fromCharCode(...font.subarray(e, e + 4)), offset: view.getUint32(e + 8), length: view.getUint32(e + 12) };
    if (t.offset !== at) return undefined;
    at += t.length;
    tables.push(t);
  }
  return at === font.length ? tables : undefined;
}

/**
 * `font` (encoded with the constant tables empty) with their bytes in place:
 * each table's data in directory order, the directory's offsets and lengths
 * rewritten. Undefined if `font` is not laid out as expected.
 */
function withTables(font: Uint8Array, bytes: ReadonlyMap<string, Uint8Array>): Uint8Array | undefined {
  const tables = tableDirectory(font);
  if (!tables) return undefined;
  const parts = tables.map((t) => {
    const constant = bytes.get(t.tag);
    return constant && t.length === 0 ? constant : font.subarray(t.offset, t.offset + t.length);
  });
  const head = 12 + 16 * tables.length;
  const out = new Uint8Array(head + parts.reduce((n, p) => n + p.length, 0));
  out.set(font.subarray(0, head));
  const view = new DataView(out.buffer);
  let at = head;
  parts.forEach((part, i) => {
    view.setUint32(12 + 16 * i + 8, at);
    view.setUint32(12 + 16 * i + 12, part.length);
    out.set(part, at);
    at += part.length;
  });
  return out;
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
