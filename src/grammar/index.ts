/**
 * Kazakh case grammar: the oblique cases of a noun phrase (an organisation's
 * name, a title), formed on its last word. Only suffixes and reading rules
 * live here; words and labels stay in templates/ and data/.
 *
 * Sources:
 * - suffix tables and number reading: ../shared/reference/kazakh-language.md §5.4
 *   (https://ent-2014.kz/tutorials/septikter-padezhi.html);
 * - «Қазақ тілінің емле ережелері», ch. VII «Қысқарған сөздер емлесі» §73–75
 *   (https://qazlat.kz/qz/docs/abbreviations, published in Egemen Qazaqstan):
 *   endings join an abbreviation with a hyphen, by how it is pronounced —
 *   ЖШС-ның, ЖШС-ға, АҚ-ның, ТМД-ға, МКК-ге, but АҚШ-қа; a mixed
 *   abbreviation harmonises with its last syllable (ҚазҰУ-дың);
 * - the orthoepic reading of abbreviations in the state-language office
 *   guide (http://dereksiz.org/diplomatiyali-jene-memlekettik-jattardi-resimdeu.html?page=10,
 *   item 15): ТМД read ты-мы-ды, ЖШС жы-шы-сы, ІІМ-ге, АҚШ-тың, ҚазҰУ-дың;
 * - the orthographic dictionary's rules §35–36
 *   (http://emirsaba.org/orfografiyali-sozdik-v2.html?page=131 and
 *   http://emirsaba.org/4-orfografiyali-sozdikter-olardi-er-jilfi-basilimdarindafi-ozg.html?page=17):
 *   after б, в, г, д the suffix starts voiceless (клуб-қа, парад-тан);
 *   endings -рк, -рг, -нк, -кс, -ск, -лк, -нкт, -кль, -брь, -бль and
 *   one-syllable words in -ь take front suffixes (паркте, ансамбльге);
 *   longer words in -ь harmonise with their last syllable (фестивальға);
 *   ё, э in the last syllable are front;
 * - digits take endings after a hyphen (емле ережелері §44: 6-ға, 100-ге;
 *   https://emle.kz/kz/punctuation?id=7 item 4: 5-ке, 20-ны), by the last
 *   word of the number read aloud (§5.4).
 *
 * How a phrase is read, in order:
 * 1. A closing bracket: no rule (give the form in the record).
 * 2. Closing quotes: the suffix follows the quote after a hyphen
 *    («Еркетай»-да), harmonising with the last word inside. The rules quoted
 *    above do not cover quotes; this follows the hyphen rule for non-word
 *    endings and common use («Қазақтелеком»-ның) [R].
 * 3. Digits at the end: the number's last word (№12 → екі → №12-де).
 * 4. An all-capital word is an abbreviation when the rest of the name is not
 *    in capitals, when it has no vowel letter, or when it is a known
 *    abbreviation (letters.ts); otherwise an upper-case word, whose suffix is
 *    written in capitals too (БАҚШАСЫНДА). An abbreviation is read by its
 *    last letter's name (letters.ts LETTER_READING): КММ-да, МКҚК-де,
 *    ЕҰУ-да, ЖОО-да, АҚ-да.
 * 5. A word: the vowel of its last syllable decides harmony (у, ю included:
 *    институтта; и, э, ё front; я back); its last sound the suffix's first
 *    consonant (б, в, г, д devoiced: садта). The surname suffixes -ов, -ев
 *    stand outside harmony: the stem before them decides (Назарбаевтың,
 *    Тоқаевқа, Әуезовтің; word.ts cites the spelling source).
 * 6. A word ending in ы/і is a 3rd-person possessive (-нда, -ның, -на) when
 *    it ends in vowel + сы/сі (балабақшасы), when ы/і follows б, г or ғ (the
 *    voicing a vowel suffix causes: мектебі, орталығы), or when its stem is
 *    a known head noun (лицейі, колледжі, институты, кәсіпорны). It is not
 *    possessive after -л/-д/-т (adjectives and names: Нұрлы, Алматы,
 *    Текелі), after ш (agent nouns), or when listed (Құлсары, Ембі). Any
 *    other final ы/і: no rule.
 * Where no rule fits, decline() throws GrammarError; for the organisation's
 * locative the record's `organisation.name_locative` is the override.
 */
export { decline, canDecline, GrammarError, KAZAKH_CASES, CASE_LABEL, type KazakhCase } from './decline.js';
export { AMBIGUOUS_LOOK_ALIKES, lookAlikeIn, isCyrillicWord } from './letters.js';
