/**
 * Latin letters inside Cyrillic words: Latin i for Kazakh і (old keyboards),
 * and Latin a, o, e, c, p, x, y, A, O, E, C, P, X, H, K, M, T, B, which look
 * the same as Cyrillic letters but are different characters (text pasted from
 * another program). They print the same, but break search, sorting and
 * spell-checking, and the Kazakh grammar cannot rely on them.
 */
import { LOOK_ALIKES, isCyrillicWord } from '../grammar/index.js';

/** One Latin look-alike letter in a text. */
export interface LookAlike {
  /** Index of the letter in the text (UTF-16 units). */
  readonly index: number;
  readonly latin: string;
  /** The Cyrillic letter it stands for. */
  readonly cyrillic: string;
  /** How many times the same letter stands in Cyrillic words in this text. */
  readonly count: number;
}

const code = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first occurrence of each Latin look-alike letter inside a Cyrillic
 * word (a word with at least one Cyrillic letter), with its count. Words
 * wholly in Latin letters («Dara bala.kz», faceID) are not looked at.
 */
export function findLookAlikes(text: string): LookAlike[] {
  const found = new Map<string, { index: number; count: number }>();
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = m[0];
    if (!isCyrillicWord(word)) continue;
    for (let i = 0; i < word.length; i++) {
      const c = word[i]!;
      if (LOOK_ALIKES[c] === undefined) continue;
      const seen = found.get(c);
      if (seen) seen.count++;
      else found.set(c, { index: m.index + i, count: 1 });
    }
  }
  return [...found].map(([latin, { index, count }]) => ({ index, latin, cyrillic: LOOK_ALIKES[latin]!, count })).sort((a, b) => a.index - b.index);
}

/** The warning's text: the letter, its fix, and how many more there are. */
export function lookAlikeMessage(l: LookAlike): string {
  const more = l.count > 1 ? ` (${l.count} times in this text)` : '';
  return `Latin "${l.latin}" (${code(l.latin)}) inside a Cyrillic word: use Cyrillic "${l.cyrillic}" (${code(l.cyrillic)})${more}`;
}
