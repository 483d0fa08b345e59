/**
 * Grammar in the pipeline: names ending in an abbreviation or a number render
 * with the default template; a name no rule declines is an error at its own
 * position only when the template asks for the form; name_locative overrides.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDocument } from '../../src/render/render.js';
import { formatDiagnostic } from '../../src/parse/diagnostic.js';
import { inlineText, type DocumentModel } from '../../src/document/blocks.js';
import { ROOT } from '../support/seed.js';

const MINIMAL = readFileSync(join(ROOT, 'test', 'fixtures', 'valid-minimal.yaml'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'hattama-grammar-'));

/** Writes the minimal record with another organisation block and builds it. */
async function build(organisation: string, extra = ''): Promise<{ lines: string[]; text: string }> {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, MINIMAL.replace('  name: №5 «Балдырған» бөбекжайы\n', organisation) + extra);
  const r = await buildDocument(file);
  return { lines: r.diagnostics.map((d) => formatDiagnostic({ ...d, file: 'x.yaml' })), text: r.document ? documentText(r.document) : '' };
}

function documentText(doc: DocumentModel): string {
  return doc.blocks.map((b) => (b.kind === 'paragraph' ? inlineText(b.content) : '')).join('\n');
}

describe('case forms in the default template', () => {
  it.each([
    ['«№12 мектеп-гимназиясы» КММ', '«№12 мектеп-гимназиясы» КММ-да өткізілген'],
    ['«Балдырған» бөбекжай-бақшасы МКҚК', '«Балдырған» бөбекжай-бақшасы МКҚК-де өткізілген'],
    ['«Шұғыла» ЖШС', '«Шұғыла» ЖШС-да өткізілген'],
    ['«Қазақтелеком» АҚ', '«Қазақтелеком» АҚ-да өткізілген'],
    ['Ясли-сад №3', 'Ясли-сад №3-те өткізілген'],
  ])('%s renders, with no diagnostic', async (name, title) => {
    const r = await build(`  name: ${name}\n`);
    expect(r.lines).toEqual([]);
    expect(r.text).toContain(title);
  });

  it('asks for name_locative at the name when no rule gives the locative, without repeating the name', async () => {
    const r = await build('  name: Nazarbayev University\n');
    expect(r.lines).toEqual([
      'x.yaml:4:9: error: the template needs this name in the locative (жатыс, "-да/-де"), and no rule gives it: the last word is not in Cyrillic letters; add organisation.name_locative with the form the title needs (e.g. "…балабақшасында") [grammar/case]',
    ]);
    expect(r.lines[0]).not.toContain('Nazarbayev');
  });

  it('uses name_locative when the record gives it', async () => {
    const r = await build('  name: Nazarbayev University\n  name_locative: Nazarbayev University-де\n');
    expect(r.lines).toEqual([]);
    expect(r.text).toContain('Nazarbayev University-де өткізілген');
  });

  it('accepts any name when the template never asks for its case', async () => {
    // Template folders must be inside the archive.
    const templates = join(dir, 'org', 'org-templates');
    mkdirSync(join(templates, 'kk'), { recursive: true });
    writeFileSync(join(templates, 'kk', 'plain.hbs'), readFileSync(join(ROOT, 'templates', 'kk', 'minutes.hbs'), 'utf8').replace('{{locative organisation}}', '{{organisation.name}}'));
    const sub = join(dir, 'org');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'hattama.yaml'), `templates: ${JSON.stringify(templates)}\n`);
    const file = join(sub, 'r.yaml');
    writeFileSync(file, MINIMAL.replace('№5 «Балдырған» бөбекжайы', 'Nazarbayev University').replace('body: board-of-trustees', 'body: board-of-trustees\ntemplate: plain'));
    const r = await buildDocument(file);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(documentText(r.document!)).toContain('Nazarbayev University өткізілген');
  });

  it('{{case}} declines any text in any case, and places a failure at the record text it declined', async () => {
    const templates = join(dir, 'cases', 'case-templates');
    mkdirSync(join(templates, 'kk'), { recursive: true });
    const source = readFileSync(join(ROOT, 'templates', 'kk', 'minutes.hbs'), 'utf8');
    writeFileSync(
      join(templates, 'kk', 'cases.hbs'),
      source.replace('{{locative organisation}} өткізілген', '{{case organisation "genitive"}} {{case "Алматы" "dative"}} {{case agenda.0.title "ablative"}}'),
    );
    writeFileSync(join(templates, 'kk', 'badcase.hbs'), source.replace('{{locative organisation}}', '{{case organisation "vocative"}}'));
    const sub = join(dir, 'cases');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'hattama.yaml'), `templates: ${JSON.stringify(templates)}\n`);
    const record = (title: string, template: string): string => {
      const file = join(sub, `${template}-${title.length}.yaml`);
      writeFileSync(file, MINIMAL.replace('Жылдық жоспарды бекіту туралы', title).replace('body: board-of-trustees', `body: board-of-trustees\ntemplate: ${template}`));
      return file;
    };
    const good = await buildDocument(record('Жылдық жоспар', 'cases'));
    expect(good.diagnostics).toEqual([]);
    expect(documentText(good.document!)).toContain('№5 «Балдырған» бөбекжайының Алматыға Жылдық жоспардан');
    const bad = await buildDocument(record('Жылдық жоспар (2025)', 'cases'));
    expect(bad.diagnostics.map((d) => formatDiagnostic({ ...d, file: 'x.yaml' }))).toEqual([
      'x.yaml:14:12: error: the template needs this text in the ablative (шығыс, "-дан/-ден"), and no rule gives it: the text ends in a bracket; the template declines the last word of this text; reword its end, or use a template without this form [grammar/case]',
    ]);
    const unknown = await buildDocument(record('Жылдық жоспар', 'badcase'));
    expect(unknown.diagnostics.map((d) => d.rule)).toEqual(['template/render']);
    expect(unknown.diagnostics[0]!.message).toMatch(/"genitive", "dative"/);
  });

  it('gives a Latin i in the name the look-alike warning at the letter, not a locative error', async () => {
    const r = await build('  name: «Болашақ» мектебi\n');
    expect(r.lines).toEqual(['x.yaml:4:25: warning: Latin "i" (U+0069) inside a Cyrillic word: use Cyrillic "і" (U+0456) [text/look-alike]']);
    expect(r.text).toContain('«Болашақ» мектебiнде өткізілген');
  });
});
