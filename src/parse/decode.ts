/**
 * Strict UTF-8 decoding of a file's bytes. Node's `readFile(f, 'utf8')`
 * silently turns bad bytes into U+FFFD, which then prints as "�" in the PDF;
 * hattama refuses them instead, at the line and column of the first bad byte.
 */
import type { Position } from './diagnostic.js';

/** The result of {@link decodeUtf8}: the text, or where the bytes stop being UTF-8. */
export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly offset: number; readonly byte: number; readonly position: Position };

// Made on first use: the start-up snapshot (src/snapshot/entry.ts) is built
// where TextDecoder does not exist yet.
let strictDecoder: InstanceType<typeof TextDecoder> | undefined;
let lenientDecoder: InstanceType<typeof TextDecoder> | undefined;
const strict = (): InstanceType<typeof TextDecoder> => (strictDecoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }));
const lenient = (): InstanceType<typeof TextDecoder> => (lenientDecoder ??= new TextDecoder('utf-8', { ignoreBOM: true }));

/** Decodes UTF-8, or returns the first invalid byte with its 1-based line and column. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: strict().decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    let lineStart = offset;
    while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a) lineStart--;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    // Columns count characters as the YAML parser does (UTF-16 units), after a BOM.
    let column = lenient().decode(bytes.subarray(lineStart, offset)).length + 1;
    if (lineStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) column--;
    return { ok: false, offset, byte: bytes[offset] ?? 0, position: { line, column } };
  }
}

/**
 * The offset of the first byte that does not begin or continue a well-formed
 * UTF-8 sequence (Unicode Table 3-7: no overlong forms, no surrogates, nothing
 * above U+10FFFF). A broken sequence is reported at its first byte, where the
 * bad character starts.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
