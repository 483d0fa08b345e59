import { inlineText, type Block } from './blocks.js';

/**
 * A document as plain text for a terminal: paragraphs separated by blank
 * lines, list items as "- " or "1. ", table rows with cells joined by " | ",
 * signature rows as "role … name".
 */
export function blocksToText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'paragraph':
        out.push(inlineText(b.content));
        break;
      case 'list':
        out.push(b.items.map((item, i) => `${b.ordered ? `${b.start + i}.` : '-'} ${inlineText(item.content)}`).join('\n'));
        break;
      case 'table':
        out.push([...(b.header ? [b.header] : []), ...b.rows].map((row) => row.map(inlineText).join(' | ')).join('\n'));
        break;
      case 'signatures':
        out.push(b.rows.map((r) => `${inlineText(r.role)} … ${r.name}`).join('\n'));
        break;
      case 'pageBreak':
        break;
    }
  }
  return out.join('\n\n') + '\n';
}
