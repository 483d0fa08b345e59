/** A block document as readable lines, for goldens and assertions. */
import { inlineText, type DocumentModel } from '../../src/document/blocks.js';

/** The document as readable lines: [role] text, list items with markers, signature rows. */
export function outline(doc: DocumentModel): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') out.push(`[${b.role}] ${inlineText(b.content)}`);
    else if (b.kind === 'list') b.items.forEach((it, i) => out.push(`  ${b.ordered ? `${i + 1}.` : '–'} ${inlineText(it.content)}`));
    else if (b.kind === 'signatures') b.rows.forEach((r) => out.push(`[signature] ${inlineText(r.role)} ________ ${r.name}`));
    else out.push(`[${b.kind}]`);
  }
  return out.join('\n') + '\n';
}
