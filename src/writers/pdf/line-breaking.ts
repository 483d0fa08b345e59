/**
 * Breaks inline content into lines: greedy first fit, breaking only at
 * spaces and forced breaks (no hyphenation, so words copy out whole).
 * A word wider than the whole line is cut between characters as a last resort.
 */
import type { Inline } from '../../document/blocks.js';
import { faceOf, type FaceKey } from './fonts.js';
import type { Faces } from './faces.js';

/** A piece of a word in one face. */
export interface Fragment {
  readonly face: FaceKey;
  readonly text: string;
  readonly underline: boolean;
  readonly width: number;
}

/** Text between two break opportunities; its fragments differ in face or underline. */
export interface Word {
  readonly fragments: readonly Fragment[];
  readonly width: number;
}

/** The space between two words on a line (drawn as a real space glyph). */
export interface Gap {
  readonly face: FaceKey;
  readonly underline: boolean;
  readonly width: number;
}

/** One laid-out line. */
export interface Line {
  readonly words: readonly Word[];
  /** `gaps[i]` separates `words[i]` and `words[i + 1]`. */
  readonly gaps: readonly Gap[];
  /** Natural width: words plus unstretched spaces. */
  readonly width: number;
  /** Last line of the content or ended by a forced break: never justified. */
  readonly last: boolean;
}

/** How to set the text of one paragraph, cell or list item. */
export interface BreakOptions {
  readonly faces: Faces;
  readonly size: number;
  /** Emphasis every run gets (a bold title makes every run bold). */
  readonly bold: boolean;
  readonly italic: boolean;
  /** Width available to the first line and to the following lines. */
  readonly firstWidth: number;
  readonly width: number;
}

type Token =
  | { readonly kind: 'word'; readonly word: Word }
  | { readonly kind: 'space'; readonly gap: Gap }
  | { readonly kind: 'break' };

/** Tolerance for rounding in width comparisons, in points. */
const EPSILON = 0.01;

/**
 * Normalises run text: NFC (so decomposed letters meet the font's precomposed
 * glyphs), soft hyphens and zero-width spaces dropped (no hyphenation), any
 * whitespace but no-break space turned into a plain space.
 */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u00ad\u200b\ufeff]/g, '')
    .replace(/[\t\n\r\f\v\u2028\u2029]/g, ' ');
}

function tokenise(content: readonly Inline[], o: BreakOptions): Token[] {
  const tokens: Token[] = [];
  let fragments: Fragment[] = [];
  const endWord = (): void => {
    if (fragments.length === 0) return;
    tokens.push({ kind: 'word', word: { fragments, width: fragments.reduce((w, f) => w + f.width, 0) } });
    fragments = [];
  };
  for (const run of content) {
    if (run.kind === 'break') {
      endWord();
      tokens.push({ kind: 'break' });
      continue;
    }
    const face = faceOf(o.bold || run.bold === true, o.italic || run.italic === true);
    const underline = run.underline === true;
    for (const part of normalise(run.text).split(/( +)/)) {
      if (part === '') continue;
      if (part.startsWith(' ')) {
        endWord();
        tokens.push({ kind: 'space', gap: { face, underline, width: o.faces.spaceWidth(face, o.size) } });
        continue;
      }
      const prev = fragments[fragments.length - 1];
      if (prev && prev.face === face && prev.underline === underline) {
        // Same look as the previous piece: measure the joined text so kerning matches what is drawn.
        const text = prev.text + part;
        fragments[fragments.length - 1] = { face, underline, text, width: o.faces.width(face, o.size, text) };
      } else {
        fragments.push({ face, underline, text: part, width: o.faces.width(face, o.size, part) });
      }
    }
  }
  endWord();
  return tokens;
}

/** Cuts a word too wide for any line into pieces that fit, between characters. */
function cutWord(word: Word, width: number, o: BreakOptions): Word[] {
  const pieces: Word[] = [];
  let current: Fragment[] = [];
  let currentWidth = 0;
  for (const frag of word.fragments) {
    let text = '';
    for (const ch of Array.from(frag.text)) {
      const next = text + ch;
      const w = o.faces.width(frag.face, o.size, next);
      if (currentWidth + w > width + EPSILON && (text !== '' || current.length > 0)) {
        if (text !== '') current.push({ ...frag, text, width: o.faces.width(frag.face, o.size, text) });
        pieces.push({ fragments: current, width: current.reduce((s, f) => s + f.width, 0) });
        current = [];
        currentWidth = 0;
        text = ch;
      } else {
        text = next;
      }
    }
    if (text !== '') {
      const w = o.faces.width(frag.face, o.size, text);
      current.push({ ...frag, text, width: w });
      currentWidth += w;
    }
  }
  if (current.length > 0) pieces.push({ fragments: current, width: currentWidth });
  return pieces;
}

/** Words between two forced breaks, with the gap before each word after the first. */
export interface Segment {
  readonly words: readonly Word[];
  /** `gaps[k]` precedes `words[k + 1]`. */
  readonly gaps: readonly Gap[];
  /** Whether the segment's last line counts as a paragraph's last line (false after a cut word). */
  readonly last: boolean;
}

const NO_GAP: Gap = { face: 'regular', underline: false, width: 0 };

/** Splits tokens at forced breaks; words wider than any line are cut and their pieces set one per line. */
function segments(tokens: readonly Token[], o: BreakOptions): Segment[] {
  const out: Segment[] = [];
  let words: Word[] = [];
  let gaps: Gap[] = [];
  let pending: Gap | null = null;
  const narrowest = Math.min(o.firstWidth, o.width);
  const end = (last: boolean): void => {
    out.push({ words, gaps, last });
    words = [];
    gaps = [];
    pending = null;
  };
  const add = (word: Word): void => {
    if (words.length > 0) gaps.push(pending ?? NO_GAP);
    words.push(word);
    pending = null;
  };
  for (const t of tokens) {
    if (t.kind === 'break') end(true);
    else if (t.kind === 'space') {
      if (words.length > 0 && pending === null) pending = t.gap;
    } else if (t.word.width > narrowest + EPSILON) {
      const pieces = cutWord(t.word, narrowest, o);
      if (words.length > 0) end(false);
      pieces.forEach((piece, i) => {
        add(piece);
        if (i < pieces.length - 1) end(false);
      });
    } else add(t.word);
  }
  end(true);
  return out;
}

/** Width of words [i, j) of a segment set on one line with natural spaces. */
function naturalWidth(seg: Segment, i: number, j: number): number {
  let w = 0;
  for (let k = i; k < j; k++) {
    w += seg.words[k]?.width ?? 0;
    if (k > i) w += seg.gaps[k - 1]?.width ?? 0;
  }
  return w;
}

function lineOf(seg: Segment, i: number, j: number, last: boolean): Line {
  return { words: seg.words.slice(i, j), gaps: seg.gaps.slice(i, j - 1), width: naturalWidth(seg, i, j), last };
}

/** Greedy first fit: as many words as fit on each line (Word's way, for ragged text). Exported for tests. */
export function greedy(seg: Segment, avail: (line: number) => number): Line[] {
  const lines: Line[] = [];
  let i = 0;
  while (i < seg.words.length) {
    let j = i + 1;
    let natural = naturalWidth(seg, i, j);
    while (j < seg.words.length) {
      const wider = widen(seg, natural, j);
      // Written as "not fits", not "wider than": with a NaN width nothing fits, one word a line, as before.
      if (!(wider <= avail(lines.length) + EPSILON)) break;
      natural = wider;
      j++;
    }
    lines.push(lineOf(seg, i, j, j === seg.words.length && seg.last));
    i = j;
  }
  return lines;
}

/**
 * naturalWidth(seg, i, j + 1) from naturalWidth(seg, i, j): the same additions
 * in the same order, so the same float to the last bit (line breaks, and so
 * the documents' bytes, depend on it).
 */
function widen(seg: Segment, natural: number, j: number): number {
  return natural + (seg.words[j]?.width ?? 0) + (seg.gaps[j - 1]?.width ?? 0);
}

/**
 * The natural width and the words' own width of words [i, j) for every start
 * i, each grown one word at a time as the search asks for the next end j.
 * Summed as naturalWidth and a left-to-right sum of the words would sum them,
 * but each word once per start instead of once per (start, end) pair.
 * Exported for tests.
 */
export class Spans {
  private readonly end: Int32Array;
  private readonly natural: Float64Array;
  /** The words' own widths summed, without the spaces between them. */
  private readonly inked: Float64Array;

  constructor(private readonly seg: Segment) {
    const n = seg.words.length;
    this.end = new Int32Array(n).fill(-1);
    this.natural = new Float64Array(n);
    this.inked = new Float64Array(n);
  }

  /** Moves start i's sums to end j (j only grows for a given i). */
  private reach(i: number, j: number): void {
    let end = this.end[i]!;
    let natural = this.natural[i]!;
    let inked = this.inked[i]!;
    if (end < 0) {
      // From 0, as the plain sums start (0 + -0 is 0).
      end = i + 1;
      natural = 0 + (this.seg.words[i]?.width ?? 0);
      inked = natural;
    }
    for (; end < j; end++) {
      natural = widen(this.seg, natural, end);
      inked += this.seg.words[end]?.width ?? 0;
    }
    this.end[i] = end;
    this.natural[i] = natural;
    this.inked[i] = inked;
  }

  naturalWidth(i: number, j: number): number {
    this.reach(i, j);
    return this.natural[i]!;
  }

  /** What the spaces of words [i, j) add to their width: how far the line can stretch. */
  stretch(i: number, j: number): number {
    this.reach(i, j);
    return this.natural[i]! - this.inked[i]!;
  }
}

/**
 * Total fit for justified text (after Knuth and Plass, without shrinking or
 * hyphens): chooses the breaks that minimise the sum over lines of
 * (10 + badness)², badness growing with the cube of how far the spaces must
 * stretch. A long word that cannot fit then loosens several lines a little
 * instead of one line a lot. Exported for tests.
 */
export function totalFit(seg: Segment, avail: (line: number) => number): Line[] {
  const n = seg.words.length;
  // Only the paragraph's first line differs in width, so line index 0 vs the rest is all the state needed.
  const cost: number[] = new Array<number>(n + 1).fill(Infinity);
  const from: number[] = new Array<number>(n + 1).fill(0);
  cost[0] = 0;
  const spans = new Spans(seg);
  for (let j = 1; j <= n; j++) {
    for (let i = j - 1; i >= 0; i--) {
      const width = avail(i === 0 ? 0 : 1);
      const natural = spans.naturalWidth(i, j);
      if (natural > width + EPSILON && i < j - 1) break;
      const before = cost[i] ?? Infinity;
      if (before === Infinity) continue;
      const c = before + demerits(spans, i, j, width - natural, j === n);
      if (c < (cost[j] ?? Infinity)) {
        cost[j] = c;
        from[j] = i;
      }
    }
  }
  const breaks: number[] = [];
  for (let j = n; j > 0; j = from[j] ?? 0) breaks.unshift(j);
  let i = 0;
  return breaks.map((j) => {
    const line = lineOf(seg, i, j, j === n && seg.last);
    i = j;
    return line;
  });
}

function demerits(spans: Spans, i: number, j: number, slack: number, last: boolean): number {
  if (last) return 100;
  // A space may stretch by its own width before the line counts as loose (ratio 1, badness 100).
  // Badness is not capped (TeX caps it at 10000): the search must still tell very loose lines apart.
  const ratio = slack / Math.max(spans.stretch(i, j), 1);
  return (10 + 100 * ratio ** 3) ** 2;
}

/**
 * Lays inline content out into lines. Runs of spaces collapse to one; spaces
 * at the start or end of a line vanish. Empty content gives one empty line.
 * With `optimal` (justified text) breaks are chosen per paragraph, not per line.
 */
export function breakLines(content: readonly Inline[], o: BreakOptions & { readonly optimal?: boolean }): Line[] {
  const lines: Line[] = [];
  for (const seg of segments(tokenise(content, o), o)) {
    if (seg.words.length === 0) {
      lines.push({ words: [], gaps: [], width: 0, last: seg.last });
      continue;
    }
    const offset = lines.length;
    const avail = (line: number): number => (offset + line === 0 ? o.firstWidth : o.width);
    lines.push(...(o.optimal ? totalFit(seg, avail) : greedy(seg, avail)));
  }
  return lines;
}
