/**
 * The section: A4 page, margins, and page numbers in the header or footer.
 */
import { Footer, Header, PageNumber, PageOrientation, Paragraph, TextRun, type FileChild, type ISectionOptions } from 'docx';
import { mmToTwip, type StyleProfile } from '../../style/profile.js';
import { STYLE_ID } from './styles.js';
import { A4_TWIP } from './units.js';

/** Distance from the page edge to the header and the footer: 12.5 mm, Word's default. */
const HEADER_DISTANCE = 709;

/**
 * The single section of the document, holding `children`.
 *
 * Page numbers are a PAGE field, so Word and LibreOffice fill them in. When
 * `pageNumbers.fromPage` is 2 or more the section has a distinct (empty) first
 * page header/footer; a DOCX cannot hide numbers on pages 2, 3… without more
 * sections, so any `fromPage` above 2 behaves as 2.
 */
export function section(style: StyleProfile, children: FileChild[]): ISectionOptions {
  const m = style.page.marginsMm;
  const pn = style.pageNumbers;
  const properties: ISectionOptions['properties'] = {
    page: {
      size: { width: A4_TWIP.width, height: A4_TWIP.height, orientation: PageOrientation.PORTRAIT },
      margin: {
        top: mmToTwip(m.top),
        right: mmToTwip(m.right),
        bottom: mmToTwip(m.bottom),
        left: mmToTwip(m.left),
        header: HEADER_DISTANCE,
        footer: HEADER_DISTANCE,
        gutter: 0,
      },
    },
    ...(pn.enabled && pn.fromPage >= 2 ? { titlePage: true } : {}),
  };
  if (!pn.enabled) return { properties, children };

  const inHeader = pn.position === 'top-center';
  const styleId = inHeader ? STYLE_ID.header : STYLE_ID.footer;
  const numbered = () => [new Paragraph({ style: styleId, children: [new TextRun({ children: [PageNumber.CURRENT] })] })];
  const blank = () => [new Paragraph({ style: styleId })];
  const skipFirst = pn.fromPage >= 2;
  if (inHeader) {
    const make = (c: Paragraph[]) => new Header({ children: c });
    return { properties, children, headers: { default: make(numbered()), ...(skipFirst ? { first: make(blank()) } : {}) } };
  }
  const make = (c: Paragraph[]) => new Footer({ children: c });
  return { properties, children, footers: { default: make(numbered()), ...(skipFirst ? { first: make(blank()) } : {}) } };
}
