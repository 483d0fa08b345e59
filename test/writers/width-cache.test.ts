/** The PDF writer's width cache is bounded by size, not only by the number of texts. */
import { describe, expect, it } from 'vitest';
import { advanceOf, widthCacheUse, WIDTH_CACHE_MAX_LENGTH } from '../../src/writers/pdf/faces.js';

/** A font handle whose advance is the text's length, counting how often it is asked. */
function fakeFont() {
  const handle = {
    font: {},
    calls: 0,
    layout(text: string): { glyphs: null; advanceWidth: number } {
      handle.calls++;
      return { glyphs: null, advanceWidth: text.length * 500 };
    },
  };
  return handle;
}

describe('advanceOf', () => {
  it('remembers words, but not long texts: the cache holds at most 64 units per text', () => {
    const f = fakeFont();
    expect(advanceOf(f as never, 'Хаттама')).toBe(3500);
    expect(advanceOf(f as never, 'Хаттама')).toBe(3500);
    expect(f.calls).toBe(1);
    const paragraph = 'Тыңдалды: '.repeat(400);
    for (let i = 0; i < 50; i++) expect(advanceOf(f as never, `${paragraph}${i}`)).toBe((paragraph.length + String(i).length) * 500);
    expect(f.calls).toBe(51);
    const use = widthCacheUse(f.font);
    expect(use.texts).toBe(1);
    expect(use.length).toBeLessThanOrEqual(WIDTH_CACHE_MAX_LENGTH);
  });
});
