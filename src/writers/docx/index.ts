/**
 * The DOCX writer: a {@link DocumentModel} and a {@link StyleProfile} to the
 * bytes of a Word document (A4, real paragraph styles, Kazakh as the text
 * language), identical for identical input.
 */
import { Document, Packer } from 'docx';
import type { DocumentModel } from '../../document/blocks.js';
import type { StyleProfile } from '../../style/profile.js';
import { removeXmlForbidden } from '../../util/xml.js';
import { renderBlocks } from './blocks.js';
import { ListNumbering } from './numbering.js';
import { normalizePackage } from './package.js';
import { unzipSync } from 'fflate';
import { section } from './page.js';
import { buildStyles, enableWidowControl } from './styles.js';
import { compileWithSharedParts, type DocxCompiler } from './shared-parts.js';

/**
 * Renders the document as DOCX.
 *
 * Reads only `doc` and `style` — never the clock: core-property dates and ZIP
 * entry times come from `doc.meta.date`, so the same input gives the same bytes
 * in any time zone.
 *
 * @param doc - the blocks and metadata to write
 * @param style - page, font and spacing
 * @returns the `.docx` file's bytes
 * @throws Error if `doc.meta.date` is invalid or a table row has more cells than columns
 */
export async function writeDocx(doc: DocumentModel, style: StyleProfile): Promise<Uint8Array> {
  const { meta } = doc;
  const numbering = new ListNumbering(style);
  // Blocks first: rendering them allocates the list instances the numbering part lists.
  const children = renderBlocks(doc.blocks, style, numbering);
  // docx escapes these and drops C0 controls, but writes U+FFFE/U+FFFF and lone surrogates into core.xml.
  const author = removeXmlForbidden(meta.author);
  const document = new Document({
    title: removeXmlForbidden(meta.title),
    ...(meta.subject !== undefined ? { subject: removeXmlForbidden(meta.subject) } : {}),
    creator: author,
    lastModifiedBy: author,
    revision: 1,
    styles: buildStyles(style, meta.lang),
    numbering: numbering.options(),
    // A justified line ended by a manual break (<w:br/>) is set like a last line,
    // not stretched across the page; Word and LibreOffice both read this setting.
    compatibility: { doNotExpandShiftReturn: true },
    sections: [section(style, children)],
  });
  return normalizePackage(await packageParts(document, sharedPartsKey(style, meta.lang)), meta, { 'word/styles.xml': enableWidowControl });
}

/**
 * What the shared parts (styles, theme, settings…) depend on: the style
 * profile and the language, nothing else (see shared-parts.ts). The profile is
 * keyed by its text, so two configurations that load equal profiles share.
 */
function sharedPartsKey(style: StyleProfile, lang: string): string {
  let text = profileText.get(style);
  if (text === undefined) profileText.set(style, (text = JSON.stringify(style)));
  return `${lang}\n${text}`;
}
const profileText = new WeakMap<StyleProfile, string>();

/**
 * The package's parts, unzipped. normalizePackage re-zips them with fixed
 * dates; letting docx zip them first (Packer.pack) only to unzip them again
 * cost a third of a DOCX's time in an archive build. docx keeps its compiler
 * as a private static of Packer, so this falls back to the public route if a
 * future docx drops it (the tests then still pass, just slower).
 */
async function packageParts(document: Document, sharedKey: string): Promise<Record<string, string | Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  if (typeof compiler?.compile !== 'function' || typeof compiler.formatter?.format !== 'function') return unzipSync(await Packer.pack(document, 'uint8array'));
  return Object.fromEntries(compileWithSharedParts(compiler, document, sharedKey));
}
