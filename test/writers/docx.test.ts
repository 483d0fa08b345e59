import { SaxesParser } from 'saxes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Block, DocumentModel, Inline } from '../../src/document/blocks.js';
import { loadStyle } from '../../src/style/load.js';
import type { StyleProfile } from '../../src/style/profile.js';
import { writeDocx } from '../../src/writers/docx/index.js';
import { docxPartNames, docxText, readDocxPart } from '../support/docx-xml.js';

const t = (text: string, fmt: { bold?: boolean; italic?: boolean; underline?: boolean } = {}): Inline => ({ kind: 'text', text, ...fmt });
const br: Inline = { kind: 'break' };
const items = (...texts: string[]) => texts.map((s) => ({ content: [t(s)] }));

const ALPHABET = 'Әліпби: ӘҒҚҢӨҰҮҺІ әғқңөұүһі.';

const blocks: Block[] = [
  { kind: 'paragraph', role: 'title', content: [t('ХАТТАМА №2')] },
  { kind: 'paragraph', role: 'line', content: [t('Күні: 25.12.2025 ж')] },
  { kind: 'paragraph', role: 'heading', content: [t('Күн тәртібінде:')] },
  { kind: 'list', ordered: true, start: 1, items: items('Бірінші мәселе.', 'Екінші мәселе.') },
  { kind: 'paragraph', role: 'heading', content: [t('Тыңдалды:')] },
  { kind: 'paragraph', role: 'body', content: [t(ALPHABET)] },
  {
    kind: 'paragraph',
    role: 'body',
    content: [t('Меңгеруші '), t('Ш.Таженова', { bold: true }), t(' '), t('баяндады', { italic: true }), t(', '), t('қаулы', { underline: true }), br, t('жаңа жол & <белгі> "тырнақша"')],
  },
  { kind: 'paragraph', role: 'body', align: 'center', content: [t('Ортада')] },
  { kind: 'list', ordered: false, start: 1, items: items('Жетім балалар;', 'Педагогтердің балалары;') },
  { kind: 'paragraph', role: 'heading', content: [t('ҚАУЛЫ:')] },
  { kind: 'list', ordered: true, start: 1, items: items('Ақпарат назарға алынсын.', 'Ашықтығы қамтамасыз етілсін.', 'Бақылауға алынсын.') },
  {
    kind: 'signatures',
    rows: [
      { role: [t('Қамқоршылық кеңес'), br, t('төрағасы:')], name: 'Аметов Е.Д' },
      { role: [t('Хатшы:')], name: 'Жұмағалиева Г.Т' },
    ],
  },
  { kind: 'pageBreak' },
  { kind: 'paragraph', role: 'heading', content: [t('Қосымша')] },
  {
    kind: 'table',
    columns: [
      { width: 1, align: 'center' },
      { width: 4, align: 'left' },
      { width: 2, align: 'right' },
    ],
    header: [[t('№')], [t('Аты-жөні')], [t('Дауыс')]],
    rows: [
      [[t('1')], [t('Аметов Е.Д')], [t('Иә')]],
      [[t('2')], [t('Жұмағалиева Г.Т')]],
    ],
  },
];

const DATE = new Date('2025-12-25T10:00:00Z');
const doc: DocumentModel = {
  meta: { title: 'Қамқоршылық кеңес отырысының хаттамасы №2', author: '№1 «Еркетай» бөбекжай балабақшасы & Co', subject: 'Хаттама', lang: 'kk-KZ', date: DATE },
  blocks,
};

const EXPECTED_TEXT = [
  'ХАТТАМА №2',
  'Күні: 25.12.2025 ж',
  'Күн тәртібінде:',
  'Бірінші мәселе.',
  'Екінші мәселе.',
  'Тыңдалды:',
  ALPHABET,
  'Меңгеруші Ш.Таженова баяндады, қаулы\nжаңа жол & <белгі> "тырнақша"',
  'Ортада',
  'Жетім балалар;',
  'Педагогтердің балалары;',
  'ҚАУЛЫ:',
  'Ақпарат назарға алынсын.',
  'Ашықтығы қамтамасыз етілсін.',
  'Бақылауға алынсын.',
  'Қамқоршылық кеңес\nтөрағасы:\t\tАметов Е.Д',
  'Хатшы:\t\tЖұмағалиева Г.Т',
  '\fҚосымша',
  '№\tАты-жөні\tДауыс',
  '1\tАметов Е.Д\tИә',
  '2\tЖұмағалиева Г.Т\t',
].join('\n');

const style = loadStyle();
/** Text width of the default profile: 11906 − 30 mm − 15 mm. */
const TEXT_WIDTH = 11906 - 1701 - 850;

const all = (xml: string, re: RegExp): string[] => [...xml.matchAll(re)].map((m) => m[0]);
/** Elements `<tag>…</tag>` that do not nest in themselves (w:p, w:tc, w:tr, w:tbl here). */
const elements = (xml: string, tag: string): string[] => all(xml, new RegExp(`<${tag}(?=[ >])[^>]*>[\\s\\S]*?</${tag}>`, 'g'));
const attr = (el: string, name: string): string | undefined => new RegExp(`${name}="([^"]*)"`).exec(el)?.[1];
const paragraphWith = (xml: string, text: string): string => {
  const p = elements(xml, 'w:p').find((e) => e.includes(`>${text}<`));
  if (!p) throw new Error(`no paragraph with ${text}`);
  return p;
};
const styleDef = (stylesXml: string, id: string): string => {
  const s = all(stylesXml, new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`, 'g'));
  expect(s, `style ${id} defined once`).toHaveLength(1);
  return s[0] ?? '';
};

describe('writeDocx', async () => {
  const bytes = await writeDocx(doc, style);
  const documentXml = readDocxPart(bytes, 'word/document.xml');
  const stylesXml = readDocxPart(bytes, 'word/styles.xml');
  const tables = elements(documentXml, 'w:tbl');

  it('writes exactly the text of the blocks', () => {
    expect(docxText(bytes)).toBe(EXPECTED_TEXT);
  });

  it('writes inline emphasis and breaks as runs', () => {
    const p = paragraphWith(documentXml, 'Ш.Таженова');
    const run = (text: string) => elements(p, 'w:r').find((r) => r.includes(`>${text}<`)) ?? '';
    expect(run('Ш.Таженова')).toContain('<w:b/>');
    expect(run('баяндады')).toContain('<w:i/>');
    expect(run('қаулы')).toMatch(/<w:u w:val="single"\/>/);
    expect(run('Меңгеруші ')).not.toMatch(/<w:[biu][ />]/);
    expect(p).toMatch(/<w:r><w:br\/><\/w:r>/);
    expect(p).toContain('жаңа жол &amp; &lt;белгі&gt; &quot;тырнақша&quot;');
  });

  it('defines a Word style per role and references it instead of direct formatting', () => {
    const title = styleDef(stylesXml, 'Title');
    expect(title).toContain('<w:b/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('<w:keepNext/>');
    const heading = styleDef(stylesXml, 'Heading1');
    expect(heading).toContain('<w:b/>');
    expect(heading).toMatch(/<w:spacing w:after="120" w:before="240"\/>/);
    expect(heading).toContain('<w:keepNext/>');
    expect(heading).not.toContain('w:color');
    const body = styleDef(stylesXml, 'BodyText');
    expect(body).toContain('<w:jc w:val="both"/>');
    expect(body).toContain('<w:ind w:firstLine="709"/>');
    expect(body).not.toContain('<w:b/>');
    const line = styleDef(stylesXml, 'RequisiteLine');
    expect(line).toContain('<w:jc w:val="left"/>');
    expect(line).not.toContain('w:firstLine');

    expect(paragraphWith(documentXml, 'ХАТТАМА №2')).toContain('<w:pStyle w:val="Title"/>');
    expect(paragraphWith(documentXml, 'Тыңдалды:')).toContain('<w:pStyle w:val="Heading1"/>');
    expect(paragraphWith(documentXml, 'Күні: 25.12.2025 ж')).toContain('<w:pStyle w:val="RequisiteLine"/>');
    const bodyP = paragraphWith(documentXml, ALPHABET);
    expect(bodyP).toContain('<w:pStyle w:val="BodyText"/>');
    // The style carries alignment, indent, spacing and emphasis; the paragraph repeats none of it.
    expect(bodyP).not.toMatch(/<w:(jc|ind|spacing|b|sz|rFonts)[ />]/);
    expect(paragraphWith(documentXml, 'Ортада')).toMatch(/<w:pStyle w:val="BodyText"\/>.*<w:jc w:val="center"\/>/);
  });

  it('sets Times New Roman 14 pt, single spacing and Kazakh as document defaults', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(stylesXml)?.[0] ?? '';
    expect(defaults).toContain('<w:lang w:val="kk-KZ"/>');
    expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/);
    expect(defaults).toContain('<w:sz w:val="28"/>');
    expect(defaults).toContain('<w:szCs w:val="28"/>');
    expect(defaults).toMatch(/w:line="240" w:lineRule="auto"/);
    expect(defaults).toMatch(/<w:pPr><w:widowControl\/>/);
  });

  it('uses the language of the document meta', async () => {
    const ru = await writeDocx({ ...doc, meta: { ...doc.meta, lang: 'ru-RU' } }, style);
    expect(readDocxPart(ru, 'word/styles.xml')).toContain('<w:lang w:val="ru-RU"/>');
    expect(readDocxPart(ru, 'docProps/core.xml')).toContain('<dc:language>ru-RU</dc:language>');
  });

  it('follows the font, spacing and margins of another profile', async () => {
    const custom: StyleProfile = {
      ...style,
      page: { ...style.page, marginsMm: { left: 20, right: 10, top: 25, bottom: 15 } },
      font: { ...style.font, family: 'PT Serif', sizePt: 12, lineSpacing: 1.5 },
      paragraphs: { ...style.paragraphs, body: { ...style.paragraphs.body, firstLineIndentMm: 10, align: 'left' } },
    };
    const out = await writeDocx(doc, custom);
    const styles = readDocxPart(out, 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toContain('w:ascii="PT Serif"');
    expect(defaults).toContain('<w:sz w:val="24"/>');
    expect(defaults).toMatch(/w:line="360" w:lineRule="auto"/);
    expect(styleDef(styles, 'BodyText')).toContain('<w:ind w:firstLine="567"/>');
    expect(styleDef(styles, 'BodyText')).toContain('<w:jc w:val="left"/>');
    const xml = readDocxPart(out, 'word/document.xml');
    const pgMar = /<w:pgMar [^>]*\/>/.exec(xml)?.[0] ?? '';
    expect([attr(pgMar, 'w:top'), attr(pgMar, 'w:right'), attr(pgMar, 'w:bottom'), attr(pgMar, 'w:left')]).toEqual(['1417', '567', '850', '1134']);
    expect(xml).toContain(`<w:tblW w:type="dxa" w:w="${11906 - 1134 - 567}"/>`);
  });

  it('lays out an A4 page with the profile margins', () => {
    expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const pgMar = /<w:pgMar [^>]*\/>/.exec(documentXml)?.[0] ?? '';
    expect([attr(pgMar, 'w:top'), attr(pgMar, 'w:right'), attr(pgMar, 'w:bottom'), attr(pgMar, 'w:left')]).toEqual(['1134', '850', '1134', '1701']);
  });

  it('gives each list its own numbering instance, restarting ordered lists at 1', () => {
    const numbering = readDocxPart(bytes, 'word/numbering.xml');
    const numId = (text: string) => attr(/<w:numId [^>]*\/>/.exec(paragraphWith(documentXml, text))?.[0] ?? '', 'w:val');
    const first = numId('Бірінші мәселе.');
    const second = numId('Ақпарат назарға алынсын.');
    const bullets = numId('Жетім балалар;');
    expect(first).toBeDefined();
    expect(new Set([first, second, bullets]).size).toBe(3);
    // Items of one list share its instance.
    expect(numId('Екінші мәселе.')).toBe(first);
    expect(numId('Бақылауға алынсын.')).toBe(second);
    expect(numId('Педагогтердің балалары;')).toBe(bullets);

    const num = (id: string | undefined) => all(numbering, /<w:num w:numId="\d+">[\s\S]*?<\/w:num>/g).find((n) => attr(n, 'w:numId') === id);
    const abstractOf = (id: string | undefined) => {
      const abstractId = attr(/<w:abstractNumId [^>]*\/>/.exec(num(id) ?? '')?.[0] ?? '', 'w:val');
      return all(numbering, /<w:abstractNum [\s\S]*?<\/w:abstractNum>/g).find((a) => attr(a, 'w:abstractNumId') === abstractId) ?? '';
    };
    for (const id of [first, second]) {
      expect(num(id)).toMatch(/<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"\/><\/w:lvlOverride>/);
      const abs = abstractOf(id);
      expect(abs).toContain('<w:numFmt w:val="decimal"/>');
      expect(abs).toContain('<w:lvlText w:val="%1."/>');
      // 12.5 mm text indent, 6.5 mm hanging.
      expect(abs).toContain('<w:ind w:left="709" w:hanging="369"/>');
    }
    const bulletAbs = abstractOf(bullets);
    expect(bulletAbs).toContain('<w:numFmt w:val="bullet"/>');
    expect(bulletAbs).toContain('<w:lvlText w:val="–"/>');
    expect(bulletAbs).toContain('<w:ind w:left="709" w:hanging="369"/>');
    expect(paragraphWith(documentXml, 'Жетім балалар;')).toContain('<w:pStyle w:val="ListParagraph"/>');
  });

  it('numbers an ordered list from its start, each list in its own instance', async () => {
    const lists: Block[] = [
      { kind: 'list', ordered: true, start: 3, items: items('Үшінші.', 'Төртінші.') },
      { kind: 'list', ordered: true, start: 3, items: items('Тағы үшінші.') },
      { kind: 'list', ordered: true, start: 1, items: items('Бірінші.') },
      { kind: 'list', ordered: false, start: 5, items: items('Таңба.') },
      { kind: 'list', ordered: true, start: 10, items: items('Оныншы.') },
    ];
    const out = await writeDocx({ ...doc, blocks: lists }, style);
    const xml = readDocxPart(out, 'word/document.xml');
    const numbering = readDocxPart(out, 'word/numbering.xml');
    const numId = (text: string) => attr(/<w:numId [^>]*\/>/.exec(paragraphWith(xml, text))?.[0] ?? '', 'w:val');
    const num = (text: string) => all(numbering, /<w:num w:numId="\d+">[\s\S]*?<\/w:num>/g).find((n) => attr(n, 'w:numId') === numId(text)) ?? '';
    const startOverride = (text: string) => /<w:lvlOverride w:ilvl="0"><w:startOverride w:val="(\d+)"\/><\/w:lvlOverride>/.exec(num(text))?.[1];
    expect(startOverride('Үшінші.')).toBe('3');
    expect(numId('Төртінші.')).toBe(numId('Үшінші.'));
    // The same start, another list: its own instance, so it counts from 3 again.
    expect(numId('Тағы үшінші.')).not.toBe(numId('Үшінші.'));
    expect(startOverride('Тағы үшінші.')).toBe('3');
    expect(startOverride('Бірінші.')).toBe('1');
    expect(startOverride('Оныншы.')).toBe('10');
    // Bullets have no number to start from.
    expect(startOverride('Таңба.')).toBe('1');
    expect(new Set(['Үшінші.', 'Тағы үшінші.', 'Бірінші.', 'Таңба.', 'Оныншы.'].map(numId)).size).toBe(5);
    const abstractOf = (text: string) => {
      const abstractId = attr(/<w:abstractNumId [^>]*\/>/.exec(num(text))?.[0] ?? '', 'w:val');
      return all(numbering, /<w:abstractNum [\s\S]*?<\/w:abstractNum>/g).find((a) => attr(a, 'w:abstractNumId') === abstractId) ?? '';
    };
    // "10." and a space at 14 pt (21 pt, 420 twips) overrun the 6.5 mm hanging (369): text indent and hanging grow by 51.
    for (const [text, start, left, hanging] of [['Үшінші.', 3, 709, 369], ['Оныншы.', 10, 760, 420], ['Бірінші.', 1, 709, 369]] as const) {
      const abs = abstractOf(text);
      expect(abs).toContain(`<w:start w:val="${start}"/>`);
      expect(abs).toContain('<w:numFmt w:val="decimal"/>');
      expect(abs).toContain('<w:lvlText w:val="%1."/>');
      expect(abs).toContain(`<w:ind w:left="${left}" w:hanging="${hanging}"/>`);
    }
  });

  it('widens the marker column of a list whose largest number does not fit the hanging indent', async () => {
    const numbered = (start: number, n: number, word: string): Block => ({
      kind: 'list',
      ordered: true,
      start,
      items: Array.from({ length: n }, (_, i) => ({ content: [t(`${word} ${i + 1}`)] })),
    });
    const out = await writeDocx({ ...doc, blocks: [numbered(1, 9, 'Тоғыз'), numbered(1, 12, 'Он екі'), numbered(998, 3, 'Мың'), numbered(1, 12, 'Тағы')] }, style);
    const xml = readDocxPart(out, 'word/document.xml');
    const numbering = readDocxPart(out, 'word/numbering.xml');
    const indentOf = (text: string) => {
      const numId = attr(/<w:numId [^>]*\/>/.exec(paragraphWith(xml, text))?.[0] ?? '', 'w:val');
      const num = all(numbering, /<w:num w:numId="\d+">[\s\S]*?<\/w:num>/g).find((n) => attr(n, 'w:numId') === numId) ?? '';
      const abstractId = attr(/<w:abstractNumId [^>]*\/>/.exec(num)?.[0] ?? '', 'w:val');
      const abs = all(numbering, /<w:abstractNum [\s\S]*?<\/w:abstractNum>/g).find((a) => attr(a, 'w:abstractNumId') === abstractId) ?? '';
      return /<w:ind [^>]*\/>/.exec(abs)?.[0];
    };
    // 1–9 fit; 10–12 need 21 pt; "1000. " needs 35 pt (700 twips). The number stays put: left − hanging = 340.
    expect(indentOf('Тоғыз 1')).toBe('<w:ind w:left="709" w:hanging="369"/>');
    expect(indentOf('Он екі 1')).toBe('<w:ind w:left="760" w:hanging="420"/>');
    expect(indentOf('Мың 1')).toBe('<w:ind w:left="1040" w:hanging="700"/>');
    expect(indentOf('Тағы 1')).toBe(indentOf('Он екі 1'));
    // Lists' paragraphs carry no indent of their own: the definition does it.
    expect(paragraphWith(xml, 'Он екі 12')).not.toContain('<w:ind');
  });

  it('writes tables with fixed layout and explicit DXA widths on grid, table and cells', () => {
    expect(tables).toHaveLength(2);
    for (const tbl of tables) {
      expect(tbl).toContain('<w:tblLayout w:type="fixed"/>');
      expect(tbl).toContain(`<w:tblW w:type="dxa" w:w="${TEXT_WIDTH}"/>`);
      const grid = all(tbl, /<w:gridCol w:w="(\d+)"\/>/g).map((g) => Number(attr(g, 'w:w')));
      expect(grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      for (const row of elements(tbl, 'w:tr')) {
        const cells = elements(row, 'w:tc');
        expect(cells).toHaveLength(grid.length);
        cells.forEach((cell, i) => expect(cell).toContain(`<w:tcW w:type="dxa" w:w="${grid[i]}"/>`));
      }
    }
  });

  it('writes the signature block as a borderless table with a signing line, kept on one page', () => {
    const sig = tables[0] ?? '';
    expect(sig).toContain('Аметов Е.Д');
    const grid = all(sig, /<w:gridCol w:w="(\d+)"\/>/g).map((g) => Number(attr(g, 'w:w')));
    expect(grid).toEqual([Math.floor(TEXT_WIDTH * 0.45), Math.floor(TEXT_WIDTH * 0.3), TEXT_WIDTH - Math.floor(TEXT_WIDTH * 0.45) - Math.floor(TEXT_WIDTH * 0.3)]);
    expect(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/.exec(sig)?.[0]).not.toContain('w:val="single"');
    const rows = elements(sig, 'w:tr');
    expect(rows).toHaveLength(2);
    rows.forEach((row, r) => {
      expect(row).toContain('<w:cantSplit/>');
      const [role, line, name] = elements(row, 'w:tc');
      expect(role).toMatch(/<w:jc w:val="left"\/>/);
      expect(name).toMatch(/<w:jc w:val="right"\/>/);
      expect(line).toMatch(/<w:bottom w:val="single"[^>]*w:sz="4"\/>/);
      for (const cell of [role, line, name]) {
        expect(cell).toContain('<w:vAlign w:val="bottom"/>');
        // spaceBeforePt 36 above the block, rowGapPt 24 between rows.
        expect(cell).toContain(`<w:spacing w:before="${r === 0 ? 720 : 480}"/>`);
      }
      for (const cell of [role, name]) expect(cell).not.toMatch(/w:val="single"/);
      // Every row but the last is kept with the next.
      const keep = elements(row, 'w:p').every((p) => p.includes('<w:keepNext/>'));
      expect(keep).toBe(r < rows.length - 1);
    });
  });

  it('wraps long roles inside their cells and widens the name cell for a long name, a gutter clear of the signing line', async () => {
    const name = 'Жұмағалиева Гүлнар Төлеубайқызы, меңгеруші';
    const out = await writeDocx({ ...doc, blocks: [{ kind: 'signatures', rows: [{ role: [t('Қамқоршылық кеңестің төрағасы, мектепке дейінгі ұйымның әдіскері:')], name }] }] }, style);
    const sig = elements(readDocxPart(out, 'word/document.xml'), 'w:tbl')[0] ?? '';
    expect(sig).toContain('<w:tblLayout w:type="fixed"/>');
    const [role = '', line = '', nameCell = ''] = elements(sig, 'w:tc');
    // 8 pt (the PDF's gutter) between the role and the line, and between the line and the name.
    expect(/<w:tcMar>[\s\S]*?<\/w:tcMar>/.exec(role)?.[0]).toBe('<w:tcMar><w:right w:type="dxa" w:w="160"/></w:tcMar>');
    expect(/<w:tcMar>[\s\S]*?<\/w:tcMar>/.exec(nameCell)?.[0]).toBe('<w:tcMar><w:left w:type="dxa" w:w="160"/></w:tcMar>');
    expect(line).not.toContain('<w:tcMar>');
    expect(line).toMatch(/<w:bottom w:val="single"/);
    // The name is one right-aligned paragraph in a cell of fixed width, wider than the profile's 25 % for this name.
    const nameWidth = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/.exec(nameCell)?.[1]);
    expect(nameWidth).toBeGreaterThan(TEXT_WIDTH * 0.25 + 1000);
    expect(sig).toContain(`<w:gridCol w:w="${nameWidth}"/></w:tblGrid>`);
    expect(elements(nameCell, 'w:p')).toHaveLength(1);
    expect(nameCell).toContain('<w:jc w:val="right"/>');
    expect(nameCell).toContain(`>${name}</w:t>`);
  });

  it('writes the data table bordered, with a repeated bold header and column alignment', () => {
    const tbl = tables[1] ?? '';
    expect(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/.exec(tbl)?.[0]).toMatch(/<w:insideV w:val="single"/);
    const rows = elements(tbl, 'w:tr');
    expect(rows.map((r) => r.includes('<w:tblHeader/>'))).toEqual([true, false, false]);
    expect(rows[0]).toContain('<w:pStyle w:val="TableHeading"/>');
    expect(styleDef(stylesXml, 'TableHeading')).toContain('<w:b/>');
    expect(styleDef(stylesXml, 'TableText')).toContain('<w:sz w:val="24"/>');
    const [num, name, vote] = elements(rows[1] ?? '', 'w:tc');
    expect(num).toContain('<w:jc w:val="center"/>');
    expect(name).toContain('<w:jc w:val="left"/>');
    expect(vote).toContain('<w:jc w:val="right"/>');
    expect(tbl).toContain('<w:left w:type="dxa" w:w="85"/>');
  });

  it('starts the page after a page break with the next paragraph', () => {
    expect(paragraphWith(documentXml, 'Қосымша')).toContain('<w:pageBreakBefore/>');
    expect(documentXml).not.toContain('w:type="page"');
  });

  it('writes a page break paragraph when a table follows the break', async () => {
    const out = await writeDocx({ ...doc, blocks: [{ kind: 'paragraph', role: 'body', content: [t('А')] }, { kind: 'pageBreak' }, blocks[11] as Block] }, style);
    expect(readDocxPart(out, 'word/document.xml')).toContain('<w:br w:type="page"/>');
    expect(docxText(out)).toBe('А\n\f\nҚамқоршылық кеңес\nтөрағасы:\t\tАметов Е.Д\nХатшы:\t\tЖұмағалиева Г.Т');
  });

  it('numbers pages in the header from page 2', () => {
    const sectPr = /<w:sectPr>[\s\S]*?<\/w:sectPr>/.exec(documentXml)?.[0] ?? '';
    expect(sectPr).toContain('<w:titlePg/>');
    expect(sectPr).not.toContain('w:footerReference');
    const rels = readDocxPart(bytes, 'word/_rels/document.xml.rels');
    const partOf = (type: string) => {
      const id = attr(new RegExp(`<w:headerReference w:type="${type}"[^>]*/>`).exec(sectPr)?.[0] ?? '', 'r:id');
      const rel = all(rels, /<Relationship [^>]*\/>/g).find((r) => attr(r, 'Id') === id) ?? '';
      return readDocxPart(bytes, `word/${attr(rel, 'Target')}`);
    };
    const numbered = partOf('default');
    expect(numbered).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(numbered).toContain('<w:pStyle w:val="Header"/>');
    expect(partOf('first')).not.toContain('PAGE');
    const header = styleDef(stylesXml, 'Header');
    expect(header).toContain('<w:jc w:val="center"/>');
    expect(header).toContain('<w:sz w:val="24"/>');
  });

  it('follows the page number settings: footer, right, every page, or none', async () => {
    const footerStyle: StyleProfile = { ...style, pageNumbers: { ...style.pageNumbers, position: 'bottom-right', fromPage: 1 } };
    const out = await writeDocx(doc, footerStyle);
    const xml = readDocxPart(out, 'word/document.xml');
    expect(xml).toMatch(/<w:footerReference w:type="default"/);
    expect(xml).not.toContain('w:headerReference');
    expect(xml).not.toContain('<w:titlePg/>');
    expect(readDocxPart(out, 'word/footer1.xml')).toContain('PAGE');
    expect(styleDef(readDocxPart(out, 'word/styles.xml'), 'Footer')).toContain('<w:jc w:val="right"/>');

    const none = await writeDocx(doc, { ...style, pageNumbers: { ...style.pageNumbers, enabled: false } });
    const noneXml = readDocxPart(none, 'word/document.xml');
    expect(noneXml).not.toMatch(/w:(header|footer)Reference/);
    expect(noneXml).not.toContain('<w:titlePg/>');
  });

  it('writes the core properties and the organisation from the meta', () => {
    const core = readDocxPart(bytes, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Қамқоршылық кеңес отырысының хаттамасы №2</dc:title>');
    expect(core).toContain('<dc:creator>№1 «Еркетай» бөбекжай балабақшасы &amp; Co</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>№1 «Еркетай» бөбекжай балабақшасы &amp; Co</cp:lastModifiedBy>');
    expect(core).toContain('<dc:subject>Хаттама</dc:subject>');
    expect(core).toMatch(/<dcterms:created [^>]*>2025-12-25T10:00:00Z<\/dcterms:created>/);
    expect(core).toMatch(/<dcterms:modified [^>]*>2025-12-25T10:00:00Z<\/dcterms:modified>/);
    expect(readDocxPart(bytes, 'docProps/app.xml')).toContain('<Company>№1 «Еркетай» бөбекжай балабақшасы &amp; Co</Company>');
  });

  it('writes well-formed property parts when the meta holds characters XML forbids', async () => {
    const meta = { ...doc.meta, title: 'Хаттама\uFFFE №2', subject: 'Тақырып\uD800', author: 'Балабақша\u0001 & <Co>\uFFFF', lang: 'kk-KZ\u0002' };
    const out = await writeDocx({ ...doc, meta }, style);
    const text = (xml: string, tag: string) => {
      let inside = false;
      let found = '';
      const parser = new SaxesParser();
      parser.on('opentag', (t) => {
        inside = t.name === tag;
      });
      parser.on('closetag', () => {
        inside = false;
      });
      parser.on('text', (s) => {
        if (inside) found += s;
      });
      parser.write(xml).close(); // throws on malformed XML
      return found;
    };
    expect(text(readDocxPart(out, 'docProps/app.xml'), 'Company')).toBe('Балабақша & <Co>');
    const core = readDocxPart(out, 'docProps/core.xml');
    expect(text(core, 'dc:language')).toBe('kk-KZ');
    expect(text(core, 'dc:title')).toBe('Хаттама №2');
    expect(text(core, 'dc:subject')).toBe('Тақырып');
    expect(text(core, 'dc:creator')).toBe('Балабақша & <Co>');
    expect(text(core, 'cp:lastModifiedBy')).toBe('Балабақша & <Co>');
  });

  it('dates every ZIP entry with meta.date and puts [Content_Types].xml first', () => {
    const names = docxPartNames(bytes);
    expect(names[0]).toBe('[Content_Types].xml');
    expect(names).toContain('word/document.xml');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const expected = ((2025 - 1980) << 25) | (12 << 21) | (25 << 16) | (10 << 11);
    let at = 0;
    let seen = 0;
    while (view.getUint32(at, true) === 0x04034b50) {
      expect(view.getUint32(at + 10, true)).toBe(expected);
      at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + view.getUint32(at + 18, true);
      seen += 1;
    }
    expect(seen).toBe(names.length);
    for (; view.getUint32(at, true) === 0x02014b50; at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)) {
      expect(view.getUint32(at + 12, true)).toBe(expected);
    }
  });

  it('rejects a row with more cells than columns, and an invalid date', async () => {
    const table: Block = { kind: 'table', columns: [{ width: 1, align: 'left' }], header: null, rows: [[[t('a')], [t('b')]]] };
    await expect(writeDocx({ ...doc, blocks: [table] }, style)).rejects.toThrow(/row 1 has 2 cells/);
    await expect(writeDocx({ ...doc, meta: { ...doc.meta, date: new Date('nope') } }, style)).rejects.toThrow(/date/);
  });
});

describe('writeDocx determinism', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  /** Renders with the clock at `now` in time zone `tz`. */
  const renderAt = async (d: DocumentModel, now: string, tz: string) => {
    process.env.TZ = tz;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
    try {
      return await writeDocx(d, style);
    } finally {
      vi.useRealTimers();
    }
  };

  it('gives identical bytes at any time and in any time zone', async () => {
    const a = await renderAt(doc, '2026-01-05T08:00:01Z', 'UTC');
    const b = await renderAt(doc, '2031-07-19T23:59:58Z', 'Asia/Almaty');
    const c = await renderAt(doc, '2027-03-28T01:30:00Z', 'America/Los_Angeles');
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).toBe(0);
    // And the date does matter: another meta.date gives other bytes.
    const other = await renderAt({ ...doc, meta: { ...doc.meta, date: new Date('2025-12-26T10:00:00Z') } }, '2026-01-05T08:00:01Z', 'UTC');
    expect(Buffer.compare(a, other)).not.toBe(0);
  });

  it('is not thrown off when meta.date falls in a DST gap of the local time zone', async () => {
    // 2025-03-30 02:30 does not exist in Berlin (clocks jump from 02:00 to 03:00).
    const gap: DocumentModel = { ...doc, meta: { ...doc.meta, date: new Date('2025-03-30T02:30:00Z') } };
    const utc = await renderAt(gap, '2026-01-05T08:00:00Z', 'UTC');
    const berlin = await renderAt(gap, '2026-01-05T08:00:00Z', 'Europe/Berlin');
    expect(Buffer.compare(utc, berlin)).toBe(0);
  });

  it('clamps dates before 1980 for the ZIP entries but keeps them in core.xml', async () => {
    const old: DocumentModel = { ...doc, meta: { ...doc.meta, date: new Date('1975-05-01T00:00:00Z') } };
    const bytes = await renderAt(old, '2026-01-05T08:00:00Z', 'UTC');
    expect(readDocxPart(bytes, 'docProps/core.xml')).toContain('>1975-05-01T00:00:00Z</dcterms:created>');
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(10, true)).toBe((1 << 21) | (1 << 16));
  });

  it('gives identical bytes when rendering the same document twice in one process', async () => {
    const a = await writeDocx(doc, style);
    const b = await writeDocx(doc, style);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
