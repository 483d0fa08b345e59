/**
 * The block model: what every writer reads.
 *
 * A Handlebars template renders a meeting into a small XML-like markup
 * (see `markup.ts`); that markup is parsed into these blocks. Writers never see
 * the meeting record or the template, only a {@link DocumentModel}, so a template
 * author can change wording and order and both DOCX and PDF follow.
 */

/** A piece of running text with its emphasis, or a forced line break. */
export type Inline =
  | { readonly kind: 'text'; readonly text: string; readonly bold?: boolean; readonly italic?: boolean; readonly underline?: boolean }
  | { readonly kind: 'break' };

/** Horizontal alignment of a paragraph or table cell. */
export type Align = 'left' | 'center' | 'right' | 'justify';

/**
 * What a paragraph is for; each role has its own style in the style profile.
 * - `title`: the document title (centred, bold).
 * - `heading`: a section label such as "Тыңдалды:" (bold, kept with what follows).
 * - `body`: running prose (justified, first-line indent).
 * - `line`: a requisite line such as "Күні: 25.12.2025 ж" (left, no indent).
 * - `label`: an in-text label such as "Сөз сөйлегендер:" or "Шешім:" (bold, left,
 *   kept with what follows).
 */
export type ParagraphRole = 'title' | 'heading' | 'body' | 'line' | 'label';

/** A paragraph of inline content. */
export interface Paragraph {
  readonly kind: 'paragraph';
  readonly role: ParagraphRole;
  readonly content: readonly Inline[];
  /** Overrides the role's alignment from the style profile. */
  readonly align?: Align;
  /**
   * Keeps this one paragraph on the same page as the next block (markup
   * `keep="next"`), whatever its role's `keepWithNext` says; used for the vote line.
   */
  readonly keepWithNext?: boolean;
}

/** One item of a list: inline content only (lists do not nest). */
export interface ListItem {
  readonly content: readonly Inline[];
}

/** A bulleted or numbered list. Every numbered list has its own numbering, from {@link List.start}. */
export interface List {
  readonly kind: 'list';
  readonly ordered: boolean;
  readonly items: readonly ListItem[];
  /** Number of the first item of a numbered list (1 unless the record text numbers from elsewhere). */
  readonly start: number;
}

/** One signature row: role on the left, room to sign, name on the right. */
export interface Signature {
  readonly role: readonly Inline[];
  readonly name: string;
}

/** The signature block at the end of the minutes. Never split across pages. */
export interface Signatures {
  readonly kind: 'signatures';
  readonly rows: readonly Signature[];
}

/** A table column: its share of the text width and the alignment of its cells. */
export interface TableColumn {
  /** Relative width; the writer scales all columns to the text width. */
  readonly width: number;
  readonly align: Align;
}

/** A table with an optional header row repeated on every page. */
export interface Table {
  readonly kind: 'table';
  readonly columns: readonly TableColumn[];
  readonly header: readonly (readonly Inline[])[] | null;
  readonly rows: readonly (readonly (readonly Inline[])[])[];
}

/** Starts a new page. */
export interface PageBreak {
  readonly kind: 'pageBreak';
}

/** Every kind of block a writer must handle. */
export type Block = Paragraph | List | Signatures | Table | PageBreak;

/** Document-level properties written into DOCX core properties and PDF metadata. */
export interface DocumentMeta {
  /** Document title, e.g. "Қамқоршылық кеңес отырысының хаттамасы №2". */
  readonly title: string;
  /** Author: the organisation's name. */
  readonly author: string;
  /** Optional subject line. */
  readonly subject?: string;
  /** BCP 47 language tag, e.g. "kk-KZ". */
  readonly lang: string;
  /**
   * The instant stamped as creation/modification date. Writers use only this,
   * never the clock, so the same input gives byte-identical files.
   */
  readonly date: Date;
}

/** A whole document: metadata and blocks in reading order. */
export interface DocumentModel {
  readonly meta: DocumentMeta;
  readonly blocks: readonly Block[];
}

/** Plain text of inline content, breaks as newlines. */
export function inlineText(content: readonly Inline[]): string {
  return content.map((i) => (i.kind === 'text' ? i.text : '\n')).join('');
}
