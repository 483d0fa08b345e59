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
import { setSubsetSpeedUps } from '../../src/writers/pdf/subset.js';
import { ROOT, SEED_RECORD } from '../support/seed.js';

const EXAMPLE = join(ROOT, 'examples', 'three-items-ru', 'meetings', '2026', '2026-02-19-pedagogical-council-02.yaml');

async function pdfOf(file: string): Promise<Buffer> {
  const r = await renderFile(file, { formats: ['pdf'] });
  const pdf = r.outputs?.get('pdf');
  if (!pdf) throw new Error(`${file} did not render: ${JSON.stringify(r.diagnostics)}`);
  return Buffer.from(pdf);
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
