/**
 * src/writers/docx/zip.ts writes the DOCX container itself, so that parts
 * that recur across documents are deflated once. Its bytes must be exactly
 * those of fflate's zipSync at level 6 (what the DOCX writer used before, and
 * what sealed copies were made with): checked here part by part against
 * zipSync, with repeated texts (served from the cache), non-ASCII names and
 * text, binary parts and empty ones, and the date in the headers.
 */
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { zipParts } from '../../src/writers/docx/zip.js';
import { dosDateTime } from '../../src/writers/docx/package.js';

/** zipSync's output for the same entries, dated by local-time fields (what fflate reads) equal to `date`'s UTC fields. */
function byFflate(entries: readonly (readonly [string, string | Uint8Array])[], date: Date): Uint8Array {
  const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
  const zippable: Zippable = {};
  for (const [name, data] of entries) zippable[name] = [typeof data === 'string' ? new TextEncoder().encode(data) : data, { mtime, level: 6 }];
  return zipSync(zippable);
}

// A time outside any DST change, so local fields are the UTC ones in every zone.
const DATE = new Date(Date.UTC(2025, 11, 25, 10, 30, 4));

const styles = `<?xml version="1.0"?><w:styles>${'<w:style w:type="paragraph"/>'.repeat(300)}</w:styles>`;
const kazakh = '<w:t>Қамқоршылық кеңестің отырысы. Шешім қабылданды: әңғқөұүһі ӘҢҒҚӨҰҮҺІ</w:t>'.repeat(40);
const binary = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251);

describe('the DOCX zip container', () => {
  it('writes the bytes zipSync writes, for text, non-ASCII text and names, binary and empty parts', () => {
    const entries = [
      ['[Content_Types].xml', '<Types/>'],
      ['word/styles.xml', styles],
      ['word/document.xml', kazakh],
      ['word/media/image1.png', binary],
      ['word/empty.xml', ''],
      ['word/қазақша.xml', kazakh.slice(0, 500)],
    ] as const;
    const mine = zipParts(entries, dosDateTime(DATE));
    expect(Buffer.from(mine).equals(Buffer.from(byFflate(entries, DATE)))).toBe(true);
    // And it reads back: names, contents.
    const back = unzipSync(mine);
    expect(Object.keys(back)).toEqual(entries.map(([n]) => n));
    expect(new TextDecoder().decode(back['word/document.xml'])).toBe(kazakh);
    expect(back['word/media/image1.png']).toEqual(binary);
  });

  it('gives the same bytes when parts come from its cache, document after document', () => {
    const first = [['word/styles.xml', styles], ['word/document.xml', 'one']] as const;
    const second = [['word/styles.xml', `${styles}`], ['word/document.xml', 'two']] as const;
    zipParts(first, dosDateTime(DATE));
    // styles.xml is now cached: the second package must still be zipSync's.
    for (const entries of [second, first]) {
      expect(Buffer.from(zipParts(entries, dosDateTime(DATE))).equals(Buffer.from(byFflate(entries, DATE)))).toBe(true);
    }
  });

  it('gives the same bytes past its bounds: texts over 32 KiB, and more recurring texts than it keeps', () => {
    const long = kazakh.repeat(12);
    expect(long.length).toBeGreaterThan(32 * 1024);
    const many = Array.from({ length: 70 }, (_, i) => [`word/part${i}.xml`, `<p n="${i}">${styles}</p>`] as const);
    for (const round of [1, 2]) {
      const entries = [['word/long.xml', long] as const, ...many];
      expect(Buffer.from(zipParts(entries, dosDateTime(DATE))).equals(Buffer.from(byFflate(entries, DATE))), `round ${round}`).toBe(true);
    }
  });

  it('dates every entry, local and central, with the document date in any time zone', () => {
    const zip = zipParts([['a.xml', 'x'], ['b.xml', 'y']], dosDateTime(new Date(Date.UTC(2024, 2, 22, 0, 0, 0))));
    const view = new DataView(zip.buffer);
    // 2024-03-22 00:00:00 as MS-DOS date (high half) and time (low half).
    const dos = (((2024 - 1980) << 9) | (3 << 5) | 22) << 16;
    expect(view.getUint32(10, true)).toBe(dos >>> 0);
    const central = view.getUint32(zip.length - 6, true);
    expect(view.getUint32(central + 12, true)).toBe(dos >>> 0);
    expect(view.getUint32(central + 46 + 5 + 12, true)).toBe(dos >>> 0);
  });
});
