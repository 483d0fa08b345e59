/**
 * src/writers/pdf/subset.ts replaces three of fontkit's subset methods to do
 * less work per document: the PDF bytes must be exactly those fontkit's own
 * methods give, for the seed (Kazakh letters, composite glyphs among them)
 * and for a second document in the same process (what is kept per font).
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFile } from '../../src/render/render.js';
import { setSubsetSpeedUps, speedUpSubsets } from '../../src/writers/pdf/subset.js';
import { ROOT, SEED_RECORD } from '../support/seed.js';

const EXAMPLE = join(ROOT, 'examples', 'three-items-ru', 'meetings', '2026', '2026-02-19-pedagogical-council-02.yaml');

async function pdfOf(file: string): Promise<Buffer> {
  const r = await renderFile(file, { formats: ['pdf'] });
  const pdf = r.outputs?.get('pdf');
  if (!pdf) throw new Error(`${file} did not render: ${JSON.stringify(r.diagnostics)}`);
  return Buffer.from(pdf);
}

const TINOS = '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf';

/** A TrueType file with the tables `tags` left out of its directory (their bytes stay, unreferenced). */
function withoutTables(file: Buffer, tags: readonly string[]): Buffer {
  const out = Buffer.from(file);
  const count = file.readUInt16BE(4);
  const kept = [];
  for (let i = 0; i < count; i++) {
    const entry = file.subarray(12 + 16 * i, 28 + 16 * i);
    if (!tags.includes(entry.toString('latin1', 0, 4))) kept.push(entry);
  }
  out.writeUInt16BE(kept.length, 4);
  out.fill(0, 12, 12 + 16 * count);
  kept.forEach((entry, i) => entry.copy(out, 12 + 16 * i));
  return out;
}

describe("the PDF font subset, fed faster than fontkit's own way", () => {
  it('gives the same bytes, document after document', async () => {
    const files = [SEED_RECORD, EXAMPLE, SEED_RECORD];
    setSubsetSpeedUps(false);
    const plain: Buffer[] = [];
    for (const f of files) plain.push(await pdfOf(f));
    setSubsetSpeedUps(true);
    const fast: Buffer[] = [];
    for (const f of files) fast.push(await pdfOf(f));
    files.forEach((f, i) => expect(fast[i]!.equals(plain[i]!), `${f} (#${i + 1})`).toBe(true));
  });

  // Fonts a style profile may name instead of Tinos: hinting tables of other sizes, only some of them, none.
  it.each([
    ['Liberation Sans', 'pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf', []],
    ['Tinos without fpgm, prep and cvt', TINOS, ['fpgm', 'prep', 'cvt ']],
    ['Tinos with fpgm only', TINOS, ['prep', 'cvt ']],
  ])('gives fontkit\'s own subset bytes for %s, subset after subset', (_, path, dropped) => {
    const require = createRequire(import.meta.url);
    const fontkit = require('fontkit') as typeof import('fontkit');
    const font = fontkit.create(withoutTables(readFileSync(require.resolve(path)), dropped)) as import('fontkit').Font;
    for (const tag of ['fpgm', 'prep', 'cvt ']) expect(tag in (font as unknown as { directory: { tables: object } }).directory.tables, tag).toBe(!dropped.includes(tag));
    speedUpSubsets(font);
    const encode = (on: boolean, ids: readonly number[]): Buffer => {
      setSubsetSpeedUps(on);
      const subset = font.createSubset() as unknown as { includeGlyph(id: number): number; encode(): Uint8Array };
      for (const id of ids) subset.includeGlyph(id);
      return Buffer.from(subset.encode());
    };
    const sets = [[1, 2, 3, 5, 8, 13], [21, 3, 34, 1], [2, 55, 7]].map((ids) => ids.filter((id) => id < font.numGlyphs));
    // The first subset of a font is fontkit's own encoding (its tables are kept from it); later ones are spliced.
    const fast = sets.map((ids) => encode(true, ids));
    const plain = sets.map((ids) => encode(false, ids));
    setSubsetSpeedUps(true);
    sets.forEach((_, i) => expect(fast[i]!.equals(plain[i]!), `subset ${i + 1}`).toBe(true));
  });

  it('is fed composite glyphs by the seed (so their component ids are rewritten above)', async () => {
    // Tinos builds some Cyrillic letters from components; the seed must use at least one of them.
    const fontkit = createRequire(import.meta.url)('fontkit') as typeof import('fontkit');
    const file = createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf');
    const font = fontkit.create(readFileSync(file)) as import('fontkit').Font;
    const text = readFileSync(SEED_RECORD, 'utf8');
    const composites = new Set([...text].filter((c) => {
      const g = font.glyphForCodePoint(c.codePointAt(0)!);
      const glyph = font.getGlyph(g.id) as unknown as { _decode(): { numberOfContours: number } | null };
      return (glyph._decode()?.numberOfContours ?? 0) < 0;
    }));
    expect(composites.size).toBeGreaterThan(0);
  });
});
