/**
 * The DOCX package's ZIP container, written exactly as fflate's `zipSync`
 * writes it at level 6 (test/writers/docx-zip.test.ts compares the bytes),
 * with one difference in how, not what: a part whose text was zipped before
 * reuses its deflated bytes.
 *
 * In an archive build most of a package's text is the same in every document
 * of one style profile and language (styles, theme, settings, relationships,
 * content types): deflating it again for each document was over half of the
 * DOCX zip's time. `zipSync` takes only uncompressed data, so the container
 * (local headers, central directory, end record: fixed fields only, no
 * extras, no comments, no ZIP64) is written here around fflate's own deflate.
 */
import { deflateSync } from 'fflate';
import { crc32 } from 'node:zlib';

/** A part's deflated bytes with what its headers record. */
interface Deflated {
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
}

/**
 * Deflated parts by their text. Bounded in count and in the length of the
 * texts kept, so a build's memory does not grow with its documents: parts
 * that recur are looked up at every document and stay; parts unique to one
 * document pass through and are dropped.
 */
const recent = new Map<string, Deflated>();
const RECENT_LIMIT = 64;
const LONGEST_KEPT = 32 * 1024;

const encoder = new TextEncoder();

/** Deflates `bytes` as zipSync does for an entry at level 6. */
function deflate(bytes: Uint8Array): Deflated {
  return { crc: crc32(bytes), size: bytes.length, data: deflateSync(bytes, { level: 6 }) };
}

/** The deflated form of a part's text, from `recent` when the same text was zipped lately. */
function deflateText(text: string): Deflated {
  const known = recent.get(text);
  if (known) {
    // Map order is insertion order: moving a hit to the end keeps the parts that recur.
    recent.delete(text);
    recent.set(text, known);
    return known;
  }
  const made = deflate(encoder.encode(text));
  if (text.length <= LONGEST_KEPT) {
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
    recent.set(text, made);
  }
  return made;
}

/** ZIP's fixed numbers, as fflate writes them. */
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const VERSION = 20;
const DEFLATE = 8;
/** General-purpose flag bit 11: the entry's name is UTF-8. */
const UTF8_NAME = 0x800;

/**
 * Zips `entries` in the order given, every one deflated at level 6 and dated
 * `dos` (an MS-DOS date and time, as dosDateTime in package.ts gives it).
 * Text is stored as UTF-8.
 * @throws Error if the package would need ZIP64 (over 65,535 entries or 4 GiB)
 */
export function zipParts(entries: Iterable<readonly [string, string | Uint8Array]>, dos: number): Uint8Array {
  const files: { name: Uint8Array; flags: number; part: Deflated; offset: number }[] = [];
  let offset = 0;
  for (const [path, content] of entries) {
    const name = encoder.encode(path);
    const part = typeof content === 'string' ? deflateText(content) : deflate(content);
    files.push({ name, flags: name.length !== path.length ? UTF8_NAME : 0, part, offset });
    offset += 30 + name.length + part.data.length;
  }
  const centralStart = offset;
  for (const f of files) offset += 46 + f.name.length;
  if (files.length > 0xffff || offset + 22 > 0xffffffff) throw new Error('DOCX package too large for a ZIP without ZIP64');
  const out = new Uint8Array(offset + 22);
  const view = new DataView(out.buffer);
  // Local header: signature, version needed, flags, method, time and date, CRC, sizes, name and extra lengths.
  const header = (at: number, f: (typeof files)[number]): number => {
    view.setUint16(at, VERSION, true);
    view.setUint16(at + 2, f.flags, true);
    view.setUint16(at + 4, DEFLATE, true);
    view.setUint32(at + 6, dos, true);
    view.setUint32(at + 10, f.part.crc, true);
    view.setUint32(at + 14, f.part.data.length, true);
    view.setUint32(at + 18, f.part.size, true);
    view.setUint16(at + 22, f.name.length, true);
    return at + 26;
  };
  for (const f of files) {
    view.setUint32(f.offset, LOCAL, true);
    const at = header(f.offset + 4, f);
    out.set(f.name, at);
    out.set(f.part.data, at + f.name.length);
  }
  let at = centralStart;
  for (const f of files) {
    view.setUint32(at, CENTRAL, true);
    // Version made by: 2.0, MS-DOS (fflate's default "os" of 0).
    view.setUint16(at + 4, VERSION, true);
    // Comment length, disk number, internal and external attributes: all zero, as the buffer is.
    view.setUint32(at + 42, f.offset, true);
    out.set(f.name, header(at + 6, f) + 14);
    at += 46 + f.name.length;
  }
  view.setUint32(at, END, true);
  view.setUint16(at + 8, files.length, true);
  view.setUint16(at + 10, files.length, true);
  view.setUint32(at + 12, offset - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}
