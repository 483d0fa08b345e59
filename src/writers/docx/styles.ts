/**
 * Word paragraph styles built from the style profile.
 *
 * Every paragraph the writer emits names one of these styles instead of
 * repeating direct formatting, so a secretary who edits the DOCX in Word can
 * restyle all headings (or all body text) at once.
 */
import { LineRuleType, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import type { ParagraphRole } from '../../document/blocks.js';
import { mmToTwip, type ParagraphStyle, type StyleProfile } from '../../style/profile.js';
import { docxAlignment, ptToHalfPt, ptToTwip } from './units.js';

/** Style ids the writer uses. `Title`, `Heading1` and `ListParagraph` are Word's built-in ids. */
export const STYLE_ID = {
  title: 'Title',
  heading: 'Heading1',
  body: 'BodyText',
  line: 'RequisiteLine',
  label: 'Label',
  list: 'ListParagraph',
  signature: 'Signature',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  header: 'Header',
  footer: 'Footer',
} as const;

/** The paragraph style id of each paragraph role. */
export const ROLE_STYLE: Readonly<Record<ParagraphRole, string>> = {
  title: STYLE_ID.title,
  heading: STYLE_ID.heading,
  body: STYLE_ID.body,
  line: STYLE_ID.line,
  label: STYLE_ID.label,
};

/** A Word paragraph style carrying one role's {@link ParagraphStyle}. */
function roleStyle(id: string, name: string, p: ParagraphStyle, extra: Partial<IParagraphStyleOptions> = {}): IParagraphStyleOptions {
  const firstLine = mmToTwip(p.firstLineIndentMm);
  return {
    id,
    name,
    basedOn: 'Normal',
    quickFormat: true,
    ...extra,
    paragraph: {
      alignment: docxAlignment(p.align),
      spacing: { before: ptToTwip(p.spaceBeforePt), after: ptToTwip(p.spaceAfterPt) },
      ...(firstLine > 0 ? { indent: { firstLine } } : {}),
      // keepLines too: a heading split over two pages is as bad as one left alone at the bottom.
      ...(p.keepWithNext ? { keepNext: true, keepLines: true } : {}),
      ...extra.paragraph,
    },
    run: {
      ...(p.bold ? { bold: true } : {}),
      ...(p.italic ? { italics: true } : {}),
      ...extra.run,
    },
  };
}

/** A style with no spacing and no indent, for text inside table cells and headers. */
function plainStyle(id: string, name: string, extra: Partial<IParagraphStyleOptions>): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: 'Normal',
    ...extra,
    paragraph: { spacing: { before: 0, after: 0 }, ...extra.paragraph },
  };
}

/**
 * The document's styles: defaults (font, size, line spacing, language) and one
 * paragraph style per role, plus list, signature, table and header styles.
 *
 * @param style - the style profile
 * @param lang - BCP 47 language of the text, e.g. `kk-KZ`; set as the default run
 *   language so Word spell-checks and hyphenates the text as Kazakh
 */
export function buildStyles(style: StyleProfile, lang: string): IStylesOptions {
  const size = ptToHalfPt(style.font.sizePt);
  const tableSize = ptToHalfPt(style.tables.fontSizePt);
  const pageNumberSize = ptToHalfPt(style.pageNumbers.sizePt);
  const pageNumberAlign = style.pageNumbers.position === 'bottom-right' ? 'right' : 'center';
  const pn = style.pageNumbers.position === 'top-center' ? { id: STYLE_ID.header, name: 'header' } : { id: STYLE_ID.footer, name: 'footer' };
  const { paragraphs } = style;
  return {
    default: {
      document: {
        run: {
          font: style.font.family,
          size,
          sizeComplexScript: size,
          language: { value: lang },
        },
        paragraph: {
          // "auto" line spacing is in 240ths of a line.
          spacing: { line: Math.round(240 * style.font.lineSpacing), lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        },
      },
    },
    paragraphStyles: [
      roleStyle(STYLE_ID.title, 'Title', paragraphs.title, { next: STYLE_ID.line }),
      roleStyle(STYLE_ID.heading, 'heading 1', paragraphs.heading, { next: STYLE_ID.body, paragraph: { outlineLevel: 0 } }),
      roleStyle(STYLE_ID.body, 'Body Text', paragraphs.body),
      roleStyle(STYLE_ID.line, 'Requisite Line', paragraphs.line),
      // Based on body text, so a change of the body font reaches the labels; the indent is its own.
      roleStyle(STYLE_ID.label, 'Label', paragraphs.label, {
        basedOn: STYLE_ID.body,
        next: STYLE_ID.body,
        paragraph: { indent: { firstLine: mmToTwip(paragraphs.label.firstLineIndentMm) } },
        run: { bold: paragraphs.label.bold, italics: paragraphs.label.italic },
      }),
      {
        id: STYLE_ID.list,
        name: 'List Paragraph',
        basedOn: 'Normal',
        quickFormat: true,
        // The indent comes from the numbering level.
        paragraph: {
          alignment: docxAlignment(style.lists.align),
          spacing: { before: 0, after: ptToTwip(style.lists.spaceAfterPt) },
        },
      },
      plainStyle(STYLE_ID.signature, 'Signature', {}),
      plainStyle(STYLE_ID.tableText, 'Table Text', { run: { size: tableSize, sizeComplexScript: tableSize } }),
      plainStyle(STYLE_ID.tableHeading, 'Table Heading', {
        basedOn: STYLE_ID.tableText,
        paragraph: { alignment: docxAlignment('center'), keepNext: true },
        run: { bold: true },
      }),
      plainStyle(pn.id, pn.name, {
        paragraph: { alignment: docxAlignment(pageNumberAlign) },
        run: { size: pageNumberSize, sizeComplexScript: pageNumberSize },
      }),
    ],
  };
}

/**
 * Turns widow/orphan control on for every paragraph, in the document defaults
 * of `word/styles.xml`. docx has no option for it there, and without it Word
 * leaves single lines of a paragraph alone at the top or bottom of a page.
 *
 * @throws Error if the part has no `<w:pPrDefault>` (docx changed its output)
 */
export function enableWidowControl(stylesXml: string): string {
  if (stylesXml.includes('<w:widowControl')) return stylesXml;
  // widowControl comes first among the properties docx writes there (CT_PPrBase order).
  if (stylesXml.includes('<w:pPrDefault><w:pPr>')) return stylesXml.replace('<w:pPrDefault><w:pPr>', '<w:pPrDefault><w:pPr><w:widowControl/>');
  if (stylesXml.includes('<w:pPrDefault/>')) return stylesXml.replace('<w:pPrDefault/>', '<w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault>');
  throw new Error('docx wrote no <w:pPrDefault> in word/styles.xml');
}
