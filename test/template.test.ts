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
import { outline } from './support/outline.js';
import { docxText } from './support/docx-xml.js';
import { ROOT, SEED_RECORD } from './support/seed.js';
import { formatDiagnostic } from '../src/parse/diagnostic.js';


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
    writeFileSync(join(org, 'my-templates/kk/minutes.hbs'), builtin.replace('<heading>{{headings.heard}}</heading>', '<heading>ТЫҢДАЛДЫ:</heading>'));
    writeFileSync(join(org, 'hattama.yaml'), 'templates: my-templates\nstyle:\n  font: { sizePt: 12 }\nlayout: { proceedings: together }\nregion: aktobe\n');
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

  it('changes headings, title and signatures by layout settings alone, per body', async () => {
    const org = mkdtempSync(join(tmpdir(), 'hattama-org-'));
    writeFileSync(
      join(org, 'hattama.yaml'),
      [
        'layout:',
        '  proceedings: together',
        '  headings: { set: formal, heard: { kk: "Тыңдалды (толық):", ru: "Заслушали:" } }',
        '  bodies:',
        '    board-of-trustees: { title: document-type, title_case: upper, signatures: { chair: "Төраға:" } }',
        '    pedagogical-council: { title: held-at }',
        'region: aktobe',
      ].join('\n') + '\n',
    );
    mkdirSync(join(org, 'meetings'));
    cpSync(SEED_RECORD, join(org, 'meetings', 'seed.yaml'));
    const r = await buildDocument(join(org, 'meetings', 'seed.yaml'));
    expect(r.diagnostics).toEqual([]);
    const text = outline(r.document!);
    expect(text).toContain('[line] №1 «Еркетай» Алға бөбекжай балабақшасы');
    expect(text).toContain('[title] ҚАМҚОРШЫЛЫҚ КЕҢЕС ОТЫРЫСЫНЫҢ ХАТТАМАСЫ №2');
    expect(text).toContain('[line] 25.12.2025 ж');
    expect(text).toContain('[heading] КҮН ТӘРТІБІ:');
    expect(text).toContain('[heading] Тыңдалды (толық):');
    expect(text).toContain('[heading] ҚАУЛЫ ЕТІЛДІ:');
    expect(text).toContain('[signature] Төраға: ________ Аметов Е.Д');
    expect(text).not.toContain('өткізілген');
  });

  it('refuses a layout setting it does not know, at its position, with the settings it takes', async () => {
    const org = mkdtempSync(join(tmpdir(), 'hattama-org-'));
    writeFileSync(join(org, 'hattama.yaml'), 'layout:\n  title: documnet-type\n  proceedigs: together\n');
    cpSync(SEED_RECORD, join(org, 'seed.yaml'));
    const r = await buildDocument(join(org, 'seed.yaml'));
    expect(r.document).toBeUndefined();
    const messages = r.diagnostics.map(formatDiagnostic).join('\n');
    expect(messages).toContain(`${join(org, 'hattama.yaml')}:2:10: error:`);
    expect(messages).toContain('layout.title is the text "documnet-type" — did you mean "document-type"?');
    expect(messages).toContain(`${join(org, 'hattama.yaml')}:3:3: error:`);
    expect(messages).toContain('unknown key "proceedigs" in layout — did you mean "proceedings"?');
  });

  it('reports a template that produces broken markup, naming the element', async () => {
    const org = mkdtempSync(join(tmpdir(), 'hattama-org-'));
    mkdirSync(join(org, 't', 'kk'), { recursive: true });
    writeFileSync(join(org, 't/kk/minutes.hbs'), '<document lang="kk-KZ" title="x">\n<para>{{number}}</para>\n</document>\n');
    writeFileSync(join(org, 'hattama.yaml'), 'templates: [t]\nregion: aktobe\n');
    cpSync(SEED_RECORD, join(org, 'seed.yaml'));
    const r = await buildDocument(join(org, 'seed.yaml'));
    expect(r.document).toBeUndefined();
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      `${join(org, 't/kk/minutes.hbs')}: error: the template produced invalid markup: unknown element <para> (in the rendered line: <para>2</para>) [template/markup]`,
    ]);
  });
});
