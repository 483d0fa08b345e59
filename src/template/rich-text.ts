import { escapeXml } from '../util/xml.js';

/**
 * Record text → markup. A text field holds paragraphs separated by blank
 * lines, bulleted items ("- ", "* ", "• ", "– ") and numbered items ("1. ",
 * "1) "). Lines of one paragraph are joined with a space, so editors may wrap;
 * an indented line right after an item continues that item.
 *
 * Two things keep the secretary's text as written: a numbered list starts at
 * the number its first item has (1. … then a paragraph, then 2. … prints 2),
 * and an en dash starts a list item only where a list can start — at the
 * start, after a blank line, after a line ending in ":" or after another item —
 * because Kazakh prose wraps onto lines that begin with a dash.
 */

/** One block of record text. */
export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; ordered: boolean; start: number; items: string[] };

type ListBlock = Extract<TextBlock, { kind: 'list' }>;

const BULLET = /^\s*([-*•–])\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;

/** Splits record text into paragraphs and lists. */
export function parseRichText(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  // What the previous line belongs to: a paragraph being collected, a list, or nothing (after a blank line).
  let open: { kind: 'paragraph'; lines: string[] } | { kind: 'list'; block: ListBlock } | null = null;
  const close = (): void => {
    if (open?.kind === 'paragraph') blocks.push({ kind: 'paragraph', text: open.lines.join(' ') });
    open = null;
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') {
      close();
      continue;
    }
    const bullet = BULLET.exec(raw);
    const numbered = bullet ? null : NUMBERED.exec(raw);
    const canStartList = open === null || open.kind === 'list' || /:\s*$/.test(open.lines[open.lines.length - 1]!);
    const isItem = numbered !== null || (bullet !== null && (bullet[1] !== '–' || canStartList));
    if (isItem) {
      const ordered = numbered !== null;
      const item = (bullet ?? numbered)![2]!.trim();
      if (open?.kind === 'list' && open.block.ordered === ordered) {
        open.block.items.push(item);
      } else {
        close();
        const block: ListBlock = { kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [item] };
        blocks.push(block);
        open = { kind: 'list', block };
      }
    } else if (open?.kind === 'list' && /^\s{2,}/.test(raw)) {
      const items = open.block.items;
      items[items.length - 1] += ' ' + line;
    } else if (open?.kind === 'paragraph') {
      open.lines.push(line);
    } else {
      close();
      open = { kind: 'paragraph', lines: [line] };
    }
  }
  close();
  return blocks;
}


/**
 * Renders record text as markup: `<p>` per paragraph, `<list>` per list.
 * `lead`, when given, opens the first paragraph in bold (a speaker's name).
 */
export function richTextMarkup(text: string, lead?: string): string {
  let pendingLead = lead ? `<b>${escapeXml(lead)}</b> ` : '';
  const out: string[] = [];
  for (const b of parseRichText(text)) {
    if (b.kind === 'paragraph') {
      out.push(`<p>${pendingLead}${escapeXml(b.text)}</p>`);
    } else {
      if (pendingLead) out.push(`<p>${pendingLead.trim()}</p>`);
      const items = b.items.map((i) => `<item>${escapeXml(i)}</item>`).join('');
      out.push(b.ordered ? `<list type="number" start="${b.start}">${items}</list>` : `<list type="bullet">${items}</list>`);
    }
    pendingLead = '';
  }
  if (pendingLead) out.push(`<p>${pendingLead.trim()}</p>`);
  return out.join('\n');
}
