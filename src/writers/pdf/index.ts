/**
 * The PDF writer: a {@link DocumentModel} and a style profile to an A4 PDF 1.7
 * with embedded, subset Tinos faces, byte-identical for the same input.
 *
 * Layout is done here (line breaking, justification, pagination, widow and
 * orphan control, keep-with-next); pdfkit serialises the PDF, subsets the
 * fonts and writes the ToUnicode maps.
 */
import PDFDocument from 'pdfkit';
import type { DocumentModel } from '../../document/blocks.js';
import { A4_PT, mmToPt, type StyleProfile } from '../../style/profile.js';
import { Faces } from './faces.js';
import { loadPdfFonts, type PdfFonts } from './fonts.js';
import { layoutBlocks } from './layout.js';
import { drawPageNumbers } from './page-numbers.js';
import { PageFlow } from './page-flow.js';
import { escapeXmpInfo } from './xmp.js';

export { loadPdfFonts, type PdfFonts } from './fonts.js';

/** Options of {@link writePdf}. */
export interface WritePdfOptions {
  /** Faces from {@link loadPdfFonts}; loaded from `style.font.pdf` (once per process) when omitted. */
  readonly fonts?: PdfFonts;
  /**
   * Called once for each distinct character (code point) in the drawn text
   * that the face drawing it has no glyph for: the font maps it to glyph 0
   * (.notdef), so the PDF shows an empty box there and extracted text lacks
   * the character. Whitespace, control characters and variation selectors are
   * not reported. Called synchronously while the pages are laid out, in order
   * of first appearance; if it throws, `writePdf` rejects with that error.
   * Reporting changes nothing in the output.
   */
  readonly onMissingGlyph?: (char: string) => void;
}

/**
 * Renders a document to PDF bytes.
 *
 * @param doc - the blocks and metadata; `meta.date` is the only date written
 *   (no clock), so the same input gives the same bytes in any time zone.
 * @param style - the style profile (page, fonts, spacing).
 * @param options - faces to use and a reporter of characters the font lacks.
 */
export async function writePdf(doc: DocumentModel, style: StyleProfile, options?: WritePdfOptions): Promise<Uint8Array>;
/**
 * Renders a document to PDF bytes with the given faces: the same as
 * `writePdf(doc, style, { fonts })`.
 *
 * @param fonts - faces from {@link loadPdfFonts}.
 */
export async function writePdf(doc: DocumentModel, style: StyleProfile, fonts: PdfFonts): Promise<Uint8Array>;
export async function writePdf(doc: DocumentModel, style: StyleProfile, third?: WritePdfOptions | PdfFonts): Promise<Uint8Array> {
  const options: WritePdfOptions = third === undefined ? {} : isPdfFonts(third) ? { fonts: third } : third;
  const { meta } = doc;
  if (!(meta.date instanceof Date) || Number.isNaN(meta.date.getTime())) {
    throw new Error('hattama: writePdf needs a valid meta.date');
  }
  const faces = options.fonts ?? loadPdfFonts(style.font.pdf);
  const m = style.page.marginsMm;
  const pdf = new PDFDocument({
    size: [A4_PT.width, A4_PT.height],
    margins: { top: mmToPt(m.top), bottom: mmToPt(m.bottom), left: mmToPt(m.left), right: mmToPt(m.right) },
    bufferPages: true,
    // null, not a name: pdfkit then loads no built-in font, so Helvetica can never be embedded.
    font: null as unknown as string,
    pdfVersion: '1.7',
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      ...(meta.subject ? { Subject: meta.subject } : {}),
      Creator: 'hattama',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  escapeXmpInfo(pdf);
  const chunks: Uint8Array[] = [];
  pdf.on('data', (c: Uint8Array) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  const flow = new PageFlow(pdf, new Faces(pdf, faces, options.onMissingGlyph), style, A4_PT.width, A4_PT.height);
  layoutBlocks(doc.blocks, flow);
  drawPageNumbers(flow, A4_PT.height);
  pdf.end();
  await finished;

  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Whether writePdf's third argument is a set of faces (the older form) rather than options. */
function isPdfFonts(x: WritePdfOptions | PdfFonts): x is PdfFonts {
  return 'regular' in x;
}
