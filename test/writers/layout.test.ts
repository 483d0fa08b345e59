/**
 * Layout quality in both writers: labels kept with what follows, keep="next",
 * signature columns, the signature block kept with the text before it,
 * loose justified lines, list alignment and heading-block spacing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline, Paragraph } from '../../src/document/blocks.js';
import { parseMarkup } from '../../src/document/markup.js';
import { deepMerge, loadStyle } from '../../src/style/load.js';
import type { StyleProfile } from '../../src/style/profile.js';
import { writeDocx } from '../../src/writers/docx/index.js';
import { measureWithFont } from '../../src/writers/pdf/fonts.js';
import { loadPdfFonts, writePdf, type PdfFonts } from '../../src/writers/pdf/index.js';
import { SIGNATURE_GUTTER_PT } from '../../src/writers/shared.js';
import { readDocxPart } from '../support/docx-xml.js';
import { linesOf, pdfItems, pdfPages } from '../support/pdf-text.js';

const t = (text: string, e: { bold?: boolean } = {}): Inline => ({ kind: 'text', text, ...e });
const para = (role: Paragraph['role'], text: string, extra: Partial<Paragraph> = {}): Paragraph => ({ kind: 'paragraph', role, content: [t(text)], ...extra });
const META = { title: 'Хаттама', author: 'Ұйым', lang: 'kk-KZ', date: new Date('2025-12-25T00:00:00Z') };
const docOf = (blocks: Block[]): DocumentModel => ({ meta: META, blocks });
const filler = (n: number): Paragraph[] => Array.from({ length: n }, (_, i) => para('line', `Жол ${i + 1}`));
const PROSE =
  'Күн тәртібіндегі бірінші мәселе бойынша, балабақша меңгерушісі кеңес мүшелеріне күн тәртібіндегі мәселелер туралы таныстырды және жалпы қосымша ақпарат берді.';

const style = loadStyle();
const styleWith = (over: unknown): StyleProfile => deepMerge(style, over) as StyleProfile;
let fonts: PdfFonts;
beforeAll(() => {
  fonts = loadPdfFonts(style.font.pdf);
});

/** Per page, its lines without the page number at the top of pages 2…. */
async function pages(doc: DocumentModel, s: StyleProfile = style): Promise<string[][]> {
  const p = await pdfPages(await writePdf(doc, s, { fonts }));
  return p.map((lines, i) => (i > 0 && lines[0] === String(i + 1) ? lines.slice(1) : lines));
}

describe('markup: <label> and keep="next"', () => {
  const wrap = (body: string): string => `<document lang="kk-KZ" title="T" author="A">${body}</document>`;
  it('parses <label> as the label role with inline content and align=', () => {
    const d = parseMarkup(wrap('<label>Сөз <b>сөйлегендер</b>:</label><label align="center">Шешім:</label>'));
    expect(d.blocks).toEqual([
      { kind: 'paragraph', role: 'label', content: [t('Сөз '), t('сөйлегендер', { bold: true }), t(':')] },
      { kind: 'paragraph', role: 'label', content: [t('Шешім:')], align: 'center' },
    ]);
  });
  it('keep="next" keeps one paragraph of any role with the next block', () => {
    const d = parseMarkup(wrap('<p keep="next">Дауыс беру: 7</p><line keep="next">x</line><p>y</p>'));
    expect(d.blocks.map((b) => (b.kind === 'paragraph' ? b.keepWithNext : null))).toEqual([true, true, undefined]);
  });
  it('refuses another keep value, at its place', () => {
    expect(() => parseMarkup(wrap('<p\n keep="page">x</p>'))).toThrow(/keep="page" must be keep="next"/);
  });
});

describe('labels kept with what follows', () => {
  /** Fillers, then a label and the paragraph it introduces: for some n the label falls on a page's last line. */
  const labelled = (n: number, label: Paragraph): DocumentModel => docOf([...filler(n), label, para('body', PROSE), para('body', PROSE)]);

  async function labelPlaces(label: Paragraph, s: StyleProfile): Promise<{ endsPage: boolean; topsPage: boolean }> {
    let endsPage = false;
    let topsPage = false;
    const text = label.content.map((c) => (c.kind === 'text' ? c.text : '')).join('');
    for (let n = 36; n <= 46; n++) {
      const ps = await pages(labelled(n, label), s);
      for (const [i, lines] of ps.entries()) {
        if (lines[lines.length - 1] === text && i < ps.length - 1) endsPage = true;
        if (i > 0 && lines[0] === text) topsPage = true;
      }
    }
    return { endsPage, topsPage };
  }

  it('PDF: a label never ends a page; it moves to the next one', async () => {
    expect(await labelPlaces(para('label', 'Сөз сөйлегендер:'), style)).toEqual({ endsPage: false, topsPage: true });
  });
  it('PDF: without keepWithNext the same documents leave the label alone (the test can fail)', async () => {
    const loose = styleWith({ paragraphs: { label: { keepWithNext: false } } });
    expect((await labelPlaces(para('label', 'Сөз сөйлегендер:'), loose)).endsPage).toBe(true);
  });
  it('PDF: keep="next" on a body paragraph (the vote line) keeps it with the next block', async () => {
    const vote = para('body', 'Дауыс беру: жақтағандар – 7.', { keepWithNext: true });
    expect(await labelPlaces(vote, style)).toEqual({ endsPage: false, topsPage: true });
    const { keepWithNext: _, ...plain } = vote;
    expect((await labelPlaces(plain, style)).endsPage).toBe(true);
  });

  it('DOCX: the Label style is bold, left, unindented, 6/3 pt, keepNext, based on body text; keep="next" writes keepNext', async () => {
    const bytes = await writeDocx(docOf([para('label', 'Шешім:'), para('body', 'Дауыс беру', { keepWithNext: true }), para('body', PROSE)]), style);
    const styles = readDocxPart(bytes, 'word/styles.xml');
    const label = /<w:style [^>]*w:styleId="Label"[^>]*>[\s\S]*?<\/w:style>/.exec(styles)?.[0] ?? '';
    expect(label).toContain('<w:basedOn w:val="BodyText"/>');
    expect(label).toContain('<w:keepNext/>');
    expect(label).toMatch(/<w:spacing w:after="60" w:before="120"\/>/);
    expect(label).toMatch(/<w:ind w:firstLine="0"\/>/);
    expect(label).toMatch(/<w:jc w:val="left"\/>/);
    expect(label).toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    const xml = readDocxPart(bytes, 'word/document.xml');
    const paras = xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
    expect(paras[0]).toContain('<w:pStyle w:val="Label"/>');
    expect(paras[1]).toContain('<w:keepNext/>');
    expect(paras[2]).not.toContain('<w:keepNext/>');
  });
});

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SOFFICE = has('soffice');

/** The DOCX laid out by LibreOffice, as PDF bytes (one conversion per call). */
function libreOfficePdf(docx: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'hattama-layout-'));
  writeFileSync(join(dir, 'doc.docx'), docx);
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'doc.docx')], {
    stdio: 'pipe',
    timeout: 120_000,
  });
  return new Uint8Array(readFileSync(join(dir, 'doc.pdf')));
}

const FULL = 'Жұмағалиева-Сейітқасымова Гүлнәр Төлегенқызы';
const NAMES = [FULL.slice(0, 10), FULL.slice(0, 25), FULL.slice(0, 40)];
const ROLES = ['Қамқоршылық кеңес төрағасы:', 'Хатшы:', 'Қамқоршылық кеңес төрағасының орынбасары:'];
/** One document per name, so each name sizes its own block. */
const docs = NAMES.map((name) => docOf([para('body', PROSE), { kind: 'signatures', rows: ROLES.map((r) => ({ role: [t(r)], name })) }]));
/** A justified paragraph whose first line ends in a manual break. */
const BROKEN = 'Бірінші жол қысқа';

/** A line of LibreOffice's layout: its text and right end. */
interface LaidLine {
  readonly str: string;
  readonly right: number;
}
let laidOut: Promise<LaidLine[][]> | undefined;
/** Every DOCX check that needs LibreOffice, laid out in one conversion. */
function libreOfficeLayout(): Promise<LaidLine[][]> {
  laidOut ??= (async () => {
    const blocks: Block[] = [
      { kind: 'paragraph', role: 'body', content: [t(BROKEN), { kind: 'break' }, t(PROSE)] },
      ...docs.flatMap((d) => [{ kind: 'pageBreak' } as Block, ...d.blocks]),
    ];
    const items = await pdfItems(libreOfficePdf(await writeDocx(docOf(blocks), style)));
    return items.map((page) =>
      linesOf(page).map((str) => {
        const mine = page.filter((i) => i.str.trim() !== '' && str.includes(i.str.trim()));
        return { str, right: Math.max(...mine.map((i) => i.x + i.width)) };
      }),
    );
  })();
  return laidOut;
}

describe('signature columns sized from the longest name', () => {  const nameOnOneLine = (lines: readonly string[], name: string): number => lines.filter((l) => l.endsWith(name)).length;

  it('has names of 10, 25 and 40 characters', () => {
    expect(NAMES.map((n) => [...n].length)).toEqual([10, 25, 40]);
  });
  it('PDF: every name stands whole on one line, on each of its rows', async () => {
    for (const [i, doc] of docs.entries()) {
      const lines = (await pages(doc)).flat();
      expect(nameOnOneLine(lines, NAMES[i]!), lines.join('\n')).toBe(ROLES.length);
    }
  });
  it('PDF and DOCX: a long one-word name in capitals stays whole even beside a long one-word role', async () => {
    const name = 'ЖҰМАҒАЛИЕВА-ШӘМШИДЕНОВА Ж.Ш';
    const doc = docOf([para('body', PROSE), { kind: 'signatures', rows: [{ role: [t('Қамқоршылықкеңестіңтөрағасы:')], name }] }]);
    const lines = (await pages(doc)).flat();
    expect(lines.some((l) => l.includes('ЖҰМАҒАЛИЕВА-ШӘМШИДЕНОВА')), lines.join(' | ')).toBe(true);
    const xml = readDocxPart(await writeDocx(doc, style), 'word/document.xml');
    const widths = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]) / 20);
    const word = measureWithFont(style.font.pdf.regular, 'ЖҰМАҒАЛИЕВА-ШӘМШИДЕНОВА', style.font.sizePt);
    expect(widths.at(-1)!).toBeGreaterThan(word);
  });

  it('PDF: beside the longest name, roles wrap at spaces, never inside a word', async () => {
    const lines = (await pages(docOf([docs[2]!.blocks[1]!]))).flat();
    const roleWords = new Set(ROLES.join(' ').split(' '));
    expect(lines.length).toBeGreaterThan(ROLES.length);
    for (const l of lines) for (const w of l.replace(NAMES[2]!, '').split(' ').filter(Boolean)) expect(roleWords.has(w), l).toBe(true);
  });
  it('DOCX: the name column holds the longest name (as measured in Times metrics) and the columns fill the text width', async () => {
    for (const [i, doc] of docs.entries()) {
      const xml = readDocxPart(await writeDocx(doc, style), 'word/document.xml');
      const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid).toHaveLength(3);
      expect(grid[2]! / 20).toBeGreaterThan(measureWithFont(style.font.pdf.regular, NAMES[i]!, style.font.sizePt) + SIGNATURE_GUTTER_PT);
      expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - 1701 - 850);
      expect(grid[1]).toBeGreaterThan(56 * 20);
    }
  });
  it.skipIf(!SOFFICE)('DOCX in LibreOffice: every name stands whole on one line', async () => {
    const lines = (await libreOfficeLayout()).flat().map((l) => l.str);
    for (const name of NAMES) expect(nameOnOneLine(lines, name), lines.join('\n')).toBeGreaterThanOrEqual(ROLES.length);
  });
});

describe('DOCX: no justified line stretched before a manual break', () => {
  it('sets doNotExpandShiftReturn in the settings part', async () => {
    const settings = readDocxPart(await writeDocx(docOf([para('body', PROSE)]), style), 'word/settings.xml');
    expect(settings).toMatch(/<w:compat>[^]*<w:doNotExpandShiftReturn\/>[^]*<\/w:compat>/);
  });
  it.skipIf(!SOFFICE)('LibreOffice sets the line before the break at its natural width', async () => {
    const [page = []] = await libreOfficeLayout();
    const line = page.find((l) => l.str === BROKEN);
    const full = page.find((l) => PROSE.startsWith(l.str) && l.str.length > 20);
    expect(line, page.map((l) => l.str).join('\n')).toBeDefined();
    // A stretched line would end at the right margin, like the full line of prose.
    expect(full!.right - line!.right).toBeGreaterThan(200);
  });
});

describe('the signature block kept with the text before it', () => {
  const SIGS: Block = { kind: 'signatures', rows: [{ role: [t('Төраға:')], name: 'Аметов Е.Д' }, { role: [t('Хатшы:')], name: 'Жұмағалиева Г.Т' }] };
  const LAST = `${PROSE} ${PROSE} Соңғы сөйлем.`;
  const last: Block[] = [
    para('body', LAST),
    { kind: 'list', ordered: true, start: 1, items: [{ content: [t(PROSE)] }, { content: [t(`${PROSE} Соңғы тармақ.`)] }] },
  ];

  for (const [k, what] of ['a paragraph', 'a list'].entries()) {
    it(`PDF: after ${what}, the signatures never open a page; at least two lines come with them`, async () => {
      let carried = 0;
      for (let n = 30; n <= 44; n++) {
        const ps = await pages(docOf([...filler(n), last[k]!, SIGS]));
        const at = ps.findIndex((p) => p.some((l) => l.includes('Аметов')));
        const before = (ps[at] ?? []).slice(0, (ps[at] ?? []).findIndex((l) => l.includes('Аметов')));
        // Lines of the last paragraph (not fillers) stand above the signatures on their page.
        const own = before.filter((l) => !/^Жол \d+$/.test(l));
        expect(own.length, `${n} fillers: ${before.join(' | ')}`).toBeGreaterThanOrEqual(2);
        if (at > 0) carried++;
      }
      expect(carried).toBeGreaterThan(0);
    });
  }

  it('PDF: a label before a short last list is never left behind when the signatures carry the list over', async () => {
    const label = para('label', 'Дауысқа қойылған шешім жобасы (қабылданбады):', { keepWithNext: true } as Partial<Paragraph>);
    const list: Block = { kind: 'list', ordered: true, start: 1, items: [{ content: [t('Жарна жиналсын.')] }] };
    let moved = 0;
    for (let n = 30; n <= 46; n++) {
      const ps = await pages(docOf([...filler(n), label, list, SIGS]));
      const labelPage = ps.findIndex((p) => p.some((l) => l.includes('шешім жобасы')));
      const itemPage = ps.findIndex((p) => p.some((l) => l.includes('Жарна жиналсын.')));
      expect(labelPage, `${n} fillers`).toBe(itemPage);
      if (itemPage > 0) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('DOCX: keepNext on the paragraph or last list item before the signatures, rows that cannot split', async () => {
    for (const block of last) {
      const xml = readDocxPart(await writeDocx(docOf([para('body', 'Алдыңғы.'), block, SIGS]), style), 'word/document.xml');
      const body = xml.slice(0, xml.indexOf('<w:tbl>'));
      const paras = body.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
      expect(paras.at(-1)).toContain('<w:keepNext/>');
      expect(paras.slice(0, -1).some((p) => p.includes('<w:keepNext/>'))).toBe(false);
      const rows = xml.slice(xml.indexOf('<w:tbl>')).match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g) ?? [];
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r).toContain('<w:cantSplit/>');
      expect(rows[0]).toContain('<w:keepNext/>');
    }
  });
});

describe('style: loose lines, list alignment, heading-block spacing', () => {
  /** Right end of each text line of page 1, by its text. */
  async function rightEnds(doc: DocumentModel, s: StyleProfile): Promise<Map<string, number>> {
    const [items = []] = await pdfItems(await writePdf(doc, s, { fonts }));
    const out = new Map<string, number>();
    for (const str of linesOf(items)) {
      const mine = items.filter((i) => i.str.trim() !== '' && str.includes(i.str.trim()));
      out.set(str, Math.max(...mine.map((i) => i.x + i.width)));
    }
    return out;
  }
  // A short line of long words: justified, its spaces would stretch far beyond 4 normal spaces.
  const LOOSE = 'Қызметкерлерінің оның ішінде қызмет өткеру уақытында қаза тапқандардың, қайтыс болғандардың немесе хабар-ошарсыз кеткендердің';

  it('PDF: a justified line looser than justify.maxSpaceRatio is set flush left; the words are unchanged', async () => {
    const doc = docOf([{ kind: 'paragraph', role: 'body', content: [t(LOOSE)], align: 'justify' }]);
    const right = 595.28 - (15 * 72) / 25.4;
    const strict = await rightEnds(doc, styleWith({ justify: { maxSpaceRatio: 1.5 } }));
    const free = await rightEnds(doc, styleWith({ justify: { maxSpaceRatio: 100 } }));
    expect([...strict.keys()]).toEqual([...free.keys()]);
    const first = [...strict.keys()][0]!;
    expect(free.get(first)).toBeCloseTo(right, 0);
    expect(strict.get(first)!).toBeLessThan(right - 20);
    expect([...strict.keys()].join(' ').split(/\s+/)).toEqual(LOOSE.split(' '));
  });

  it('lists.align: left sets items ragged in both writers; justify (the default) as before', async () => {
    expect(style.lists.align).toBe('justify');
    const doc = docOf([{ kind: 'list', ordered: false, start: 1, items: [{ content: [t(`${PROSE} ${PROSE}`)] }] }]);
    const right = 595.28 - (15 * 72) / 25.4;
    const justified = await rightEnds(doc, style);
    const left = await rightEnds(doc, styleWith({ lists: { align: 'left' } }));
    expect([...justified.values()][0]).toBeCloseTo(right, 0);
    expect([...left.values()][0]!).toBeLessThan(right - 3);
    const listStyle = (s: StyleProfile) => writeDocx(doc, s).then((b) => /<w:style [^>]*w:styleId="ListParagraph"[^>]*>[\s\S]*?<\/w:style>/.exec(readDocxPart(b, 'word/styles.xml'))?.[0] ?? '');
    expect(await listStyle(style)).toContain('<w:jc w:val="both"/>');
    expect(await listStyle(styleWith({ lists: { align: 'left' } }))).toContain('<w:jc w:val="left"/>');
  });

  it('heading block: more space under the title, a little between requisite lines, a heading keeps its space before', async () => {
    expect(style.paragraphs.title.spaceAfterPt).toBeGreaterThan(style.paragraphs.heading.spaceAfterPt);
    expect(style.paragraphs.line.spaceAfterPt).toBeGreaterThanOrEqual(2);
    const doc = docOf([para('title', 'Хаттама'), para('line', 'Күні: 25.12.2025 ж'), para('line', 'Қатысушылар: 7 адам'), para('heading', 'Күн тәртібінде:')]);
    const [items = []] = await pdfItems(await writePdf(doc, style, { fonts }));
    const y = (s: string): number => items.find((i) => i.str.startsWith(s))?.y ?? NaN;
    const lh = ((fonts.regular.ascent - fonts.regular.descent + fonts.regular.lineGap) / fonts.regular.unitsPerEm) * style.font.sizePt;
    expect(y('Хаттама') - y('Күні')).toBeCloseTo(lh + style.paragraphs.title.spaceAfterPt, 1);
    expect(y('Күні') - y('Қатысушылар')).toBeCloseTo(lh + style.paragraphs.line.spaceAfterPt, 1);
    expect(y('Қатысушылар') - y('Күн тәртібінде')).toBeCloseTo(lh + style.paragraphs.line.spaceAfterPt + style.paragraphs.heading.spaceBeforePt, 1);
    const styles = readDocxPart(await writeDocx(doc, style), 'word/styles.xml');
    const def = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
    expect(def('Title')).toContain('w:after="360"');
    expect(def('RequisiteLine')).toContain('w:after="60"');
    expect(def('Heading1')).toContain('w:before="240"');
  });
});

describe('DOCX signature columns without a readable PDF font', () => {
  it('still sizes the name column (by estimate) rather than failing', async () => {
    const broken = styleWith({ font: { pdf: { regular: '/nonexistent/font.ttf' } } });
    const xml = readDocxPart(await writeDocx(docs[2]!, broken), 'word/document.xml');
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid[2]! / 20).toBeGreaterThan(measureWithFont(style.font.pdf.regular, NAMES[2]!, style.font.sizePt));
  });
});
