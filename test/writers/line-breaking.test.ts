/**
 * The line breaker's sums: totalFit and greedy grow each line's width one
 * word at a time instead of summing every candidate line afresh. The float
 * must come out the same to the last bit (a break chosen differently changes
 * a document's bytes), so both are checked here against the plain sums they
 * replaced, on random words and widths, line for line.
 */
import { describe, expect, it } from 'vitest';
import { greedy, Spans, totalFit, type Segment, type Line } from '../../src/writers/pdf/line-breaking.js';

const EPSILON = 0.01;

// The sums as they were written first: every candidate line summed from its first word.
function naturalWidth(seg: Segment, i: number, j: number): number {
  let w = 0;
  for (let k = i; k < j; k++) {
    w += seg.words[k]?.width ?? 0;
    if (k > i) w += seg.gaps[k - 1]?.width ?? 0;
  }
  return w;
}
const lineOf = (seg: Segment, i: number, j: number, last: boolean): Line => ({ words: seg.words.slice(i, j), gaps: seg.gaps.slice(i, j - 1), width: naturalWidth(seg, i, j), last });
function greedyPlain(seg: Segment, avail: (line: number) => number): Line[] {
  const lines: Line[] = [];
  let i = 0;
  while (i < seg.words.length) {
    let j = i + 1;
    while (j < seg.words.length && naturalWidth(seg, i, j + 1) <= avail(lines.length) + EPSILON) j++;
    lines.push(lineOf(seg, i, j, j === seg.words.length && seg.last));
    i = j;
  }
  return lines;
}
function demeritsPlain(seg: Segment, i: number, j: number, slack: number, last: boolean): number {
  if (last) return 100;
  const stretch = naturalWidth(seg, i, j) - seg.words.slice(i, j).reduce((w, word) => w + word.width, 0);
  return (10 + 100 * (slack / Math.max(stretch, 1)) ** 3) ** 2;
}
function totalFitPlain(seg: Segment, avail: (line: number) => number): Line[] {
  const n = seg.words.length;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(0);
  cost[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const width = avail(i === 0 ? 0 : 1);
      const natural = naturalWidth(seg, i, j);
      if (natural > width + EPSILON && i < j - 1) break;
      const before = cost[i]!;
      if (before === Infinity) continue;
      const c = before + demeritsPlain(seg, i, j, width - natural, j === n);
      if (c < cost[j]!) {
        cost[j] = c;
        from[j] = i;
      }
    }
  }
  const breaks: number[] = [];
  for (let j = n; j > 0; j = from[j]!) breaks.unshift(j);
  let i = 0;
  return breaks.map((j) => {
    const line = lineOf(seg, i, j, j === n && seg.last);
    i = j;
    return line;
  });
}

/** A small deterministic generator (mulberry32), so a failure names its case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function segment(next: () => number): Segment {
  const n = 1 + Math.floor(next() * 70);
  // Widths as a font gives them: advances in 1/1000 em times a size, rarely round numbers.
  const size = [10, 11, 12, 13.5, 14][Math.floor(next() * 5)]!;
  const word = () => ({ fragments: [], width: (Math.floor(next() * 9000) + 300) * (size / 1000) });
  const gap = () => ({ face: 'regular' as const, underline: false, width: next() < 0.9 ? 250 * (size / 1000) : 0 });
  const words = Array.from({ length: n }, word);
  // Now and then the same word over and over: equal candidate lines, where a rounding difference would show as a tie broken the other way.
  if (next() < 0.2) words.fill(words[0]!);
  return { words, gaps: Array.from({ length: n - 1 }, gap), last: next() < 0.8 };
}

describe('line breaking', () => {
  it('breaks and measures every line exactly as summing each candidate line afresh did', () => {
    const next = random(20261201);
    for (let c = 0; c < 1500; c++) {
      const seg = segment(next);
      const first = 60 + next() * 400;
      const rest = next() < 0.5 ? first : 60 + next() * 400;
      const avail = (line: number): number => (line === 0 ? first : rest);
      expect(totalFit(seg, avail), `case ${c}: total fit`).toEqual(totalFitPlain(seg, avail));
      expect(greedy(seg, avail), `case ${c}: greedy`).toEqual(greedyPlain(seg, avail));
    }
  });

  it('sums each candidate line to the same float, bit for bit, as summing it afresh', () => {
    const next = random(7);
    let sums = 0;
    const wrong: string[] = [];
    for (let c = 0; c < 300; c++) {
      const seg = segment(next);
      const spans = new Spans(seg);
      for (let j = 1; j <= seg.words.length; j++) {
        for (let i = 0; i < j; i++) {
          const natural = naturalWidth(seg, i, j);
          const stretch = natural - seg.words.slice(i, j).reduce((w, word) => w + word.width, 0);
          if (!Object.is(spans.naturalWidth(i, j), natural) || !Object.is(spans.stretch(i, j), stretch)) wrong.push(`case ${c}: words ${i}–${j}`);
          sums++;
        }
      }
    }
    expect(sums).toBeGreaterThan(100_000);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('treats a line exactly at the limit, and a width that is not a number, as summing afresh did', () => {
    const next = random(11);
    for (let c = 0; c < 300; c++) {
      const seg = segment(next);
      // Widths where a candidate line ends exactly at the limit (its width minus the tolerance): "fits" must not become "does not".
      const k = 1 + Math.floor(next() * Math.max(1, seg.words.length - 1));
      const exact = naturalWidth(seg, 0, Math.min(k + 1, seg.words.length)) - EPSILON;
      for (const width of [exact, NaN, Infinity, 0]) {
        const avail = (): number => width;
        expect(greedy(seg, avail), `case ${c}: greedy at ${width}`).toEqual(greedyPlain(seg, avail));
        expect(totalFit(seg, avail), `case ${c}: total fit at ${width}`).toEqual(totalFitPlain(seg, avail));
      }
    }
  });

  it('sets a paragraph of repeated words on lines of equal width the same way', () => {
    const w = { fragments: [], width: 31.337 };
    const seg: Segment = { words: Array.from({ length: 40 }, () => w), gaps: Array.from({ length: 39 }, () => ({ face: 'regular' as const, underline: false, width: 3 })), last: true };
    const lines = totalFit(seg, () => 200);
    expect(lines.map((l) => l.words.length)).toEqual(totalFitPlain(seg, () => 200).map((l) => l.words.length));
    expect(lines.every((l) => l.width <= 200 + EPSILON)).toBe(true);
  });
});
