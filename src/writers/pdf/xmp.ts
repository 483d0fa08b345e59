/**
 * pdfkit 0.20 writes an XMP metadata stream for every PDF version above 1.3
 * and pastes Title, Author, Subject and Creator into it without XML escaping
 * (`MetadataMixin._addInfo`), so a title with `&` or `<` makes the XMP
 * malformed. This wraps that method to hand it escaped copies; the Info
 * dictionary, written earlier from the same values, keeps the plain text.
 */
import type {} from 'pdfkit';
import { escapeXml } from '../../util/xml.js';

/** The private members involved, typed for a narrow cast (pdfkit 0.20.2). */
interface MetadataInternals {
  info: Record<string, unknown>;
  _addInfo(): void;
}

/** Makes `doc` write well-formed XMP whatever its metadata strings contain. */
export function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as MetadataInternals;
  const addInfo = internals._addInfo;
  if (typeof addInfo !== 'function') return; // another pdfkit: nothing to patch
  internals._addInfo = function (this: MetadataInternals): void {
    const plain = this.info;
    this.info = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
    try {
      addInfo.call(this);
    } finally {
      this.info = plain;
    }
  };
}
