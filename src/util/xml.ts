/**
 * Text for XML parts written by hand: the DOCX package's property parts and
 * the PDF's XMP metadata.
 */

/**
 * Characters XML 1.0 cannot carry even as references: C0 controls other than
 * tab, line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF
 * (XML 1.0 § 2.2, production `Char`). With the `u` flag a surrogate pair is
 * one code point, so the surrogate range matches only unpaired halves.
 */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Removes the characters XML 1.0 forbids (see {@link escapeXml}), leaving
 * everything else as it is. For text handed to a library that escapes
 * markup itself but passes such characters through (docx's `TextRun`).
 *
 * @param text - any string
 * @returns `text` without the forbidden characters
 */
export function removeXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/**
 * Makes arbitrary text safe as XML character data or as an attribute value
 * in either kind of quotes: `&`, `<`, `>`, `"` and `'` become entity
 * references, and characters XML 1.0 cannot carry at all (C0 controls other
 * than tab, line feed and carriage return; unpaired surrogates; U+FFFE;
 * U+FFFF) are dropped, since no escape would make them well-formed.
 *
 * @example escapeXml('Tom & "Jerry" <3') // 'Tom &amp; &quot;Jerry&quot; &lt;3'
 * @param text - any string
 * @returns the text, ready to paste between tags or quotes
 */
export function escapeXml(text: string): string {
  return removeXmlForbidden(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
