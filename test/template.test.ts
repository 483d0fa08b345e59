/**
 * The default template: every optional part of a record appears with the
 * right words, record text is never read as markup, and an organisation's own
 * template replaces the built-in one without code.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, cpSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDocument, renderFile } from '../src/render/render.js';
import { inlineText, type DocumentModel } from '../src/document/blocks.js';
import { docxText } from './support/docx-xml.js';
import { ROOT, SEED_RECORD } from './support/seed.js';
import { formatDiagnostic } from '../src/parse/diagnostic.js';

/** The document as readable lines: [role] text, list items with markers, signature rows. */
function outline(doc: DocumentModel): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') out.push(`[${b.role}] ${inlineText(b.content)}`);
    else if (b.kind === 'list') b.items.forEach((it, i) => out.push(`  ${b.ordered ? `${i + 1}.` : '–'} ${inlineText(it.content)}`));
    else if (b.kind === 'signatures') b.rows.forEach((r) => out.push(`[signature] ${inlineText(r.role)} ________ ${r.name}`));
    else out.push(`[${b.kind}]`);
  }
  return out.join('\n') + '\n';
}

describe('default Kazakh template', () => {
  it('renders every optional part of a record (golden: test/golden/full-record.outline.txt)', async () => {
    const r = await buildDocument(join(ROOT, 'test/fixtures/full-record.yaml'));
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    const golden = join(ROOT, 'test/golden/full-record.outline.txt');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, outline(r.document!));
    expect(outline(r.document!)).toBe(readFileSync(golden, 'utf8'));
    expect(r.document!.meta.title).toBe('Педагогикалық кеңес отырысының хаттамасы №4, 12.03.2026 ж');
  });

  it('renders a Russian record with the Russian template and rules summary (golden: test/golden/ru-record.outline.txt)', async () => {
    const r = await buildDocument(join(ROOT, 'test/fixtures/ru-record.yaml'));
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    const golden = join(ROOT, 'test/golden/ru-record.outline.txt');
    if (process.env['UPDATE_GOLDEN']) writeFileSync(golden, outline(r.document!));
    const text = outline(r.document!);
    expect(text).toBe(readFileSync(golden, 'utf8'));
    expect(r.document!.meta.lang).toBe('ru-KZ');
    // names that end in "." get no second full stop
    expect(text).not.toMatch(/\.\./);
    expect(text).toContain('Присутствовали: 2 человека');
  });

  it('keeps record text literal: <b> and & are text, not markup', async () => {
    const r = await renderFile(join(ROOT, 'test/fixtures/full-record.yaml'), { formats: ['docx'] });
    expect(docxText(r.outputs!.get('docx')!)).toContain('Мәтінде <b>белгі</b> & «тырнақша» бар.');
  });

  it('uses an organisation template from hattama.yaml instead of the built-in one', async () => {
    const org = mkdtempSync(join(tmpdir(), 'hattama-org-'));
    mkdirSync(join(org, 'my-templates', 'kk'), { recursive: true });
    const builtin = readFileSync(join(ROOT, 'templates/kk/minutes.hbs'), 'utf8');
    writeFileSync(join(org, 'my-templates/kk/minutes.hbs'), builtin.replace('<heading>Тыңдалды:</heading>', '<heading>ТЫҢДАЛДЫ:</heading>'));
    writeFileSync(join(org, 'hattama.yaml'), 'templates: my-templates\nstyle:\n  font: { sizePt: 12 }\n');
    mkdirSync(join(org, 'meetings'));
    cpSync(SEED_RECORD, join(org, 'meetings', 'seed.yaml'));
    const r = await buildDocument(join(org, 'meetings', 'seed.yaml'));
    expect(r.diagnostics).toEqual([]);
    const text = outline(r.document!);
    expect(text).toContain('[heading] ТЫҢДАЛДЫ:');
    expect(text).not.toContain('[heading] Тыңдалды:');
    expect(r.config!.style.font.sizePt).toBe(12);
    expect(r.config!.style.font.family).toBe('Times New Roman');
  });

  it('reports a template that produces broken markup, naming the element', async () => {
    const org = mkdtempSync(join(tmpdir(), 'hattama-org-'));
    mkdirSync(join(org, 't', 'kk'), { recursive: true });
    writeFileSync(join(org, 't/kk/minutes.hbs'), '<document lang="kk-KZ" title="x">\n<para>{{number}}</para>\n</document>\n');
    writeFileSync(join(org, 'hattama.yaml'), 'templates: [t]\n');
    cpSync(SEED_RECORD, join(org, 'seed.yaml'));
    const r = await buildDocument(join(org, 'seed.yaml'));
    expect(r.document).toBeUndefined();
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `${join(org, 't/kk/minutes.hbs')}: error: the template produced invalid markup: unknown element <para> (in the rendered line: <para>2</para>) [template/markup]`,
    ]);
  });
});
