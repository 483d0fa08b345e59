/**
 * Record text → markup. A text field holds paragraphs separated by blank
 * lines, bulleted items ("- ", "* ", "• ", "– ") and numbered items ("1. ",
 * "1) "). Lines of one paragraph are joined with a space, so editors may wrap;
 * an indented line right after an item continues that item.
 */

/** One block of record text. */
export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; ordered: boolean; items: string[] };

const BULLET = /^\s*[-*•–]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

/** Splits record text into paragraphs and lists. */
export function parseRichText(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  // What the previous line belongs to: a paragraph being collected, a list, or nothing (after a blank line).
  let open: { kind: 'paragraph'; lines: string[] } | { kind: 'list'; block: Extract<TextBlock, { kind: 'list' }> } | null = null;
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
    if (bullet || numbered) {
      const ordered = numbered !== null;
      const item = (bullet ?? numbered)![1]!.trim();
      if (open?.kind === 'list' && open.block.ordered === ordered) {
        open.block.items.push(item);
      } else {
        close();
        const block: Extract<TextBlock, { kind: 'list' }> = { kind: 'list', ordered, items: [item] };
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

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Escapes text for the markup. */
export const escapeMarkup = (s: string): string => s.replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/**
 * Renders record text as markup: `<p>` per paragraph, `<list>` per list.
 * `lead`, when given, opens the first paragraph in bold (a speaker's name).
 */
export function richTextMarkup(text: string, lead?: string): string {
  let pendingLead = lead ? `<b>${escapeMarkup(lead)}</b> ` : '';
  const out: string[] = [];
  for (const b of parseRichText(text)) {
    if (b.kind === 'paragraph') {
      out.push(`<p>${pendingLead}${escapeMarkup(b.text)}</p>`);
    } else {
      if (pendingLead) out.push(`<p>${pendingLead.trim()}</p>`);
      const items = b.items.map((i) => `<item>${escapeMarkup(i)}</item>`).join('');
      out.push(`<list type="${b.ordered ? 'number' : 'bullet'}">${items}</list>`);
    }
    pendingLead = '';
  }
  if (pendingLead) out.push(`<p>${pendingLead.trim()}</p>`);
  return out.join('\n');
}
