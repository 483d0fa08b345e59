/**
 * Test helpers for reading a DOCX: one part's XML, and the document's text.
 */
import { strFromU8, unzipSync } from 'fflate';

/**
 * The text of one part of a DOCX package, e.g. `word/document.xml`.
 *
 * @throws Error if the package has no such part
 */
export function readDocxPart(bytes: Uint8Array, path: string): string {
  const part = unzipSync(bytes, { filter: (f) => f.name === path })[path];
  if (!part) throw new Error(`no ${path} in the DOCX package`);
  return strFromU8(part);
}

/** The names of the package's parts, in ZIP order. */
export function docxPartNames(bytes: Uint8Array): string[] {
  return Object.keys(unzipSync(bytes));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Resolves XML character and entity references. */
export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? m;
  });
}

/**
 * The body text of a DOCX (`word/document.xml`), one line per paragraph.
 *
 * - `<w:t>` text as written; `<w:br/>` is `\n`, `<w:tab/>` in a run is `\t`.
 * - A page break — `<w:br w:type="page"/>` or a paragraph with
 *   `<w:pageBreakBefore/>` — is `\f` (the latter at the start of its paragraph).
 * - A table row is one line, its cells joined by `\t`; paragraphs inside one
 *   cell are joined by `\n`.
 * - Field instructions (`<w:instrText>`) and deleted text are not text.
 */
export function docxText(bytes: Uint8Array): string {
  const xml = readDocxPart(bytes, 'word/document.xml');
  const lines: string[] = [];
  // Table state: a stack so a nested table is folded into its cell's text.
  const tables: { row: string[]; cell: string[] }[] = [];
  let para: string | null = null;
  let inRun = false;
  let inText = false;

  const endParagraph = () => {
    if (para === null) return;
    const t = tables[tables.length - 1];
    if (t) t.cell.push(para);
    else lines.push(para);
    para = null;
  };

  const tag = /<(\/?)([A-Za-z][\w.-]*:[\w.-]+|[A-Za-z][\w.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const [, closing, name, attrs = '', selfClosing, text] = m;
    if (text !== undefined) {
      if (inText && para !== null) para += xmlUnescape(text);
      continue;
    }
    const open = closing !== '/';
    const empty = selfClosing === '/';
    switch (name) {
      case 'w:p':
        if (open) {
          endParagraph();
          para = '';
          if (empty) endParagraph();
        } else endParagraph();
        break;
      case 'w:pageBreakBefore':
        if (para !== null && !/w:val="(0|false|off)"/.test(attrs)) para = '\f' + para;
        break;
      case 'w:r':
        inRun = open && !empty;
        break;
      case 'w:t':
        inText = open && !empty;
        break;
      case 'w:br':
        if (inRun && para !== null) para += /w:type="page"/.test(attrs) ? '\f' : '\n';
        break;
      case 'w:tab':
        if (inRun && para !== null) para += '\t';
        break;
      case 'w:tbl':
        if (open) tables.push({ row: [], cell: [] });
        else {
          tables.pop();
        }
        break;
      case 'w:tc': {
        const t = tables[tables.length - 1];
        if (t && !open) {
          t.row.push(t.cell.join('\n'));
          t.cell = [];
        }
        break;
      }
      case 'w:tr': {
        const t = tables[tables.length - 1];
        if (!t) break;
        if (open) t.row = [];
        else {
          const line = t.row.join('\t');
          const outer = tables[tables.length - 2];
          if (outer) outer.cell.push(line);
          else lines.push(line);
        }
        break;
      }
      default:
        break;
    }
  }
  return lines.join('\n');
}
