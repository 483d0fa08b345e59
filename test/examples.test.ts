/**
 * The examples in examples/: real layouts reached by configuration. Each is an
 * archive of its own (hattama.yaml, meetings/) with the text its minutes must
 * read (expected.txt). The PDF and the DOCX must read word for word as that
 * text, headings and requisite lines as whole lines, and no layout may need a
 * template file or more than 8 lines of hattama.yaml.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFile } from '../src/render/render.js';
import { docxText } from './support/docx-xml.js';
import { pdfPages } from './support/pdf-text.js';
import { ROOT, words, withoutPageNumbers } from './support/seed.js';

const EXAMPLES = join(ROOT, 'examples');
const examples = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** The one record of an example archive. */
function recordOf(name: string): string {
  const meetings = join(EXAMPLES, name, 'meetings');
  const files = readdirSync(meetings, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
  expect(files).toHaveLength(1);
  return join(meetings, files[0]!);
}

/** Lines of the expected text that must stand as whole lines: the requisites and every heading or label. */
function wholeLines(expected: string): string[] {
  const [head = '', ...rest] = expected.split(/\n\s*\n/);
  return [...head.split('\n'), ...rest.join('\n').split('\n').filter((l) => l.endsWith(':'))].filter(Boolean);
}

it('has the two real layouts and a three-item meeting in each language', () => {
  expect(examples).toEqual(['pedagogical-council', 'school-board-round-table', 'three-items-kk', 'three-items-ru']);
});

describe.each(examples)('examples/%s', (name) => {
  const dir = join(EXAMPLES, name);
  const expected = readFileSync(join(dir, 'expected.txt'), 'utf8');
  let pdf: string[][];
  let docx: string;

  beforeAll(async () => {
    const result = await renderFile(recordOf(name), { formats: ['docx', 'pdf'] });
    expect(result.diagnostics).toEqual([]);
    pdf = (await pdfPages(result.outputs!.get('pdf')!)).map((p) => [...p]);
    docx = docxText(result.outputs!.get('docx')!);
  });

  it('is reached with at most 8 lines of hattama.yaml and no template folder', () => {
    const config = readFileSync(join(dir, 'hattama.yaml'), 'utf8');
    const lines = config.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    expect(lines.length).toBeLessThanOrEqual(8);
    expect(config).not.toMatch(/^templates:/m);
    expect(existsSync(join(dir, 'templates'))).toBe(false);
  });

  it('PDF reads word for word as expected.txt', () => {
    expect(words(withoutPageNumbers(pdf))).toEqual(words(expected));
  });

  it('DOCX reads word for word as expected.txt', () => {
    expect(words(docx)).toEqual(words(expected));
  });

  it('prints the requisites, headings and labels as lines of their own', () => {
    const pdfLines = new Set(pdf.flat().map((l) => l.trim()));
    const docxLines = new Set(docx.split('\n').map((l) => l.trim()));
    for (const line of wholeLines(expected)) {
      // A title longer than the line wraps in the PDF; its words are checked above.
      if (line.length <= 72) expect(pdfLines, `PDF line "${line}"`).toContain(line);
      expect(docxLines, `DOCX line "${line}"`).toContain(line);
    }
  });
});

describe('the hattama.yaml schema for editors', () => {
  type S = { description?: string; $ref?: string; properties?: Record<string, S>; enum?: unknown[] };
  const read = (f: string): S => JSON.parse(readFileSync(join(ROOT, 'schemas', f), 'utf8')) as S;
  const config = read('hattama.schema.json');

  it('describes every setting in Kazakh and English, and points at the layout and style schemas', () => {
    const missing: string[] = [];
    const layout = read('layout.schema.json') as S & { definitions: Record<string, S> };
    // Settings are shared by the whole layout and by each body: defined once, referred to.
    const resolve = (v: S): S => (v.$ref?.startsWith('#/definitions/') ? layout.definitions[v.$ref.slice('#/definitions/'.length)]! : v);
    const walk = (s: S, path: string): void => {
      for (const [k, ref] of Object.entries(s.properties ?? {})) {
        const v = resolve(ref);
        if (!v.description || !/[\u0400-\u04FF].* \/ [A-Za-z]/.test(v.description)) missing.push(`${path}${k}`);
        if (ref.$ref && !ref.$ref.startsWith('#')) expect(existsSync(join(ROOT, 'schemas', ref.$ref)), ref.$ref).toBe(true);
        walk(v, `${path}${k}.`);
      }
    };
    walk(config, '');
    walk(layout, 'layout.');
    expect(missing).toEqual([]);
    expect(config.properties!['layout']!.$ref).toBe('layout.schema.json');
    expect(config.properties!['style']!.$ref).toBe('style.schema.json');
  });

  it('knows every rule hattama.yaml takes, and every layout default is a setting the schema allows', async () => {
    const { DEFAULT_RULE_OPTIONS } = await import('../src/validate/rules.js');
    expect(Object.keys(config.properties!['rules']!.properties!).sort()).toEqual(Object.keys(DEFAULT_RULE_OPTIONS).sort());
    const { default: validateLayout } = await import('../src/validate/generated/layout.js');
    const { defaultLayout } = await import('../src/template/layout.js');
    expect(validateLayout(defaultLayout()), JSON.stringify(validateLayout.errors)).toBe(true);
    expect(Object.keys(read('layout.schema.json').properties!).filter((k) => k !== 'bodies').sort()).toEqual(Object.keys(defaultLayout()).sort());
    const { regions } = await import('../src/referral/rules.js');
    expect(config.properties!['region']!.enum).toEqual(regions().map((r) => r.id));
  });
});
