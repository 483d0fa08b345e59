/**
 * The style profile: page, fonts and spacing shared by the DOCX and PDF writers.
 *
 * Defaults follow common Kazakh office practice (A4, Times New Roman 14 pt,
 * margins 30/15/20/20 mm). None of this is settled law, so every value can be
 * overridden per organisation (see `templates/style.yaml`).
 */

/** Spacing and alignment of one paragraph role. */
export interface ParagraphStyle {
  readonly bold: boolean;
  readonly italic: boolean;
  readonly align: 'left' | 'center' | 'right' | 'justify';
  /** Indent of the first line, in millimetres. */
  readonly firstLineIndentMm: number;
  readonly spaceBeforePt: number;
  readonly spaceAfterPt: number;
  /** Keep this paragraph on the same page as the next block (headings). */
  readonly keepWithNext: boolean;
}

/** Font files the PDF writer embeds, one per face. Paths are absolute after loading. */
export interface PdfFontFiles {
  readonly regular: string;
  readonly bold: string;
  readonly italic: string;
  readonly boldItalic: string;
}

/** The whole style profile. */
export interface StyleProfile {
  readonly page: {
    /** Page size name; only A4 is supported for now. */
    readonly size: 'A4';
    readonly marginsMm: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
  };
  readonly font: {
    /** Font family named in the DOCX (Word substitutes when missing). */
    readonly family: string;
    readonly sizePt: number;
    /** Line height as a multiple of single spacing. */
    readonly lineSpacing: number;
    /** TTF files the PDF embeds: a Times-metric font with every Kazakh letter. */
    readonly pdf: PdfFontFiles;
  };
  readonly paragraphs: {
    readonly title: ParagraphStyle;
    readonly heading: ParagraphStyle;
    readonly body: ParagraphStyle;
    readonly line: ParagraphStyle;
    /** In-text labels («Сөз сөйлегендер:», «Шешім:»). */
    readonly label: ParagraphStyle;
  };
  readonly justify: {
    /**
     * A justified PDF line whose word spaces would exceed this many times a
     * normal space is set flush left instead.
     */
    readonly maxSpaceRatio: number;
  };
  readonly lists: {
    /** Alignment of the items' text. */
    readonly align: 'justify' | 'left';
    /** Left indent of list text, in millimetres. */
    readonly indentMm: number;
    /** Hanging indent: where the marker sits, measured back from the text, in millimetres. */
    readonly hangingMm: number;
    /** Marker of bulleted items. */
    readonly bullet: string;
    readonly spaceAfterPt: number;
  };
  readonly signatures: {
    readonly spaceBeforePt: number;
    /** Gap between two signature rows, in points. */
    readonly rowGapPt: number;
    /** Column shares of the text width: role, signature line, name. */
    readonly columns: readonly [number, number, number];
  };
  readonly tables: {
    readonly fontSizePt: number;
    readonly cellPaddingMm: number;
  };
  readonly pageNumbers: {
    readonly enabled: boolean;
    /** First page that shows its number (2: the first page has none). */
    readonly fromPage: 1 | 2;
    readonly position: 'top-center' | 'bottom-center' | 'bottom-right';
    readonly sizePt: number;
  };
}

/** Millimetres to PDF points. */
export const mmToPt = (mm: number): number => (mm * 72) / 25.4;
/** Millimetres to twentieths of a point (DOCX "twips"). */
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
/** A4 in points. */
export const A4_PT = { width: 595.28, height: 841.89 } as const;
