/**
 * Facts about Kazakh letters the case rules need: which vowels are back or
 * front, how a word's last sound is classed, how letters are read inside an
 * abbreviation, how numbers are read, and which Latin letters pass for
 * Cyrillic ones. Sources are cited in ./index.ts.
 */

/** How the last sound of a stem selects a suffix's first consonant (§5.4). */
export type FinalSound =
  /** а, ә, е, о, ө, ұ, ү, ы, і, э, я, ё */
  | 'vowel'
  /** м, н, ң */
  | 'nasal'
  /** р, л, й, у (and и, ю, which end in й/у) */
  | 'sonorant'
  /** ж, з: voiced, take -бен in the instrumental */
  | 'sibilant'
  /** п, с, т, ф, ш, к, қ, х, ц, ч, щ, һ, and б, в, г, д devoiced at the end of a word */
  | 'voiceless';

/** What a suffix needs to know about the stem it is joined to. */
export interface Sound {
  readonly final: FinalSound;
  /** Back (жуан) harmony: -да, -ның; front (жіңішке): -де, -нің. */
  readonly back: boolean;
}

export const BACK_VOWELS = 'аоұыя';
export const FRONT_VOWELS = 'әөеіүиэё';
/** у and ю are vowels in loanwords (институт) and a glide after a vowel (тау). */
export const GLIDE_VOWELS = 'ую';
export const ALL_VOWELS = BACK_VOWELS + FRONT_VOWELS + GLIDE_VOWELS;

const NASALS = 'мнң';
const SONORANTS = 'рлйуию';
const SIBILANTS = 'жз';
const VOICELESS = 'пстфшкқхцчщһ';
/** Voiced stops that are pronounced, and so suffixed, voiceless at the end of a word (клуб-та, сад-та). */
const DEVOICED = 'бвгд';

/** The class of a lower-case letter as the last sound of a word, or undefined for a letter that is not a sound (ь, ъ). */
export function finalSoundOf(letter: string): FinalSound | undefined {
  if (SONORANTS.includes(letter)) return 'sonorant';
  if (BACK_VOWELS.includes(letter) || FRONT_VOWELS.includes(letter)) return 'vowel';
  if (NASALS.includes(letter)) return 'nasal';
  if (SIBILANTS.includes(letter)) return 'sibilant';
  if (VOICELESS.includes(letter) || DEVOICED.includes(letter)) return 'voiceless';
  return undefined;
}

/**
 * How each capital letter is read at the end of an abbreviation, by the
 * orthoepic norm: a vowel letter is read as itself; a consonant letter with
 * ы (бы, ды, мы, сы, қы …), except к and г, which are front (кі, гі); ң is
 * read ың. Hence ЖШС-ның, ТМД-ға, АҚ-ның, МКК-ге.
 */
export const LETTER_READING: Readonly<Record<string, Sound>> = (() => {
  const table: Record<string, Sound> = {};
  const vowel = (back: boolean): Sound => ({ final: 'vowel', back });
  for (const c of 'АОҰЫЯ') table[c] = vowel(true);
  for (const c of 'ӘЕЁӨҮІЭ') table[c] = vowel(false);
  table['И'] = { final: 'sonorant', back: false };
  table['У'] = { final: 'sonorant', back: true };
  table['Ю'] = { final: 'sonorant', back: true };
  for (const c of 'БВҒДЖЗЙҚЛМНПРСТФХҺЦЧШЩ') table[c] = vowel(true);
  table['К'] = vowel(false);
  table['Г'] = vowel(false);
  table['Ң'] = { final: 'nasal', back: true };
  return table;
})();

/**
 * Abbreviations that are not read letter by letter, with the word they are
 * read as: АҚШ-қа (the spelling rules' own exception), ІІМ-ге, БАҚ-та.
 */
export const READ_AS_WORD: ReadonlyMap<string, string> = new Map([
  ['АҚШ', 'ақш'],
  ['ІІМ', 'ім'],
  ['БАҚ', 'бақ'],
]);

/**
 * Abbreviations common in organisation names. An all-capital word is an
 * abbreviation when the rest of the name is not in capitals, or when it is
 * listed here (so «…» КММ is an abbreviation even in a name typed in capitals).
 */
export const KNOWN_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'АҚ', 'ААҚ', 'ЖАҚ', 'ЖШС', 'ЖК', 'КММ', 'ММ', 'МКҚК', 'КМҚК', 'МКК', 'МК', 'РМК', 'РМҚК', 'ШЖҚ', 'ҚБ', 'ҰК',
  'ҚР', 'ЖОО', 'ББМ', 'ЕҰУ', 'ҰҒА', 'ТМД', 'БҰҰ', 'АҚШ', 'ІІМ', 'БАҚ', 'ОБЖ', 'ЖББМ', 'ЖОББМ', 'НЗМ',
]);

/** Units, tens and powers, as the last word of a number is read (§5.4). */
const UNITS = ['', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз'];
const TENS = ['', 'он', 'жиырма', 'отыз', 'қырық', 'елу', 'алпыс', 'жетпіс', 'сексен', 'тоқсан'];

/**
 * The last word of a number read aloud, which its suffix follows: 12 → екі,
 * 20 → жиырма, 100 → жүз, 2000 → мың, 0 → нөл.
 */
export function lastNumeralWord(digits: string): string {
  const n = digits.replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(n)) return 'нөл';
  const unit = Number(n.slice(-1));
  if (unit) return UNITS[unit]!;
  const ten = Number(n.slice(-2, -1) || 0);
  if (ten) return TENS[ten]!;
  if (Number(n.slice(-3, -2) || 0)) return 'жүз';
  // Thousands, millions, billions: the group word after the last non-zero group.
  const zeros = /0*$/.exec(n)![0].length;
  if (zeros < 6) return 'мың';
  if (zeros < 9) return 'миллион';
  if (zeros < 12) return 'миллиард';
  return 'триллион';
}

/**
 * Latin letters that look like Cyrillic ones, with the Cyrillic letter meant.
 * Old keyboards and pasted text put them inside Kazakh words: Latin i for і,
 * h for һ, the schwa ə (U+0259, and the turned e ǝ U+01DD) for ә, the barred
 * o ɵ (U+0275) for ө. Latin y, Y and the dotless ı stand for one of two
 * letters; {@link AMBIGUOUS_LOOK_ALIKES} and {@link lookAlikeIn} choose by the word.
 */
export const LOOK_ALIKES: Readonly<Record<string, string>> = {
  i: 'і', I: 'І', h: 'һ',
  a: 'а', o: 'о', e: 'е', c: 'с', p: 'р', x: 'х', y: 'у', ı: 'ы',
  A: 'А', O: 'О', E: 'Е', C: 'С', P: 'Р', X: 'Х', H: 'Н', K: 'К', M: 'М', T: 'Т', B: 'В', Y: 'У',
  ə: 'ә', Ə: 'Ә', ǝ: 'ә', ɵ: 'ө', Ɵ: 'Ө',
};

/**
 * Look-alikes that stand for a back or a front letter: Latin y is Cyrillic у
 * or Kazakh ү (Y is drawn exactly like Ү), and the dotless ı of Turkish
 * keyboards is ы or і. Back reading first, front second.
 */
export const AMBIGUOUS_LOOK_ALIKES: Readonly<Record<string, readonly [string, string]>> = {
  y: ['у', 'ү'], Y: ['У', 'Ү'], ı: ['ы', 'і'],
};

/**
 * Whether a word reads as front: it has a front vowel letter and no back one,
 * once the other look-alikes are read as Cyrillic and the ambiguous ones left out.
 */
function frontWord(word: string): boolean {
  const letters = [...word].filter((c) => AMBIGUOUS_LOOK_ALIKES[c] === undefined).map((c) => (LOOK_ALIKES[c] ?? c).toLowerCase());
  return letters.some((c) => 'әөеіүиэё'.includes(c)) && !letters.some((c) => 'аоұыя'.includes(c));
}

/**
 * The Cyrillic letter a look-alike at `index` in `word` stands for, or
 * undefined when the character is not a look-alike. y, Y and ı are read by
 * the word's vowels: ү, Ү, і in a front word (Yкімет, тyрлі), у, У, ы otherwise.
 */
export function lookAlikeIn(word: string, index: number): string | undefined {
  const c = word[index]!;
  const pair = AMBIGUOUS_LOOK_ALIKES[c];
  if (pair) return frontWord(word) ? pair[1] : pair[0];
  return LOOK_ALIKES[c];
}

/** A word with at least one Cyrillic letter. */
export const isCyrillicWord = (word: string): boolean => /\p{Script=Cyrillic}/u.test(word);

/** The word with Latin look-alikes read as the Cyrillic letters they stand for. */
// UTF-16 units: every look-alike is one unit, and a split surrogate pair joins back unchanged.
export const asCyrillic = (word: string): string => word.split('').map((c, i) => lookAlikeIn(word, i) ?? c).join('');
