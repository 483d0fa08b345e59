/**
 * Parses the markup a template renders into the block model.
 *
 * The markup is a small XML vocabulary, one element per construct, so that
 * Handlebars' HTML escaping of `{{value}}` keeps record text from ever being
 * read as markup:
 *
 *   <document lang title author subject>   root, with the document's metadata
 *   <title> <heading> <p> <line> <label>  paragraphs (roles in the style profile); optional align=
 *                                         and keep="next" (keep this paragraph with the next block)
 *   <list type="number|bullet" start="1"><item>   lists; each numbered list counts from its start (1)
 *   <signatures><signature name="…">role</signature></signatures>
 *   <table><col width="2" align="left"/><tr><th>…</th></tr><tr><td>…</td></tr></table>
 *   <pagebreak/>
 *   inline: <b> <i> <u> <br/>
 *
 * Whitespace inside a paragraph collapses to single spaces, as in HTML, so a
 * template can be indented freely.
 */
import { SaxesParser } from 'saxes';

/** An element as saxes reports it (no namespaces). */
type Tag = { readonly attributes: Readonly<Record<string, unknown>> };
import type { Align, Block, DocumentModel, Inline, ListItem, Signature, TableColumn } from './blocks.js';

/** The largest column width a table takes (widths are shares: "2" beside "1" is twice as wide). */
const MAX_COLUMN_SHARE = 1_000_000;

/** A template produced markup that is not well formed or uses an unknown element. */
export class MarkupError extends Error {
  constructor(
    message: string,
    /** 1-based line and column in the rendered markup. */
    readonly line: number,
    readonly column: number,
    /** The offending line of rendered markup, for context. */
    readonly excerpt: string,
  ) {
    super(message);
    this.name = 'MarkupError';
  }
}

const PARAGRAPHS = { title: 'title', heading: 'heading', p: 'body', line: 'line', label: 'label' } as const;
const ALIGNS: readonly Align[] = ['left', 'center', 'right', 'justify'];
type Emphasis = { bold?: boolean; italic?: boolean; underline?: boolean };

/**
 * Builds inline runs, collapsing whitespace across run boundaries. A space
 * between runs of different emphasis goes to the plainer run, so an
 * underlined or bold word never carries a trailing space.
 */
class InlineBuilder {
  readonly runs: Inline[] = [];
  private pendingSpace = false;
  text(raw: string, emphasis: Emphasis): void {
    raw.split(/[ \t\r\n]+/).forEach((part, i) => {
      if (i > 0) this.pendingSpace = true;
      if (part === '') return;
      const index = this.runs.length - 1;
      const last = this.runs[index];
      // No space at the start of a container or after a line break.
      const space = this.pendingSpace && last?.kind === 'text';
      this.pendingSpace = false;
      if (last?.kind === 'text' && same(last, emphasis)) {
        this.runs[index] = { ...last, text: last.text + (space ? ' ' : '') + part };
      } else if (last?.kind === 'text' && space && weight(last) <= weight(emphasis)) {
        this.runs[index] = { ...last, text: last.text + ' ' };
        this.runs.push({ kind: 'text', text: part, ...clean(emphasis) });
      } else {
        this.runs.push({ kind: 'text', text: (space ? ' ' : '') + part, ...clean(emphasis) });
      }
    });
  }
  lineBreak(): void {
    this.pendingSpace = false;
    this.runs.push({ kind: 'break' });
  }
}

const weight = (e: Emphasis): number => (e.underline ? 1 : 0) + (e.bold ? 1 : 0) + (e.italic ? 1 : 0);
const same = (a: Emphasis, b: Emphasis): boolean => !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline;
const clean = (e: Emphasis): Emphasis => ({ ...(e.bold && { bold: true }), ...(e.italic && { italic: true }), ...(e.underline && { underline: true }) });

/** Parses rendered markup into a document. Throws {@link MarkupError} with the place of the first problem. */
export function parseMarkup(markup: string): DocumentModel {
  const parser = new SaxesParser({ position: true });
  const blocks: Block[] = [];
  let meta: { title: string; author: string; subject?: string; lang: string } | undefined;

  // Parser state: the element stack, and the container collecting inline runs.
  const stack: string[] = [];
  let inline: InlineBuilder | undefined;
  let emphasis: Emphasis = {};
  const emphasisStack: Emphasis[] = [];
  let paragraph: { role: (typeof PARAGRAPHS)[keyof typeof PARAGRAPHS]; align?: Align; keep?: true } | undefined;
  let list: { ordered: boolean; items: ListItem[]; start: number } | undefined;
  let signatures: Signature[] | undefined;
  let signatureName = '';
  let table: { columns: TableColumn[]; header: Inline[][] | null; rows: Inline[][][]; row?: Inline[][]; rowIsHeader?: boolean } | undefined;

  const fail = (message: string): never => {
    const lines = markup.split('\n');
    throw new MarkupError(message, parser.line, parser.column, (lines[parser.line - 1] ?? '').trim().slice(0, 160));
  };
  const parent = (): string | undefined => stack[stack.length - 1];
  const expectParent = (name: string, ...allowed: string[]): void => {
    const p = parent();
    if (!allowed.includes(p ?? '')) fail(`<${name}> cannot stand ${p ? `inside <${p}>` : 'at the top level'}; it belongs in ${allowed.map((a) => `<${a}>`).join(' or ')}`);
  };
  const attr = (tag: Tag, name: string): string | undefined => {
    const v = tag.attributes[name];
    return typeof v === 'string' ? v : undefined;
  };
  const alignOf = (tag: Tag): Align | undefined => {
    const a = attr(tag, 'align');
    if (a === undefined) return undefined;
    if (!(ALIGNS as readonly string[]).includes(a)) fail(`align="${a}" must be one of ${ALIGNS.join(', ')}`);
    return a as Align;
  };
  const keepOf = (tag: Tag): true | undefined => {
    const k = attr(tag, 'keep');
    if (k === undefined) return undefined;
    if (k !== 'next') fail(`keep="${k}" must be keep="next"`);
    return true;
  };
  const BLOCK_PARENTS = ['document'];

  parser.on('error', (e) => fail(e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')));
  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (stack.length === 0 && name !== 'document') fail(`the markup must start with <document>, not <${name}>`);
    if (inline && !['b', 'i', 'u', 'br'].includes(name)) fail(`<${name}> cannot stand inside text; close the paragraph first`);
    switch (name) {
      case 'document': {
        if (stack.length) fail('<document> cannot be nested');
        const title = attr(tag, 'title');
        const lang = attr(tag, 'lang');
        if (!title || !lang) fail('<document> needs title="…" and lang="…" attributes');
        const subject = attr(tag, 'subject');
        meta = { title: title!, lang: lang!, author: attr(tag, 'author') ?? '', ...(subject ? { subject } : {}) };
        break;
      }
      case 'title':
      case 'heading':
      case 'p':
      case 'line':
      case 'label': {
        expectParent(name, ...BLOCK_PARENTS);
        const align = alignOf(tag);
        const keep = keepOf(tag);
        paragraph = { role: PARAGRAPHS[name], ...(align && { align }), ...(keep && { keep }) };
        inline = new InlineBuilder();
        break;
      }
      case 'list': {
        expectParent(name, ...BLOCK_PARENTS);
        const type = attr(tag, 'type') ?? 'bullet';
        if (type !== 'bullet' && type !== 'number') fail(`<list type="${type}"> must be type="bullet" or type="number"`);
        const start = Number(attr(tag, 'start') ?? '1');
        if (!Number.isInteger(start) || start < 0) fail(`<list start="${attr(tag, 'start')}"> must be a whole number`);
        list = { ordered: type === 'number', items: [], start };
        break;
      }
      case 'item':
        expectParent(name, 'list');
        inline = new InlineBuilder();
        break;
      case 'signatures':
        expectParent(name, ...BLOCK_PARENTS);
        signatures = [];
        break;
      case 'signature':
        expectParent(name, 'signatures');
        signatureName = attr(tag, 'name') ?? fail('<signature> needs name="…"');
        inline = new InlineBuilder();
        break;
      case 'table':
        expectParent(name, ...BLOCK_PARENTS);
        table = { columns: [], header: null, rows: [] };
        break;
      case 'col': {
        expectParent(name, 'table');
        const width = Number(attr(tag, 'width') ?? '1');
        // Widths are shares of the table's width; bounded, so that their sum is a number too (1e999 is Infinity).
        if (!(width > 0 && width <= MAX_COLUMN_SHARE)) fail(`<col width="${attr(tag, 'width')}"> must be a positive number, at most ${MAX_COLUMN_SHARE}`);
        table!.columns.push({ width, align: alignOf(tag) ?? 'left' });
        break;
      }
      case 'tr':
        expectParent(name, 'table');
        table!.row = [];
        table!.rowIsHeader = undefined;
        break;
      case 'th':
      case 'td':
        expectParent(name, 'tr');
        if (table!.rowIsHeader !== undefined && table!.rowIsHeader !== (name === 'th')) fail('a table row must be all <th> (header) or all <td>');
        table!.rowIsHeader = name === 'th';
        inline = new InlineBuilder();
        break;
      case 'pagebreak':
        expectParent(name, ...BLOCK_PARENTS);
        blocks.push({ kind: 'pageBreak' });
        break;
      case 'b':
      case 'i':
      case 'u':
        if (!inline) fail(`<${name}> must be inside a paragraph, list item, signature or table cell`);
        emphasisStack.push(emphasis);
        emphasis = { ...emphasis, [name === 'b' ? 'bold' : name === 'i' ? 'italic' : 'underline']: true };
        break;
      case 'br':
        if (!inline) fail('<br/> must be inside a paragraph, list item, signature or table cell');
        inline!.lineBreak();
        break;
      default:
        fail(`unknown element <${name}>`);
    }
    stack.push(name);
  });
  parser.on('text', (text) => {
    if (inline) inline.text(text, emphasis);
    else if (text.trim() !== '') fail(`text "${text.trim().slice(0, 40)}" must be inside a paragraph element such as <p>`);
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    const content = (): Inline[] => {
      const runs = inline!.runs;
      inline = undefined;
      return trimEnd(runs);
    };
    switch (tag.name) {
      case 'title':
      case 'heading':
      case 'p':
      case 'line':
      case 'label': {
        const runs = content();
        const { role, align, keep } = paragraph!;
        // An empty paragraph (e.g. an {{#if}} that produced nothing inside <p>) is dropped.
        if (runs.length) blocks.push({ kind: 'paragraph', role, content: runs, ...(align && { align }), ...(keep && { keepWithNext: true }) });
        break;
      }
      case 'item':
        list!.items.push({ content: content() });
        break;
      case 'list':
        if (list!.items.length) blocks.push({ kind: 'list', ordered: list!.ordered, items: list!.items, start: list!.start });
        list = undefined;
        break;
      case 'signature':
        signatures!.push({ role: content(), name: signatureName });
        break;
      case 'signatures':
        if (signatures!.length) blocks.push({ kind: 'signatures', rows: signatures! });
        signatures = undefined;
        break;
      case 'th':
      case 'td':
        table!.row!.push(content());
        break;
      case 'tr': {
        const row = table!.row!;
        if (table!.columns.length && row.length !== table!.columns.length) fail(`a table row has ${row.length} cells but the table declares ${table!.columns.length} <col> elements`);
        if (table!.rowIsHeader) {
          if (table!.header || table!.rows.length) fail('only the first table row may be a header (<th>) row');
          table!.header = row;
        } else table!.rows.push(row);
        break;
      }
      case 'table': {
        const t = table!;
        const n = t.header?.length ?? t.rows[0]?.length ?? 0;
        const columns = t.columns.length ? t.columns : Array.from({ length: n }, () => ({ width: 1, align: 'left' as const }));
        blocks.push({ kind: 'table', columns, header: t.header, rows: t.rows });
        table = undefined;
        break;
      }
      case 'b':
      case 'i':
      case 'u':
        emphasis = emphasisStack.pop() ?? {};
        break;
    }
  });
  parser.write(markup).close();
  if (!meta) throw new MarkupError('the markup has no <document> element', 1, 1, '');
  // Metadata dates are filled in by the caller (see render pipeline); the markup has none.
  return { meta: { ...meta, date: new Date(0) }, blocks };
}

/** Drops trailing spaces and breaks at the end of a container. */
function trimEnd(runs: Inline[]): Inline[] {
  const out = [...runs];
  for (;;) {
    const last = out[out.length - 1];
    if (!last) return out;
    if (last.kind === 'break') out.pop();
    else if (last.text.endsWith(' ')) {
      const text = last.text.trimEnd();
      if (text) {
        out[out.length - 1] = { ...last, text };
        return out;
      }
      out.pop();
    } else return out;
  }
}
