/**
 * Kazakh morphology the templates need: vowel harmony and the locative case.
 * Rules from ../shared/reference/kazakh-language.md §5.4. Only suffixes live
 * here; words and labels stay in templates/kk/.
 */

const BACK = 'аоұы';
const FRONT = 'әөеіүиэ';
const VOICELESS = 'пстфшкқхцчщ';

/** The last word, lower-cased, when it ends in a Cyrillic letter. */
function lastWord(text: string): string | undefined {
  const m = /([\u0400-\u04FF]+)$/.exec(text.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** True when the word's last harmonising vowel is a back vowel. */
function isBack(word: string): boolean | undefined {
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i]!;
    if (BACK.includes(c) || 'яю'.includes(c)) return true;
    if (FRONT.includes(c)) return false;
  }
  return undefined;
}

/** Whether {@link locative} can form the locative of this text by rule. */
export function canFormLocative(text: string): boolean {
  const w = lastWord(text);
  return w !== undefined && isBack(w) !== undefined;
}

/**
 * The locative ("in …") of a noun phrase: declines its last word.
 * Organisation names end in a 3rd-person possessive ("балабақшасы",
 * "мектебі"), which takes -нда/-нде; other endings take -да/-де or, after
 * a voiceless consonant, -та/-те.
 * @throws when the last word is not a Kazakh word (see {@link canFormLocative}).
 */
export function locative(text: string): string {
  const trimmed = text.trim();
  const w = lastWord(trimmed);
  const back = w === undefined ? undefined : isBack(w);
  if (w === undefined || back === undefined) throw new Error(`cannot form the locative of "${text}"`);
  const last = w[w.length - 1]!;
  const a = back ? 'а' : 'е';
  const suffix = 'ыі'.includes(last) ? `нд${a}` : VOICELESS.includes(last) ? `т${a}` : `д${a}`;
  return trimmed + suffix;
}
