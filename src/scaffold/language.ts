import { currentLanguage, languageFromEnvironment, type Language } from '../messages/index.js';

/**
 * The language init and new speak in: the one chosen (--lang, hattama.yaml,
 * the locale), else Kazakh, the first language of those who keep the minutes
 * (the rest of hattama falls back to English).
 */
export function scaffoldLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const chosen = currentLanguage();
  if (chosen !== 'en') return chosen;
  return languageFromEnvironment(env) ?? 'kk';
}
