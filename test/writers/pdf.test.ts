import { writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocumentModel, Inline, Paragraph } from '../../src/document/blocks.js';
import { inlineText } from '../../src/document/blocks.js';
import { loadStyle } from '../../src/style/load.js';
import { A4_PT, mmToPt, type StyleProfile } from '../../src/style/profile.js';
import { loadPdfFonts, writePdf, type PdfFonts } from '../../src/writers/pdf/index.js';
import { MIN_SIGNING_LINE_PT, SIGNATURE_GUTTER_PT } from '../../src/writers/shared.js';
import { pdfGlyphRuns, pdfItems, pdfPages, pdfText } from '../support/pdf-text.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { SaxesParser } from 'saxes';

/** The nine letters Kazakh adds to Russian Cyrillic, both cases. */
const KAZAKH = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі';

const t = (text: string, e: { bold?: boolean; italic?: boolean; underline?: boolean } = {}): Inline => ({
  kind: 'text',
  text,
  ...e,
});
const br: Inline = { kind: 'break' };
const para = (role: Paragraph['role'], ...content: Inline[]): Paragraph => ({ kind: 'paragraph', role, content });
const body = (text: string): Paragraph => para('body', t(text));

const PROSE = [
  'Күн тәртібіндегі бірінші мәселе бойынша, балабақша меңгерушісі Ш.Таженова кеңес мүшелеріне күн тәртібіндегі мәселелер туралы таныстырды. "Dara bala.kz" платформасының жұмысы туралы жалпы қосымша ақпарат берілді. Балабақшаларға жолдама алу жолы автоматтандырылған.',
  'Жолдама алу үшін darabala.kz сайтына электрондық цифрлық қолтаңбаны (ЭЦҚ) пайдалану арқылы немесе жеке басын анықтау үшін суретке түсіру (faceID) арқылы тіркеуге болады.',
  'Егер жеңілдік санатындағы ата-аналар 5 жұмыс күні ішінде жолдама алмаса, онда жалпы кезекте тұрған ата-ана darabala.kz порталынан жолдама ала алады. Мектепке дейінгі ұйымдарда кезекке қою және кезекті жылжыту үдерісін толық цифрландыру оның ашықтығын қамтамасыз етіп, сыбайлас жемқорлықтың алдын алуға мүмкіндік беретінін атап өтті.',
  'Балабақшада цифрлық табель жүйесін енгізу арқылы мектепке дейінгі мекемелерде сыбайлас жемқорлықтың алдын алу, ашықтықты қалыптастыру, бюджеттен бөлінген қаржының мақсатты жұмсалуы үшін қолға алынып жатқандығын айтты.',
];

const META = {
  title: 'Қамқоршылық кеңес отырысының хаттамасы №2 & <тест>',
  author: '№1 «Еркетай» Алға бөбекжай балабақшасы',
  subject: 'Қамқоршылық кеңес',
  lang: 'kk-KZ',
  date: new Date('2025-12-25T00:00:00Z'),
};

/** A three-page minutes document using every block kind. */
function minutes(): DocumentModel {
  const blocks: Block[] = [
    para('title', t('№1 «Еркетай» Алға бөбекжай балабақшасында өткізілген қамқоршылық кеңес отырысының хаттамасы №2')),
    para('line', t('Күні: 25.12.2025 ж')),
    para('line', t('Қатысушылар: 7 адам')),
    para('heading', t('Күн тәртібінде:')),
    {
      kind: 'list',
      ordered: true,
      start: 1,
      items: [
        { content: [t('Мектепке дейінгі ұйымдағы мемлекеттік қызмет көрсету сапасы.')] },
        { content: [t('2025-2026 оқу жылына арналған жұмыс жоспары, алға қойылған мақсат-міндеттердің орындалуы')] },
      ],
    },
    para('heading', t('Тыңдалды:')),
    para('body', t('Барлық әріптер: '), t(KAZAKH, { bold: true }), t(' — '), t('Қазақстан', { italic: true }), t(' '), t('Өскемен', { underline: true }), t(', '), t('Үкімет', { bold: true, italic: true }), t('.')),
    ...PROSE.map(body),
    body('Бұл санатқа жататындар:'),
    {
      kind: 'list',
      ordered: false,
      start: 1,
      items: [
        { content: [t('Әскери қызметшілердің және арнаулы мемлекеттік органдар қызметкерлерінің оның ішінде қызмет өткеру уақытында қаза тапқандардың, қайтыс болғандардың немесе хабар-ошарсыз кеткендердің балалары;')] },
        { content: [t('Заңды өкілдері мүгедек болып табылатындардың балалары;')] },
        { content: [t('Жетім балалар;')] },
      ],
    },
    ...PROSE.map(body),
    para('heading', t('Кесте:')),
    {
      kind: 'table',
      columns: [
        { width: 1, align: 'right' },
        { width: 5, align: 'left' },
        { width: 2, align: 'center' },
      ],
      header: [[t('№')], [t('Іс-шара')], [t('Мерзімі')]],
      rows: [
        [[t('1')], [t('Ата-аналар жиналысы')], [t('Қаңтар')]],
        [[t('2')], [t('Үйірмелер есебі')], [t('Ақпан')]],
        [[t('3')], [t('Жылдық жоспар')], [t('Наурыз')]],
      ],
    },
    ...PROSE.map(body),
    para('heading', t('ҚАУЛЫ:')),
    {
      kind: 'list',
      ordered: true,
      start: 1,
      items: [
        { content: [t('Мектепке дейінгі ұйымдағы мемлекеттік қызмет көрсету сапасы туралы ақпарат назарға алынсын.')] },
        { content: [t('«Dara bala.kz» платформасы арқылы жолдама беру тәртібінің ашықтығы мен заңдылығы қамтамасыз етілсін.')] },
        { content: [t('Қабылданған шешімдердің орындалуы бақылауға алынсын.')] },
      ],
    },
    {
      kind: 'signatures',
      rows: [
        { role: [t('Қамқоршылық кеңес'), br, t('төрағасы:')], name: 'Аметов Е.Д' },
        { role: [t('Хатшы:')], name: 'Жұмағалиева Г.Т' },
      ],
    },
  ];
  return { meta: META, blocks };
}

/** The words a reader should copy out of the PDF, list markers included. */
function expectedWords(doc: DocumentModel, bullet: string): string[] {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') out.push(inlineText(b.content));
    else if (b.kind === 'list') b.items.forEach((item, i) => out.push(`${b.ordered ? `${b.start + i}.` : bullet} ${inlineText(item.content)}`));
    else if (b.kind === 'table') for (const row of [...(b.header ? [b.header] : []), ...b.rows]) out.push(row.map(inlineText).join(' '));
    else if (b.kind === 'signatures') for (const r of b.rows) out.push(`${inlineText(r.role)} ${r.name}`);
  }
  return words(out.join(' '));
}

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

/** Page lines without the page number heading pages 2…n. */
function withoutPageNumbers(pages: string[][]): string[][] {
  return pages.map((lines, i) => (i > 0 && lines[0] === String(i + 1) ? lines.slice(1) : lines));
}

function filler(n: number): Paragraph[] {
  return Array.from({ length: n }, (_, i) => para('line', t(`Жол ${i + 1}`)));
}

/** A straight stroke (`x1 y1 m x2 y2 l S`), in pdfkit's coordinates: y from the top of the page. */
interface Stroke {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Every straight stroke in the file's content streams (signing lines, table rules). */
function strokes(bytes: Uint8Array): Stroke[] {
  const raw = Buffer.from(bytes).toString('latin1');
  const out: Stroke[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue; // not a Flate stream
    }
    for (const [, x1, y1, x2, y2] of content.matchAll(/(-?[\d.]+) (-?[\d.]+) m\n(-?[\d.]+) (-?[\d.]+) l\nS/g)) {
      out.push({ x1: Number(x1), y1: Number(y1), x2: Number(x2), y2: Number(y2) });
    }
  }
  return out;
}

let style: StyleProfile;
let fonts: PdfFonts;
let bytes: Uint8Array;

beforeAll(async () => {
  style = loadStyle();
  fonts = loadPdfFonts(style.font.pdf);
  bytes = await writePdf(minutes(), style, fonts);
  // HATTAMA_PDF_SAMPLE=/tmp/sample.pdf keeps the three-page sample for a look with pdftoppm.
  const keep = process.env['HATTAMA_PDF_SAMPLE'];
  if (keep) writeFileSync(keep, bytes);
});

describe('writePdf text', () => {
  it('copies out every word in reading order, list markers included', async () => {
    const pages = withoutPageNumbers(await pdfPages(bytes));
    expect(pages).toHaveLength(3);
    expect(words(pages.flat().join(' '))).toEqual(expectedWords(minutes(), style.lists.bullet));
  });

  it('round-trips each Kazakh letter', async () => {
    const text = (await pdfText(bytes)).replace(/\n/g, ' ');
    expect(text).toContain(`Барлық әріптер: ${KAZAKH} — Қазақстан Өскемен, Үкімет.`);
    for (const ch of KAZAKH) expect(text).toContain(ch);
  });

  it('keeps real space glyphs in justified lines', async () => {
    // Only glyphs count here: pdfjs and pdftotext would invent spaces from gaps.
    const glyphs = (await pdfGlyphRuns(bytes)).map((runs) => runs.join(''));
    const lines = (await pdfPages(bytes)).map((page) => page.filter((l) => l.includes(' ') && PROSE.some((p) => p.includes(l))));
    expect(lines.flat().length).toBeGreaterThan(30);
    lines.forEach((page, i) => {
      for (const line of page) expect(glyphs[i]).toContain(line);
    });
  });

  it('justifies body lines to both margins, indents the first line, leaves the last line ragged', async () => {
    const [page1 = []] = await pdfItems(bytes);
    const left = mmToPt(style.page.marginsMm.left);
    const right = A4_PT.width - mmToPt(style.page.marginsMm.right);
    const indent = mmToPt(style.paragraphs.body.firstLineIndentMm);
    const lineOf = (word: string) => {
      const first = page1.find((i) => i.str.includes(word));
      if (!first) throw new Error(`no item with ${word}`);
      return page1.filter((i) => Math.abs(i.y - first.y) < 1).sort((a, b) => a.x - b.x);
    };
    const firstLine = lineOf('бірінші');
    expect(firstLine[0]?.x).toBeCloseTo(left + indent, 1);
    const end = (items: typeof firstLine) => {
      const last = items[items.length - 1];
      return last ? last.x + last.width : 0;
    };
    expect(end(firstLine)).toBeCloseTo(right, 0);
    const lastLine = lineOf('автоматтандырылған');
    expect(end(lastLine)).toBeLessThan(right - 20);
    expect(lastLine[0]?.x).toBeCloseTo(left, 1);
  });

  it('sets lists with a hanging indent: wrapped lines align with the text, not the marker', async () => {
    const [page1 = []] = await pdfItems(bytes);
    const left = mmToPt(style.page.marginsMm.left);
    const textX = left + mmToPt(style.lists.indentMm);
    const markerX = textX - mmToPt(style.lists.hangingMm);
    const bullet = page1.find((i) => i.str.startsWith(style.lists.bullet));
    expect(bullet?.x).toBeCloseTo(markerX, 1);
    const itemStart = page1.find((i) => i.str.startsWith('Әскери'));
    expect(itemStart?.x).toBeCloseTo(textX, 1);
    // The bullet item wraps: its second line starts at the text, below the first.
    const below = page1
      .filter((i) => itemStart && i.y < itemStart.y - 1 && i.y > itemStart.y - 20)
      .sort((a, b) => a.x - b.x)[0];
    expect(below?.x).toBeCloseTo(textX, 1);
  });

  it('restarts numbering at 1 in every ordered list', async () => {
    const lines = (await pdfPages(bytes)).flat();
    const numbered = lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.split(' ')[0]);
    expect(numbered).toEqual(['1.', '2.', '1.', '2.', '3.']);
  });

  it('numbers a list from its start, the marker column as wide as its largest number', async () => {
    const long = 'Ұзын тармақ, ол бірнеше жолға созылады, өйткені мәтіні бір жолға сыймайды және келесі жолдар мәтінмен бір деңгейде басталуы керек.';
    const doc: DocumentModel = {
      meta: META,
      blocks: [
        { kind: 'list', ordered: true, start: 3, items: [{ content: [t('Үшінші')] }, { content: [t('Төртінші')] }] },
        { kind: 'list', ordered: true, start: 9, items: [{ content: [t('Тоғызыншы')] }, { content: [t(long)] }, { content: [t('Он бірінші')] }] },
        { kind: 'list', ordered: true, start: 998, items: [{ content: [t('Тоғыз жүз тоқсан сегізінші')] }, { content: [t('Тоғыз жүз тоқсан тоғызыншы')] }, { content: [t('Мыңыншы')] }] },
      ],
    };
    const out = await writePdf(doc, style, fonts);
    const lines = (await pdfPages(out))[0] ?? [];
    expect(lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.split(' ')[0])).toEqual(['3.', '4.', '9.', '10.', '11.', '998.', '999.', '1000.']);
    const [items = []] = await pdfItems(out);
    const find = (s: string) => {
      const found = items.find((i) => i.str.startsWith(s));
      if (!found) throw new Error(`no item starting with ${s}`);
      return found;
    };
    const markerX = mmToPt(style.page.marginsMm.left) + mmToPt(style.lists.indentMm) - mmToPt(style.lists.hangingMm);
    const textX = markerX + mmToPt(style.lists.hangingMm);
    for (const m of ['3.', '4.', '9.', '10.', '11.', '998.', '1000.']) expect(find(m).x).toBeCloseTo(markerX, 1);
    // One-digit numbers fit the hanging indent: the text starts where the profile puts it.
    expect(find('Үшінші').x).toBeCloseTo(textX, 1);
    expect(find('Төртінші').x).toBeCloseTo(textX, 1);
    // Wider numbers widen the marker column for the whole list: every item's text and wrapped line at one x, clear of every marker.
    const column = (markers: string[], texts: string[]) => {
      const xs = texts.map((s) => find(s).x);
      for (const x of xs) expect(x).toBeCloseTo(xs[0] ?? NaN, 2);
      for (const m of markers) expect(xs[0]).toBeGreaterThan(find(m).x + find(m).width);
      return xs[0] ?? NaN;
    };
    const nine = column(['9.', '10.', '11.'], ['Тоғызыншы', 'Ұзын', 'Он бірінші']);
    const wrapped = items.filter((i) => i.y < find('Ұзын').y - 1 && i.y > find('Он бірінші').y + 1).sort((a, b) => a.x - b.x)[0];
    expect(wrapped?.x).toBeCloseTo(nine, 2);
    const thousand = column(['998.', '999.', '1000.'], ['Тоғыз жүз тоқсан сегізінші', 'Тоғыз жүз тоқсан тоғызыншы', 'Мыңыншы']);
    expect(nine).toBeGreaterThan(textX);
    expect(thousand).toBeGreaterThan(nine + 10);
  });

  it('keeps each signature column apart: a name too long for one line and long roles wrap in their own column above the signing line', async () => {
    // Wider than the text width less the shortest signing line: only such a name wraps, at its spaces.
    const name = 'Жұмағалиева-Сейітқасымова Гүлнәр Төлегенқызы, мектепке дейінгі ұйымның меңгерушісі';
    const role = 'Қамқоршылық кеңестің хатшысы, мектепке дейінгі ұйымның әдіскері:';
    const doc: DocumentModel = {
      meta: META,
      blocks: [
        para('line', t('Жоғарғы жол')),
        {
          kind: 'signatures',
          rows: [
            { role: [t('Қамқоршылық кеңес төрағасы:')], name },
            { role: [t(role)], name: 'Аметов Е.Д' },
          ],
        },
      ],
    };
    const out = await writePdf(doc, style, fonts);
    const lines = (await pdfPages(out))[0] ?? [];
    expect(lines.join('\n')).not.toContain('төрағасыЖұмағалиева');
    expect(words(lines.join(' ')).sort()).toEqual(words(`Жоғарғы жол ${name} Қамқоршылық кеңес төрағасы: ${role} Аметов Е.Д`).sort());
    expect(lines.at(-1)).toBe('әдіскері: Аметов Е.Д');

    const left = mmToPt(style.page.marginsMm.left);
    const width = A4_PT.width - left - mmToPt(style.page.marginsMm.right);
    const right = left + width;
    // One full signing line per row, the same for both rows; the long name left it its shortest length.
    const drawn = strokes(out);
    expect(drawn).toHaveLength(2);
    const lineStart = drawn[0]?.x1 ?? NaN;
    const lineEnd = drawn[0]?.x2 ?? NaN;
    expect(lineEnd - lineStart).toBeCloseTo(MIN_SIGNING_LINE_PT, 1);
    const [items = []] = await pdfItems(out);
    // pdfjs adds blank items for the gaps it sees; only text counts here.
    const texts = items.filter((i) => i.str.trim() !== '' && i.str !== 'Жоғарғы жол');
    const nameItems = texts.filter((i) => i.x > lineStart && i.str.trim() !== 'Аметов Е.Д');
    const roleItems = texts.filter((i) => i.x < lineStart);
    // Every piece of text is in one of the two columns (nothing straddles the line).
    expect(nameItems.map((i) => i.str.trim()).join(' ')).toBe(name);
    for (const i of nameItems) {
      expect(i.x).toBeGreaterThanOrEqual(lineEnd + SIGNATURE_GUTTER_PT - 0.5);
      expect(i.x + i.width).toBeCloseTo(right, 0);
    }
    expect(words(roleItems.map((i) => i.str).join(' '))).toEqual(words(`Қамқоршылық кеңес төрағасы: ${role}`));
    for (const i of roleItems) expect(i.x + i.width).toBeLessThanOrEqual(lineStart - SIGNATURE_GUTTER_PT + 0.5);

    // The name wraps upwards: its last line shares the role's baseline, the row grew to hold the rest.
    const nameLines = [...new Set(nameItems.map((i) => Math.round(i.y * 100) / 100))].sort((a, b) => b - a);
    expect(nameLines.length).toBeGreaterThan(1);
    const chairY = items.find((i) => i.str.includes('төрағасы:'))?.y ?? NaN;
    expect(nameLines.at(-1)).toBeCloseTo(chairY, 2);
    const lineHeight = ((fonts.regular.ascent - fonts.regular.descent + fonts.regular.lineGap) / fonts.regular.unitsPerEm) * style.font.sizePt;
    const above = items.find((i) => i.str === 'Жоғарғы жол')?.y ?? NaN;
    const rowTop = Math.max(...texts.map((i) => i.y));
    expect(above - rowTop).toBeCloseTo(lineHeight + style.paragraphs.line.spaceAfterPt + style.signatures.spaceBeforePt, 1);

    // The long role wraps in its column; the name sits on its last line.
    const roleLast = roleItems.filter((i) => i.y < chairY - 1).sort((a, b) => a.y - b.y)[0];
    const ametov = items.find((i) => i.str.trim() === 'Аметов Е.Д');
    expect(ametov?.y).toBeCloseTo(roleLast?.y ?? NaN, 2);
    expect(ametov && ametov.x + ametov.width).toBeCloseTo(right, 0);

    drawn.forEach((s, r) => {
      expect(s.x1).toBeCloseTo(lineStart, 1);
      expect(s.x2).toBeCloseTo(lineEnd, 1);
      expect(s.y1).toBe(s.y2);
      const baseline = A4_PT.height - (r === 0 ? chairY : (ametov?.y ?? NaN));
      expect(s.y1 - baseline).toBeGreaterThan(0);
      expect(s.y1 - baseline).toBeLessThan(4);
    });
  });

  it('draws signature lines as strokes, names on the baseline of the role’s last line', async () => {
    const lines = (await pdfPages(bytes)).flat();
    expect(lines).toContain('Қамқоршылық кеңес');
    expect(lines).toContain('төрағасы: Аметов Е.Д');
    expect(lines).toContain('Хатшы: Жұмағалиева Г.Т');
    expect(lines.join('\n')).not.toMatch(/_/);
  });
});

describe('writePdf pages', () => {
  it('numbers pages 2 and 3 at the top, not page 1', async () => {
    const pages = await pdfPages(bytes);
    expect(pages).toHaveLength(3);
    expect(pages[0]).not.toContain('1');
    expect(pages[1]?.[0]).toBe('2');
    expect(pages[2]?.[0]).toBe('3');
    const items = await pdfItems(bytes);
    const two = items[1]?.filter((i) => i.str === '2').sort((a, b) => b.y - a.y)[0];
    // In the top margin, centred on the text column.
    expect(two?.y).toBeGreaterThan(A4_PT.height - mmToPt(style.page.marginsMm.top));
    const centre = mmToPt(style.page.marginsMm.left) + (A4_PT.width - mmToPt(style.page.marginsMm.left) - mmToPt(style.page.marginsMm.right)) / 2;
    expect((two?.x ?? 0) + (two?.width ?? 0) / 2).toBeCloseTo(centre, 0);
  });

  it('puts no number on a one-page document', async () => {
    const one = await writePdf({ meta: META, blocks: [para('title', t('Хаттама')), body(PROSE[0] ?? '')] }, style, fonts);
    const pages = await pdfPages(one);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.some((l) => /^\d+$/.test(l))).toBe(false);
  });

  it('starts a new page at a page break', async () => {
    const doc: DocumentModel = { meta: META, blocks: [body('Бірінші бет'), { kind: 'pageBreak' }, body('Екінші бет')] };
    const pages = await pdfPages(await writePdf(doc, style, fonts));
    expect(pages).toEqual([['Бірінші бет'], ['2', 'Екінші бет']]);
  });

  it('never leaves a heading as the last line of a page', async () => {
    const size = style.font.sizePt;
    const ascent = (fonts.regular.ascent / fonts.regular.unitsPerEm) * size;
    const bottom = mmToPt(style.page.marginsMm.bottom);
    let moved = 0;
    // Filler lines (3 pt apart) fill page 1 at about 38.
    for (let n = 31; n <= 41; n++) {
      const doc: DocumentModel = { meta: META, blocks: [...filler(n), para('heading', t('Тыңдалды:')), body(PROSE[0] ?? '')] };
      const out = await writePdf(doc, style, fonts);
      const pages = withoutPageNumbers(await pdfPages(out));
      for (const page of pages.slice(0, -1)) expect(page[page.length - 1]).not.toBe('Тыңдалды:');
      const [p1 = []] = await pdfItems(out);
      const y = (s: string) => p1.find((i) => i.str === s)?.y;
      const last = y(`Жол ${n}`);
      const lh = (y('Жол 1') ?? 0) - (y('Жол 2') ?? 0);
      if (last === undefined || pages[1]?.[0] !== 'Тыңдалды:') continue;
      // Room left under the last filler line: enough for the heading alone, so keep-with-next moved it.
      const room = last - (lh - ascent) - bottom;
      if (room >= style.paragraphs.heading.spaceBeforePt + lh) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('keeps the signature block on one page', async () => {
    let split = 0;
    for (let n = 36; n <= 46; n++) {
      const doc: DocumentModel = { meta: META, blocks: [...filler(n), minutes().blocks.at(-1) as Block] };
      const pages = await pdfPages(await writePdf(doc, style, fonts));
      const where = (s: string) => pages.findIndex((p) => p.some((l) => l.includes(s)));
      expect(where('Аметов')).toBe(where('Жұмағалиева'));
      expect(where('Қамқоршылық кеңес')).toBe(where('Жұмағалиева'));
      if (where('Аметов') === 1) split++;
    }
    expect(split).toBeGreaterThan(0);
  });

  it('keeps a signature block with wrapped names on one page, inside the margins', async () => {
    const block: Block = {
      kind: 'signatures',
      rows: [
        { role: [t('Қамқоршылық кеңес'), br, t('төрағасы:')], name: 'Жұмағалиева-Сейітқасымова Гүлнар Төлегенқызы, мектепке дейінгі ұйымның меңгерушісі' },
        { role: [t('Хатшы:')], name: 'Аметов Е.Д' },
      ],
    };
    const bottom = mmToPt(style.page.marginsMm.bottom);
    let moved = 0;
    for (let n = 34; n <= 44; n++) {
      const out = await writePdf({ meta: META, blocks: [...filler(n), block] }, style, fonts);
      const pages = await pdfPages(out);
      const where = (s: string) => pages.findIndex((p) => p.some((l) => l.includes(s)));
      for (const s of ['Жұмағалиева', 'Гүлнар', 'Қамқоршылық', 'төрағасы:', 'Хатшы:']) expect(where(s)).toBe(where('Аметов'));
      for (const page of await pdfItems(out)) for (const i of page) expect(i.y).toBeGreaterThan(bottom);
      if (where('Жұмағалиева') === 1) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('moves whole table rows and repeats the header on the next page', async () => {
    // Two-line rows: a row split across pages would leave "екінші жол" at the top of a page.
    const rows = Array.from({ length: 40 }, (_, i) => [[t(String(i + 1))], [t(`Іс-шара ${i + 1}`), br, t('екінші жол')], [t('Қаңтар')]]);
    const doc: DocumentModel = {
      meta: META,
      blocks: [
        body('Кесте алдындағы мәтін.'),
        {
          kind: 'table',
          columns: [
            { width: 1, align: 'right' },
            { width: 5, align: 'left' },
            { width: 2, align: 'center' },
          ],
          header: [[t('№')], [t('Іс-шара')], [t('Мерзімі')]],
          rows,
        },
      ],
    };
    const pages = withoutPageNumbers(await pdfPages(await writePdf(doc, style, fonts)));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      const table = i === 0 ? page.slice(1) : page;
      expect(table[0]).toBe('№ Іс-шара Мерзімі');
      expect(table[1]).toMatch(/^\d+ Іс-шара \d+ Қаңтар$/);
      expect(table[table.length - 1]).toBe('екінші жол');
    });
    const cells = pages.flatMap((p, i) => p.slice(i === 0 ? 2 : 1));
    expect(cells).toEqual(rows.flatMap((_, i) => [`${i + 1} Іс-шара ${i + 1} Қаңтар`, 'екінші жол']));
  });

  it('never leaves a table header without a row under it', async () => {
    let moved = 0;
    for (let n = 33; n <= 39; n++) {
      const table = minutes().blocks.find((b) => b.kind === 'table') as Block;
      const pages = withoutPageNumbers(await pdfPages(await writePdf({ meta: META, blocks: [...filler(n), table] }, style, fonts)));
      for (const page of pages) expect(page[page.length - 1]).not.toBe('№ Іс-шара Мерзімі');
      if (pages[1]?.[0] === '№ Іс-шара Мерзімі') moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('applies widow and orphan control to long paragraphs', async () => {
    const long = [PROSE[0], PROSE[2], PROSE[3]].join(' ');
    let splits = 0;
    for (let n = 26; n <= 46; n++) {
      const doc: DocumentModel = { meta: META, blocks: [...filler(n), body(long), body('Соңы.')] };
      const pages = withoutPageNumbers(await pdfPages(await writePdf(doc, style, fonts)));
      const onFirst = (pages[0] ?? []).filter((l) => !l.startsWith('Жол ')).length;
      const onSecond = (pages[1] ?? []).filter((l) => l !== 'Соңы.' && !l.startsWith('Жол ')).length;
      if (onFirst > 0 && onSecond > 0) {
        splits++;
        expect(onFirst).toBeGreaterThanOrEqual(2);
        expect(onSecond).toBeGreaterThanOrEqual(2);
      }
    }
    expect(splits).toBeGreaterThan(0);
  });
});

describe('writePdf edge cases', () => {
  it('cuts a word longer than a line instead of running into the margin', async () => {
    const long = 'https://example.kz/' + 'әріп'.repeat(60);
    const out = await writePdf({ meta: META, blocks: [body(`Сілтеме: ${long} соңы.`)] }, style, fonts);
    const right = A4_PT.width - mmToPt(style.page.marginsMm.right);
    const [items = []] = await pdfItems(out);
    for (const i of items) expect(i.x + i.width).toBeLessThanOrEqual(right + 0.5);
    const lines = (await pdfPages(out))[0] ?? [];
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('').replace(/\s/g, '')).toBe(`Сілтеме:${long}соңы.`);
  });

  it('keeps two-digit list markers clear of the item text', async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ content: [t(`Тармақ ${i + 1}`)] }));
    const out = await writePdf({ meta: META, blocks: [{ kind: 'list', ordered: true, start: 1, items }] }, style, fonts);
    const [page = []] = await pdfItems(out);
    const marker = page.find((i) => i.str.startsWith('10.'));
    const text = page.find((i) => i.str.startsWith('Тармақ 10') && marker && Math.abs(i.y - marker.y) < 1);
    expect(marker && text && text.x).toBeGreaterThan((marker?.x ?? 0) + (marker?.width ?? 0));
    expect(await pdfText(out)).toContain('12. Тармақ 12');
  });

  it('copies out letters whose glyphs other documents reached differently', async () => {
    // Cyrillic р and х are composites of Latin p and x; Tinos draws ә and Latin ə with one glyph,
    // space and no-break space with another. Fonts are shared between documents, so earlier
    // documents must not decide how these copy out in later ones.
    const one = (text: string) => writePdf({ meta: META, blocks: [body(text)] }, style, fonts);
    await one('рахмет хат');
    await one('Əliyev ə');
    // Within one document the glyph maps to one text: a no-break space first must not turn later spaces into it.
    const nbsp = await one('№\u00a02 хаттама жасалды');
    expect(((await pdfGlyphRuns(nbsp))[0] ?? []).join('')).toBe('№ 2 хаттама жасалды');
    const out = await one('expo paxta әже Әсел № 3');
    expect(((await pdfGlyphRuns(out))[0] ?? []).join('')).toBe('expo paxta әже Әсел № 3');
  });

  it('renders an empty document as one blank page', async () => {
    const out = await writePdf({ meta: META, blocks: [] }, style, fonts);
    expect(await pdfPages(out)).toEqual([[]]);
  });
});

describe('writePdf missing glyphs', () => {
  /** Uses every kind of text drawing: paragraphs in two faces, list items, table cells, signatures. */
  const withSymbols = (): DocumentModel => ({
    meta: META,
    blocks: [
      body('Тексерілді ✓ 😀 және тағы ✓.'),
      para('heading', t('Бөлім ✓\uFE0F ★')),
      { kind: 'list', ordered: false, start: 1, items: [{ content: [t('Күлкі 😀, бос\u3000орын, қоңырау\u0007.')] }] },
      { kind: 'table', columns: [{ width: 1, align: 'left' }], header: null, rows: [[[t('☐ белгісіз')]]] },
      { kind: 'signatures', rows: [{ role: [t('Хатшы ☎:')], name: 'Аметов Е.Д ✓' }] },
    ],
  });

  it('reports each character the font has no glyph for once, in order of first use', async () => {
    const seen: string[] = [];
    const out = await writePdf(withSymbols(), style, { fonts, onMissingGlyph: (c) => seen.push(c) });
    // Not the variation selector after ✓, the ideographic space or the control character.
    expect(seen).toEqual(['✓', '😀', '★', '☐', '☎']);
    // What is reported is what a reader loses: the boxes copy out as nothing.
    const text = await pdfText(out);
    for (const c of seen) expect(text).not.toContain(c);
    expect(text).toContain('Тексерілді');
  });

  it('reports nothing and changes no byte when the font covers the text', async () => {
    const seen: string[] = [];
    const out = await writePdf(minutes(), style, { fonts, onMissingGlyph: (c) => seen.push(c) });
    expect(seen).toEqual([]);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
    // With symbols too, the reporter does not change the file.
    const quiet = await writePdf(withSymbols(), style, fonts);
    const reported = await writePdf(withSymbols(), style, { fonts, onMissingGlyph: () => {} });
    expect(Buffer.from(reported).equals(Buffer.from(quiet))).toBe(true);
  });

  it('rejects with the reporter’s error when it throws', async () => {
    const fail = (c: string): never => {
      throw new Error(`no glyph for ${c}`);
    };
    await expect(writePdf(withSymbols(), style, { fonts, onMissingGlyph: fail })).rejects.toThrow('no glyph for ✓');
  });
});

describe('writePdf file', () => {
  it('embeds only the Tinos subsets, never a built-in font', () => {
    const raw = Buffer.from(bytes).toString('latin1');
    const baseFonts = [...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1] ?? '');
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const name of baseFonts) expect(name).toMatch(/^[A-Z]{6}\+Tinos-/);
    expect(new Set(baseFonts.map((n) => n.split('+')[1]))).toEqual(
      new Set(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-BoldItalic']),
    );
    expect(raw.match(/\/FontFile2/g)?.length).toBe(4);
    expect(raw).not.toMatch(/Helvetica|\/Subtype \/Type1/);
  });

  it('writes Title, Author, Subject, Lang and the meeting date as metadata', async () => {
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    const info = (await pdf.getMetadata()).info as unknown as Record<string, unknown>;
    await pdf.destroy();
    expect(info['Title']).toBe(META.title);
    expect(info['Author']).toBe(META.author);
    expect(info['Subject']).toBe(META.subject);
    expect(info['Language']).toBe('kk-KZ');
    expect(info['PDFFormatVersion']).toBe('1.7');
    expect(info['CreationDate']).toBe('D:20251225000000Z');
    expect(info['ModDate']).toBe('D:20251225000000Z');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/DisplayDocTitle true');
  });

  it('writes well-formed XMP although the title has & and <', () => {
    const raw = Buffer.from(bytes).toString('utf8');
    const xmp = raw.slice(raw.indexOf('<?xpacket begin'), raw.indexOf('<?xpacket end="w"?>') + '<?xpacket end="w"?>'.length);
    expect(xmp.length).toBeGreaterThan(100);
    const parser = new SaxesParser();
    let title = '';
    let inTitle = false;
    let inLi = false;
    parser.on('opentag', (tag) => {
      if (tag.name === 'dc:title') inTitle = true;
      if (inTitle && tag.name === 'rdf:li') inLi = true;
    });
    parser.on('closetag', (tag) => {
      if (tag.name === 'dc:title') inTitle = false;
      if (tag.name === 'rdf:li') inLi = false;
    });
    parser.on('text', (text) => {
      if (inLi) title += text;
    });
    parser.write(xmp).close(); // throws on malformed XML
    expect(title).toBe(META.title);
  });

  it('is byte-identical across runs and time zones', async () => {
    const saved = process.env['TZ'];
    try {
      process.env['TZ'] = 'Asia/Almaty';
      const a = await writePdf(minutes(), style, fonts);
      process.env['TZ'] = 'America/Los_Angeles';
      const b = await writePdf(minutes(), style, fonts);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect(Buffer.from(a).equals(Buffer.from(bytes))).toBe(true);
      // And the date really is in the file: another date, other bytes.
      const c = await writePdf({ ...minutes(), meta: { ...META, date: new Date('2026-01-05T00:00:00Z') } }, style, fonts);
      expect(Buffer.from(c).equals(Buffer.from(a))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('loads each font file once per process', () => {
    expect(loadPdfFonts(style.font.pdf).regular).toBe(fonts.regular);
    expect(loadPdfFonts(style.font.pdf).boldItalic).toBe(fonts.boldItalic);
  });

  it('rejects an invalid date instead of writing a broken file', async () => {
    await expect(writePdf({ meta: { ...META, date: new Date('x') }, blocks: [] }, style, fonts)).rejects.toThrow(/meta\.date/);
  });
});
