/**
 * Text from input (file names, keys, values) must never reach a terminal raw:
 * an ESC starts a control sequence that can rewrite the screen, a NUL or a
 * bidi override hides or reorders what is shown. Such code points are printed
 * as `\u{1b}` escapes instead.
 */

// C0 controls, DEL, C1 controls, bidi marks, embeddings, overrides and isolates,
// line/paragraph separators, unpaired surrogates and noncharacters.
const UNSAFE =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/gu;

/** `s` with every control, bidi and non-character code point written as `\u{…}`. */
export function escapeForTerminal(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
