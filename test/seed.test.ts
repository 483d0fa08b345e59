/**
 * The first real record: the seed minutes, rendered from YAML, must read word
 * for word as the original in both DOCX and PDF.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { renderFile } from '../src/render/render.js';
import { docxText, readDocxPart } from './support/docx-xml.js';
import { pdfPages } from './support/pdf-text.js';
import { SEED_RECORD, SEED_TEXT_FILE, SEED_TEXT_COPY, seedText, words, withoutPageNumbers } from './support/seed.js';

let docx: Uint8Array;
let pdf: Uint8Array;

beforeAll(async () => {
  const result = await renderFile(SEED_RECORD, { formats: ['docx', 'pdf'] });
  expect(result.diagnostics).toEqual([]);
  docx = result.outputs!.get('docx')!;
  pdf = result.outputs!.get('pdf')!;
});

describe('the seed minutes', () => {
  it.skipIf(!existsSync(SEED_TEXT_FILE))('keeps an exact copy of ../shared/seed in test/golden', () => {
    expect(readFileSync(SEED_TEXT_COPY, 'utf8')).toBe(readFileSync(SEED_TEXT_FILE, 'utf8'));
  });

  it('numbers the agenda 1–2 and the resolutions 1–3 in the PDF (list markers are not in the word comparison)', async () => {
    const markers = (await pdfPages(pdf)).flat().map((l) => /^(\d+)\.\s/.exec(l)?.[1]).filter(Boolean);
    expect(markers).toEqual(['1', '2', '1', '2', '3']);
  });

  it('PDF text equals the seed word for word', async () => {
    const text = withoutPageNumbers(await pdfPages(pdf));
    expect(words(text)).toEqual(words(seedText()));
  });

  it('PDF text keeps the seed line structure for the requisites', async () => {
    const [first] = await pdfPages(pdf);
    expect(first).toContain('Күні: 25.12.2025 ж');
    expect(first).toContain('Қатысушылар: 7 адам');
    expect(first).toContain('Күн тәртібінде:');
  });

  it('DOCX text equals the seed word for word', () => {
    expect(words(docxText(docx))).toEqual(words(seedText()));
  });

  it('DOCX numbers the agenda and the resolutions as two lists, each from 1', () => {
    const xml = readDocxPart(docx, 'word/document.xml');
    const numIds = [...xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    // agenda (2 items), bullets (7), resolutions (3): three distinct lists
    expect(new Set(numIds).size).toBe(3);
    expect(numIds.length).toBe(12);
  });

  it('PDF embeds every font it uses and no standard font', () => {
    const latin1 = Buffer.from(pdf).toString('latin1');
    // Every font descriptor points at an embedded TrueType program, and the regular and bold faces are both there.
    const descriptors = latin1.match(/\/Type \/FontDescriptor[\s\S]*?>>/g) ?? [];
    expect(descriptors.length).toBe(2);
    for (const d of descriptors) expect(d).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(latin1).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Regular/);
    expect(latin1).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos-Bold/);
    expect(latin1).not.toMatch(/\/BaseFont \/(Helvetica|Times-Roman|Courier)/);
  });

  it('carries title, author and language in both formats', () => {
    const core = readDocxPart(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Қамқоршылық кеңес отырысының хаттамасы №2, 25.12.2025 ж</dc:title>');
    expect(core).toContain('<dc:creator>№1 «Еркетай» Алға бөбекжай балабақшасы</dc:creator>');
    expect(readDocxPart(docx, 'word/styles.xml')).toContain('w:val="kk-KZ"');
    const latin1 = Buffer.from(pdf).toString('latin1');
    expect(latin1).toMatch(/\/Lang \(kk-KZ\)/);
  });
});
