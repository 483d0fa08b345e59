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
import { section } from './page.js';
import { buildStyles, enableWidowControl } from './styles.js';

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
    sections: [section(style, children)],
  });
  const packed = await Packer.pack(document, 'uint8array');
  return normalizePackage(packed, meta, { 'word/styles.xml': enableWidowControl });
}
