/**
 * Declines a noun phrase by its last word: finds that word (or abbreviation,
 * number, closing quote), works out how it sounds, and joins the case suffix.
 */
import { KNOWN_ABBREVIATIONS, LETTER_READING, READ_AS_WORD, asCyrillic, isCyrillicWord, lastNumeralWord, type Sound } from './letters.js';
import { wordSound, type WordSound } from './word.js';

/** The six oblique cases templates ask for. */
export type KazakhCase = 'genitive' | 'dative' | 'accusative' | 'locative' | 'ablative' | 'instrumental';

/** Every {@link KazakhCase}, for checking a template's argument. */
export const KAZAKH_CASES: readonly KazakhCase[] = ['genitive', 'dative', 'accusative', 'locative', 'ablative', 'instrumental'];

/** The Kazakh name of each case, with its suffix, for messages. */
export const CASE_LABEL: Readonly<Record<KazakhCase, string>> = {
  genitive: 'genitive (ілік, "-ның/-нің")',
  dative: 'dative (барыс, "-ға/-ге")',
  accusative: 'accusative (табыс, "-ны/-ні")',
  locative: 'locative (жатыс, "-да/-де")',
  ablative: 'ablative (шығыс, "-дан/-ден")',
  instrumental: 'instrumental (көмектес, "-мен")',
};

/**
 * No rule gives the asked form of a text. The message never quotes the text
 * (it may be record data); `text` keeps it for the caller to locate.
 */
export class GrammarError extends Error {
  constructor(
    readonly kase: KazakhCase,
    /** Why no rule fits, without quoting the text. */
    readonly reason: string,
    /** The text that could not be declined. */
    readonly text: string,
    /** The record field the text came from, when the caller knows it. */
    readonly path?: readonly string[],
  ) {
    super(`no rule gives the ${CASE_LABEL[kase]} of this text: ${reason}`);
    this.name = 'GrammarError';
  }
}

/** The suffix for a case, in back harmony; {@link front} gives the front form. */
function backSuffix(kase: KazakhCase, w: WordSound): string {
  const f = w.sound.final;
  if (w.possessive) {
    return { genitive: 'ның', dative: 'на', accusative: 'н', locative: 'нда', ablative: 'нан', instrumental: 'мен' }[kase];
  }
  switch (kase) {
    case 'genitive':
      return f === 'vowel' || f === 'nasal' ? 'ның' : f === 'voiceless' ? 'тың' : 'дың';
    case 'dative':
      return f === 'voiceless' ? 'қа' : 'ға';
    case 'accusative':
      return f === 'vowel' ? 'ны' : f === 'voiceless' ? 'ты' : 'ды';
    case 'locative':
      return f === 'voiceless' ? 'та' : 'да';
    case 'ablative':
      return f === 'nasal' ? 'нан' : f === 'voiceless' ? 'тан' : 'дан';
    case 'instrumental':
      return f === 'sibilant' ? 'бен' : f === 'voiceless' ? 'пен' : 'мен';
  }
}

const FRONT_OF: Record<string, string> = { ы: 'і', а: 'е', ғ: 'г', қ: 'к' };
const front = (suffix: string): string => suffix.replace(/[ыағқ]/g, (c) => FRONT_OF[c]!);

/** The suffix a stem of this sound takes in this case. */
export function suffixFor(kase: KazakhCase, w: WordSound): string {
  const s = backSuffix(kase, w);
  return w.sound.back || kase === 'instrumental' ? s : front(s);
}

/** The declinable end of a phrase, as found by {@link analyse}. */
interface Tail {
  readonly sound: WordSound;
  /** Joined with a hyphen: abbreviations, numbers, closing quotes. */
  readonly hyphen: boolean;
  /** The suffix is written in capitals (the word is). */
  readonly upper: boolean;
}

const CLOSING_QUOTES = /[»"”“'’]+$/u;
const isUpper = (s: string): boolean => s === s.toUpperCase() && s !== s.toLowerCase();
const hasVowelLetter = (s: string): boolean => /[АӘЕЁИОӨҰҮУЫІЭЮЯ]/u.test(asCyrillic(s).toUpperCase());

/** How an abbreviation's end is read: a listed word reading, else its last letter's name. */
function abbreviationSound(token: string): WordSound | string {
  const cyr = asCyrillic(token);
  const asWord = READ_AS_WORD.get(cyr);
  if (asWord) return wordSound(asWord, false);
  const last = cyr.at(-1)!.toUpperCase();
  const sound: Sound | undefined = LETTER_READING[last];
  return sound ? { sound, possessive: false, link: '' } : 'the abbreviation ends in a letter that is not read aloud';
}

/** Finds and reads the end of a phrase, or gives the reason no rule fits. */
function analyse(phrase: string): Tail | string {
  if (/[)\]]$/.test(phrase)) return 'the text ends in a bracket';
  const quoted = CLOSING_QUOTES.test(phrase);
  const body = phrase.replace(CLOSING_QUOTES, '');
  const m = /[\p{L}\p{N}]+$/u.exec(body);
  if (!m) return 'the text does not end in a word or a number';
  const token = m[0];

  const digits = /(\d+)(\p{L}*)$/u.exec(token);
  if (digits && !digits[2]) {
    const sound = wordSound(lastNumeralWord(digits[1]!), false);
    return typeof sound === 'string' ? sound : { sound, hyphen: true, upper: false };
  }
  if (!isCyrillicWord(token)) return 'the last word is not in Cyrillic letters';
  // A letter after a number (№12А) is read by its name.
  if (digits) {
    const sound = abbreviationSound(digits[2]!);
    return typeof sound === 'string' ? sound : { sound, hyphen: true, upper: false };
  }
  const rest = phrase.slice(0, m.index).replace(/[^\p{L}]/gu, '');
  if (isUpper(token)) {
    const restUpper = rest !== '' && isUpper(rest);
    const abbreviation = KNOWN_ABBREVIATIONS.has(asCyrillic(token)) || !hasVowelLetter(token) || (rest === '' ? token.length <= 3 : !restUpper);
    if (abbreviation) {
      const sound = abbreviationSound(token);
      return typeof sound === 'string' ? sound : { sound, hyphen: true, upper: false };
    }
  }
  // A mixed abbreviation (ҚазҰУ, ҚазМұнайГаз): hyphen, and harmony with its last part.
  const camel = /\p{Ll}\p{Lu}/u.test(token);
  if (camel) {
    const sound = /\p{Lu}$/u.test(token)
      ? abbreviationSound(token)
      : wordSound(asCyrillic(/\p{Lu}[^\p{Lu}]*$/u.exec(token)![0]).toLowerCase(), false);
    return typeof sound === 'string' ? sound : { sound, hyphen: true, upper: false };
  }
  const sound = wordSound(asCyrillic(token).toLowerCase(), !quoted);
  if (typeof sound === 'string') return sound;
  return { sound, hyphen: quoted, upper: isUpper(token) && token.length > 1 };
}

/**
 * The phrase with its last word in the given case: «…балабақшасы» →
 * «…балабақшасында», «Ясли-сад №3» → «Ясли-сад №3-те», «…» КММ → «…» КММ-да.
 * @throws GrammarError when no rule fits (see {@link canDecline})
 */
export function decline(phrase: string, kase: KazakhCase): string {
  const text = phrase.trimEnd();
  const tail = analyse(text);
  if (typeof tail === 'string') throw new GrammarError(kase, tail, phrase);
  const suffix = tail.sound.link + suffixFor(kase, tail.sound);
  return `${text}${tail.hyphen ? '-' : ''}${tail.upper ? suffix.toUpperCase() : suffix}`;
}

/** Whether {@link decline} can form this case of the phrase by rule. */
export function canDecline(phrase: string, kase: KazakhCase): boolean {
  return KAZAKH_CASES.includes(kase) && typeof analyse(phrase.trimEnd()) !== 'string';
}
