/**
 * Latin letters inside Cyrillic words: Latin i for Kazakh і and h for һ (old
 * keyboards), the schwa ə for ә, and Latin a, o, e, c, p, x, y, A, O, E, C, P,
 * X, H, K, M, T, B, Y, which look the same as Cyrillic letters but are
 * different characters (text pasted from another program). They print the
 * same, but break search, sorting and spell-checking, and the Kazakh grammar
 * cannot rely on them.
 */
import { codePointName } from '../parse/characters.js';
import { msg } from '../messages/index.js';
import { AMBIGUOUS_LOOK_ALIKES, isCyrillicWord, lookAlikeIn } from '../grammar/index.js';

/** One Latin look-alike letter in a text. */
export interface LookAlike {
  /** Index of the letter in the text (UTF-16 units). */
  readonly index: number;
  readonly latin: string;
  /** The Cyrillic letter it stands for (for y, Y, ı: chosen by the word's vowels). */
  readonly cyrillic: string;
  /** For y, Y, ı: the other Cyrillic letter it may stand for. */
  readonly otherwise?: string;
  /** On the last one reported: how many more look-alikes the text has past the cap. */
  readonly more?: number;
}

/** At most this many look-alikes are reported in one text; the last one counts the rest. */
export const LOOK_ALIKE_CAP = 20;

const code = (c: string): string => codePointName(c.codePointAt(0)!);

/**
 * Every Latin look-alike letter inside a Cyrillic word (a word with at least
 * one Cyrillic letter), in text order, each at its own index; past
 * {@link LOOK_ALIKE_CAP} they are only counted (`more` on the last one).
 * Words wholly in Latin letters («Dara bala.kz», faceID) are not looked at.
 */
export function findLookAlikes(text: string, cap = LOOK_ALIKE_CAP): LookAlike[] {
  const found: LookAlike[] = [];
  let more = 0;
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = m[0];
    if (!isCyrillicWord(word)) continue;
    for (let i = 0; i < word.length; i++) {
      const cyrillic = lookAlikeIn(word, i);
      if (cyrillic === undefined) continue;
      if (found.length >= cap) {
        more++;
        continue;
      }
      const latin = word[i]!;
      const pair = AMBIGUOUS_LOOK_ALIKES[latin];
      const otherwise = pair?.find((c) => c !== cyrillic);
      found.push({ index: m.index + i, latin, cyrillic, ...(otherwise !== undefined && { otherwise }) });
    }
  }
  if (more > 0) found[found.length - 1] = { ...found[found.length - 1]!, more };
  return found;
}

/** The warning's text: the letter, its fix, and how many more there are past the cap. */
export function lookAlikeMessage(l: LookAlike): string {
  const otherwise = l.otherwise === undefined ? '' : ' ' + msg('validate.look-alike.otherwise', { letter: l.otherwise, code: code(l.otherwise) });
  const more = l.more ? '; ' + msg('validate.look-alike.more', { n: l.more }) : '';
  return msg('validate.look-alike', { latin: l.latin, latinCode: code(l.latin), cyrillic: l.cyrillic, cyrillicCode: code(l.cyrillic) }) + otherwise + more;
}
