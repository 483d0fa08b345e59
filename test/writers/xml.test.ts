import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { escapeXml, removeXmlForbidden } from '../../src/util/xml.js';

/** Text and the one attribute of `<r a="…">…</r>`, as an XML parser reads them back. */
function parse(xml: string): { text: string; attr: string } {
  const parser = new SaxesParser();
  let text = '';
  let attr = '';
  parser.on('opentag', (tag) => {
    attr = String(tag.attributes['a'] ?? '');
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.write(xml).close(); // throws on malformed XML
  return { text, attr };
}

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`Tom & "Jerry" <3 'x' >`)).toBe('Tom &amp; &quot;Jerry&quot; &lt;3 &apos;x&apos; &gt;');
    // Text, not markup: an entity in the input is escaped too.
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('leaves other text alone, Kazakh, emoji, tab and newlines included', () => {
    const text = '№1 «Еркетай» ӘәҒғҚқҢңӨөҰұҮүҺһІі 😀\ta\nb\rc';
    expect(escapeXml(text)).toBe(text);
  });

  it('drops the characters XML 1.0 forbids, unpaired surrogates included', () => {
    expect(escapeXml('\u0000a\u0008b\u000Bc\u000Cd\u000Ee\u001Ff\uFFFEg\uFFFFh')).toBe('abcdefgh');
    expect(escapeXml('x\uD800y\uDC00z\uD83D\uDE00')).toBe('xyz😀');
  });

  it('gives text that parses back to the input, minus forbidden characters, as content and as attribute', () => {
    const input = `a & b < c > d " e ' f \u0001 g \uFFFF h`;
    const safe = escapeXml(input);
    const { text, attr } = parse(`<r a="${safe}">${safe}</r>`);
    expect(text).toBe(`a & b < c > d " e ' f  g  h`);
    expect(attr).toBe(text);
    expect(parse(`<r a='${safe}'/>`).attr).toBe(text);
  });
});

describe('removeXmlForbidden', () => {
  it('drops forbidden characters and escapes nothing', () => {
    expect(removeXmlForbidden('a\u0007&<b>"\uD800')).toBe('a&<b>"');
  });
});
