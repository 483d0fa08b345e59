/** The build's pool of kept texts: equal strings become one, values are otherwise unchanged. */
import { describe, expect, it } from 'vitest';
import { StringPool } from '../src/archive/string-pool.js';

describe('StringPool', () => {
  // JavaScript cannot tell two equal strings apart: what shows that they became one is the count.
  it('keeps one copy of equal texts and gives back an equal text', () => {
    const pool = new StringPool();
    const a = ['Аметов', 'Е.Д'].join(' ');
    const b = ['Аметов Е', '.Д'].join('');
    expect(pool.text(a)).toBe(a);
    expect(pool.text(b)).toBe(a);
    expect(pool.size).toBe(1);
  });

  it('shares the strings of plain objects and arrays at any depth, leaving everything else as it was', () => {
    const pool = new StringPool();
    const date = new Date(0);
    const frozen = Object.freeze({ name: 'x' });
    const one = { title: 'a', n: 1, ok: true, none: null, gone: undefined, list: ['a', 'b', { deep: 'b' }], date, frozen };
    const two = JSON.parse(JSON.stringify({ title: 'a', list: ['b'] })) as { title: string; list: string[] };
    const before = structuredClone({ ...one, date: undefined, frozen: undefined });
    expect(pool.share(one)).toBe(one);
    pool.share(two);
    expect({ ...one, date: undefined, frozen: undefined }).toEqual(before);
    expect(one.date).toBe(date);
    expect(one.frozen).toBe(frozen);
    expect(pool.size).toBe(2);
    expect(pool.share('a')).toBe('a');
    expect(pool.share(7)).toBe(7);
  });
});
