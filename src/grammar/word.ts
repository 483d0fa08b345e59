/**
 * What a Kazakh word's ending tells a case suffix: its harmony, its last
 * sound, and whether it ends in the 3rd-person possessive -ы/-і/-сы/-сі.
 * Input is one lower-case word in Cyrillic (look-alikes already mapped).
 */
import { ALL_VOWELS, BACK_VOWELS, FRONT_VOWELS, GLIDE_VOWELS, finalSoundOf, type Sound } from './letters.js';

/** A word as a suffix sees it. */
export interface WordSound {
  readonly sound: Sound;
  /** Ends in the 3rd-person possessive: takes -нда, -ның, -на, -н, -нан. */
  readonly possessive: boolean;
  /** A linking vowel written before the suffix (митинг → митингіге). */
  readonly link: string;
}

/**
 * Loanword endings that always take front suffixes (spelling rules §35:
 * парк-те, банк-те, полк-қе, ансамбль-ге).
 */
const FRONT_ENDINGS = /(?:рк|рг|нк|кс|ск|лк|нкт|кль|брь|бль)$/;
/** Endings the rules spell with a linking і before a consonant suffix (митингіге, фактіге). */
const LINKED_ENDINGS = /(?:нг|[^н]кт)$/;
/** Endings no rule here covers. */
const UNRULED_ENDINGS = /(?:пт|фт)$/;

/**
 * Heads of organisation names that take the possessive in «X мектебі»,
 * «Y орталығы». Stems ending in a vowel (балабақша-сы) or in б/г/ғ
 * (мектеб-і, орталығ-ы) are told by their form and need no entry.
 */
const HEAD_NOUNS = [
  'мектеп', 'лицей', 'колледж', 'комплекс', 'университет', 'институт', 'орталық', 'бөлім', 'ұйым', 'филиал',
  'кабинет', 'клуб', 'интернат', 'техникум', 'үй', 'сарай', 'бөбекжай', 'мұражай', 'театр', 'қор', 'комитет',
  'департамент', 'аудан', 'ауыл', 'кент', 'округ', 'кәсіпорын', 'қоғам', 'серіктестік', 'бірлестік', 'пункт',
  'цех', 'штаб', 'холдинг', 'банк', 'порт', 'вокзал', 'парк', 'стадион', 'дүкен', 'нысан', 'қызмет', 'орган',
  'зауыт', 'сот', 'мәслихат', 'аппарат', 'диспансер', 'госпиталь', 'санаторий', 'лагерь', 'зал', 'ғимарат',
  'ансамбль', 'оркестр', 'хор', 'құрылым', 'комбинат', 'трест', 'кооператив', 'журнал', 'музей', 'кеңес',
];

/** Words ending in ы/і that are not possessive (place and personal names). */
const NOT_POSSESSIVE = new Set(['алматы', 'құлсары', 'ембі', 'құрманғазы', 'сары']);

/** A high vowel written back into a stem that drops it before a vowel: орн-ы → орын. */
function restoredVowel(stem: string): string | undefined {
  const m = /^(.*[^аоұыяәөеіүиэёую])([^аоұыяәөеіүиэёую])$/.exec(stem);
  if (!m) return undefined;
  const back = isBack(m[1]!) ?? true;
  return `${m[1]}${back ? 'ы' : 'і'}${m[2]}`;
}

function isHeadNoun(stem: string): boolean {
  const candidates = [stem, `${stem}ь`, restoredVowel(stem)].filter((c): c is string => c !== undefined);
  // Whole words only: «зал» must not make «Қазалы» possessive.
  return candidates.some((c) => HEAD_NOUNS.includes(c));
}

/**
 * Whether a word ending in ы/і ends in the possessive, or why that cannot be
 * told. See ./index.ts for the heuristic and its order.
 */
function possessive(word: string): boolean | string {
  if (NOT_POSSESSIVE.has(word)) return false;
  const stem = word.slice(0, -1);
  const before = stem.at(-1);
  if (before === undefined) return false;
  if (before === 'с' && ALL_VOWELS.includes(stem.at(-2) ?? '')) return true;
  if ('бгғ'.includes(before)) return true;
  if (isHeadNoun(stem)) return true;
  if ('лдт'.includes(before)) return false;
  if (before === 'ш') return false;
  return 'the last word ends in ы/і, and it cannot be told whether that is a possessive ending';
}

/**
 * The surname suffixes -ов, -ев, -ёв stand outside vowel harmony («-ев (-ева),
 * -ов (-ова), -ин (-ина) қосымшалары буын үндестігіне бағынбайды»,
 * https://resmihat.kz/documents/414), so a case ending after them harmonises
 * with the stem: Назарба-ев → Назарбаевтың, Тоқаевқа, Сәтбаевта; Мұқановтың
 * (https://bilimsite.kz/akin_zhazushi/page/3), but Әуезовтің, Исабековтің
 * (https://aqtobegazeti.kz/?p=4048). An и before -ев stands for the stem's
 * final ы/і (Сары+ев → Сариев, same source) and is passed over. -ин ends in
 * front и and needs no rule (Пушкиннің, Сорокиннің); -ова, -ева, -ина end in а.
 * Russian surnames on a front stem (Петров) follow the same rule [R].
 */
const SURNAME_SUFFIX = /^(.+?)и?[оеё]в$/;

/** True for back harmony, false for front; undefined when the word has no vowel. */
export function isBack(word: string): boolean | undefined {
  if (FRONT_ENDINGS.test(word)) return false;
  const surname = SURNAME_SUFFIX.exec(word);
  // A stem with no vowel (Лев, Псков) is not a surname stem: the word's own last vowel decides.
  if (surname && [...surname[1]!].some((c) => ALL_VOWELS.includes(c))) {
    const stem = isBack(surname[1]!);
    if (stem !== undefined) return stem;
  }
  const vowels = [...word].filter((c) => ALL_VOWELS.includes(c)).length;
  if (word.endsWith('ь') && vowels === 1) return false;
  for (let i = word.length - 1; i >= 0; i--) {
    const c = word[i]!;
    if (FRONT_VOWELS.includes(c)) return false;
    if (BACK_VOWELS.includes(c)) return true;
    if (!GLIDE_VOWELS.includes(c)) continue;
    const prev = word[i - 1];
    // After a vowel у/ю is a glide (тау, Көкшетау): the vowel before decides.
    if (prev !== undefined && ALL_VOWELS.includes(prev)) continue;
    // Inside a loanword у/ю is a back vowel (институт, клуб).
    if (i < word.length - 1) return true;
    // A final у after a consonant belongs to the syllable before (білу, оқу), except су, "water" (Ақсу, Жетісу).
    if (word.endsWith('су')) return true;
    const rest = isBack(word.slice(0, i));
    return rest ?? true;
  }
  return undefined;
}

/**
 * The sound of a lower-case Cyrillic word, or the reason no rule fits it.
 * @param possessiveAllowed false for words read from abbreviations and numbers
 */
export function wordSound(word: string, possessiveAllowed = true): WordSound | string {
  if (UNRULED_ENDINGS.test(word)) return 'the last word ends in a consonant pair (-пт, -фт) the rules give no suffix for';
  const back = isBack(word);
  if (back === undefined) return 'the last word has no vowel';
  if (LINKED_ENDINGS.test(word)) return { sound: { final: 'vowel', back: false }, possessive: false, link: 'і' };
  const letters = word.replace(/[ьъ]+$/, '');
  const final = finalSoundOf(letters.at(-1) ?? '');
  if (final === undefined) return 'the last word does not end in a letter a suffix can follow';
  let isPossessive = false;
  if (possessiveAllowed && /[ыі]$/.test(word) && word.length > 1) {
    const p = possessive(word);
    if (typeof p === 'string') return p;
    isPossessive = p;
  }
  return { sound: { final, back }, possessive: isPossessive, link: '' };
}
