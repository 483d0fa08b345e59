import { currentLanguage, languageWasChosen, type Language } from '../messages/index.js';

/**
 * The language init and new speak in: the one chosen (--lang, hattama.yaml,
 * the locale), else Kazakh, the first language of those who keep the minutes
 * (the rest of hattama falls back to English).
 */
export function scaffoldLanguage(): Language {
  return languageWasChosen() ? currentLanguage() : 'kk';
}
