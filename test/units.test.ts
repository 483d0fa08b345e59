/** Small pieces of the pipeline, each on its own. */
import { describe, expect, it } from 'vitest';
import { parseRichText, richTextMarkup } from '../src/template/rich-text.js';
import { parseMarkup, MarkupError } from '../src/document/markup.js';
import { closest } from '../src/util/suggest.js';
import { isRealDate } from '../src/util/dates.js';
import { documentDate } from '../src/render/render.js';

describe('record text', () => {
  it('splits paragraphs on blank lines and joins wrapped lines', () => {
    expect(parseRichText('Бір\nекі.\n\nҮш.')).toEqual([
      { kind: 'paragraph', text: 'Бір екі.' },
      { kind: 'paragraph', text: 'Үш.' },
    ]);
  });
  it('reads bulleted and numbered lists, with indented continuation lines', () => {
    expect(parseRichText('Тізім:\n- а\n- ә\n  жалғасы\n1. б\n2) в')).toEqual([
      { kind: 'paragraph', text: 'Тізім:' },
      { kind: 'list', ordered: false, start: 1, items: ['а', 'ә жалғасы'] },
      { kind: 'list', ordered: true, start: 1, items: ['б', 'в'] },
    ]);
  });
  it('keeps the numbering the secretary wrote', () => {
    expect(parseRichText('1. бір\n\nАбзац.\n\n2. екі\n3. үш').map((b) => (b.kind === 'list' ? b.start : 0))).toEqual([1, 0, 2]);
    expect(richTextMarkup('3. үш')).toBe('<list type="number" start="3"><item>үш</item></list>');
  });
  it('reads a wrapped line that starts with a dash as prose, not a bullet', () => {
    expect(parseRichText('Жоспар орындалды, бірақ\n– биылғы жылы кейбір іс-шаралар кешікті.')).toEqual([
      { kind: 'paragraph', text: 'Жоспар орындалды, бірақ – биылғы жылы кейбір іс-шаралар кешікті.' },
    ]);
    expect(parseRichText('Санаттар:\n– бірінші;\n– екінші.')).toEqual([
      { kind: 'paragraph', text: 'Санаттар:' },
      { kind: 'list', ordered: false, start: 1, items: ['бірінші;', 'екінші.'] },
    ]);
  });
  it('escapes text and opens with a bold lead', () => {
    expect(richTextMarkup('a <b> & "c"', 'Аметов Е.Д:')).toBe('<p><b>Аметов Е.Д:</b> a &lt;b&gt; &amp; &quot;c&quot;</p>');
  });
});

describe('markup', () => {
  const doc = (body: string): string => `<document lang="kk-KZ" title="T" author="A">${body}</document>`;
  it('collapses whitespace and keeps emphasis runs apart', () => {
    const d = parseMarkup(doc('<p>  Бір   <b>екі</b>\n  үш <i>төрт</i> </p>'));
    expect(d.blocks).toEqual([
      {
        kind: 'paragraph',
        role: 'body',
        content: [
          { kind: 'text', text: 'Бір ' },
          { kind: 'text', text: 'екі', bold: true },
          { kind: 'text', text: ' үш ' },
          { kind: 'text', text: 'төрт', italic: true },
        ],
      },
    ]);
    expect(d.meta).toMatchObject({ title: 'T', author: 'A', lang: 'kk-KZ' });
  });
  it('drops empty paragraphs and lists', () => {
    expect(parseMarkup(doc('<p> </p><list type="number"></list><line>x</line>')).blocks).toHaveLength(1);
  });
  it('builds tables with a header row and checks cell counts', () => {
    const t = parseMarkup(doc('<table><col width="2"/><col align="right"/><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>'));
    expect(t.blocks[0]).toMatchObject({ kind: 'table', columns: [{ width: 2, align: 'left' }, { width: 1, align: 'right' }], rows: [[[{ text: '1' }], [{ text: '2' }]]] });
    expect(() => parseMarkup(doc('<table><col/><tr><td>1</td><td>2</td></tr></table>'))).toThrow(/2 cells but the table declares 1/);
    // A width that is not a finite share would make the column's width NaN in the PDF.
    for (const w of ['0', '-1', 'x', '1e999', 'Infinity', '1000001']) {
      expect(() => parseMarkup(doc(`<table><col width="${w}"/><tr><td>1</td></tr></table>`)), w).toThrow(`<col width="${w}"> must be a positive number, at most 1000000`);
    }
    expect(parseMarkup(doc('<table><col width="1000000"/><col width="0.5"/><tr><td>1</td><td>2</td></tr></table>')).blocks[0]).toMatchObject({ columns: [{ width: 1e6 }, { width: 0.5 }] });
  });
  it('names the place of a problem', () => {
    try {
      parseMarkup(doc('\n<list type="roman"><item>x</item></list>'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MarkupError);
      expect((e as MarkupError).message).toBe('<list type="roman"> must be type="bullet" or type="number"');
      expect((e as MarkupError).line).toBe(2);
    }
    expect(() => parseMarkup(doc('<p><p>x</p></p>'))).toThrow(/<p> cannot stand inside text/);
    expect(() => parseMarkup(doc('loose text'))).toThrow(/must be inside a paragraph element/);
  });
});

describe('helpers', () => {
  it('suggests close keys only', () => {
    expect(closest('secretery', ['chair', 'secretary'])).toBe('secretary');
    expect(closest('zzz', ['chair', 'secretary'])).toBeUndefined();
  });
  it('knows real dates', () => {
    expect(['2024-02-29', '2025-12-31'].map(isRealDate)).toEqual([true, true]);
    expect(['2025-02-29', '2025-04-31', '2025-13-01', '25.12.2025'].map(isRealDate)).toEqual([false, false, false, false]);
  });
  it('stamps documents with SOURCE_DATE_EPOCH or the meeting date, never the clock', () => {
    expect(documentDate('2025-12-25', {}).toISOString()).toBe('2025-12-25T00:00:00.000Z');
    expect(documentDate('2025-12-25', { SOURCE_DATE_EPOCH: '1767225600' }).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
