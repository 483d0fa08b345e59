/**
 * Parts of a DOCX package that are the same for every document with the same
 * style profile and language — styles, theme, settings, font table, and the
 * empty footnotes, endnotes and comments — compiled once and reused.
 *
 * docx formats every part of every document from its object model; in an
 * archive build the styles and the theme alone were over a third of the XML
 * work, each time giving the same text. Here docx still compiles the package
 * (so its parts, order and the document's own XML stay docx's), but the parts
 * already known are handed a stand-in while it formats, and their cached text
 * put back in place: the bytes are those docx would have written.
 */
import type { File } from 'docx';

/** A part's path and text (or bytes) as docx's compiler gives them, in package order. */
export type CompiledParts = Map<string, string | Uint8Array>;

/** docx's compiler (Packer's private static): its formatter is what turns objects into XML trees. */
export interface DocxCompiler {
  readonly formatter: { format(input: unknown, context: unknown): unknown };
  compile(file: File, prettify: undefined, overrides: readonly unknown[]): Map<string, string | Uint8Array>;
}

/** The paths of the shared parts, beside the object docx formats for each. */
const SHARED: readonly (readonly [string, (file: File) => unknown])[] = [
  ['word/styles.xml', (f) => f.Styles],
  ['word/theme/theme1.xml', (f) => f.Theme],
  ['word/settings.xml', (f) => f.Settings],
  ['word/fontTable.xml', (f) => f.FontTable.View],
  ['word/footnotes.xml', (f) => f.FootNotes.View],
  ['word/endnotes.xml', (f) => f.Endnotes.View],
  ['word/comments.xml', (f) => f.Comments],
];

/** Shared parts by key (style profile and language); a handful at most in one build. */
const cache = new Map<string, ReadonlyMap<string, string | Uint8Array>>();
const CACHE_LIMIT = 16;

/** What docx formats in place of a cached part: an empty tree, replaced afterwards. */
const STAND_IN = Object.freeze({});

/**
 * Compiles `file` with docx, reusing the shared parts cached under `key`.
 * The caller guarantees that `key` determines those parts: it names the style
 * profile and language the document was built with, and the document has no
 * footnotes, endnotes or comments.
 */
export function compileWithSharedParts(compiler: DocxCompiler, file: File, key: string): CompiledParts {
  const known = cache.get(key);
  if (!known) {
    const parts = compiler.compile(file, undefined, []);
    const shared = new Map<string, string | Uint8Array>();
    for (const [path] of SHARED) {
      const data = parts.get(path);
      if (data !== undefined) shared.set(path, data);
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, shared);
    return parts;
  }
  const standIns = new Set(SHARED.filter(([path]) => known.has(path)).map(([, of]) => of(file)));
  const formatter = compiler.formatter;
  const format = formatter.format;
  // An own property shadows the prototype's method for this one synchronous compile.
  formatter.format = function (input: unknown, context: unknown): unknown {
    return standIns.has(input) ? STAND_IN : format.call(this, input, context);
  };
  let parts: CompiledParts;
  try {
    parts = compiler.compile(file, undefined, []);
  } finally {
    delete (formatter as { format?: unknown }).format;
    if (formatter.format !== format) formatter.format = format;
  }
  // Setting an existing key keeps its place: the package order stays docx's.
  for (const [path, data] of known) if (parts.has(path)) parts.set(path, data);
  return parts;
}
