/**
 * Code points that are not characters: unpaired UTF-16 surrogates (a lone
 * "\ud800" escape in a double-quoted YAML string makes one) and Unicode
 * noncharacters (U+FDD0–U+FDEF and the last two code points of every plane).
 * Neither can be written to DOCX (XML forbids them) or drawn in a PDF.
 */

// With the `u` flag a surrogate range matches only surrogates that are not part of a pair.
const NOT_A_CHARACTER =
  /[\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/u;

/** The first code point in a text that is not a character, with its kind. */
export interface NonCharacter {
  readonly codePoint: number;
  readonly kind: 'surrogate' | 'noncharacter';
  /** Its index in the text (UTF-16 units). */
  readonly index: number;
}

/** Finds the first unpaired surrogate or noncharacter in `text`, if any. */
export function findNonCharacter(text: string): NonCharacter | undefined {
  const m = NOT_A_CHARACTER.exec(text);
  if (!m) return undefined;
  const codePoint = m[0].codePointAt(0)!;
  return { codePoint, kind: codePoint >= 0xd800 && codePoint <= 0xdfff ? 'surrogate' : 'noncharacter', index: m.index };
}

/** `U+FFFE`, `U+1FFFF`: how a code point is named in messages. */
export const codePointName = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Where in a scalar's source text a code point was written: the character
 * itself, or the YAML escape (`\uD800`, `\U0001FFFE`, `\xNN`) that produced
 * it. Returns an offset into `raw`, or undefined when neither is found.
 */
export function offsetInSource(raw: string, codePoint: number): number | undefined {
  if (codePoint > 0xffff || codePoint < 0xd800 || codePoint > 0xdfff) {
    const literal = raw.indexOf(String.fromCodePoint(codePoint));
    if (literal >= 0) return literal;
  } else {
    // A lone surrogate cannot be searched for with indexOf safely across pairs.
    for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === codePoint && !isPaired(raw, i)) return i;
  }
  const escape = /\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))/g;
  for (let m = escape.exec(raw); m; m = escape.exec(raw)) {
    if (parseInt(m[1] ?? m[2] ?? m[3]!, 16) === codePoint) return m.index;
  }
  return undefined;
}

function isPaired(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = s.charCodeAt(i + 1);
    return n >= 0xdc00 && n <= 0xdfff;
  }
  const p = s.charCodeAt(i - 1);
  return p >= 0xd800 && p <= 0xdbff;
}
