/**
 * The questions `hattama init` asks on a terminal, in the user's language
 * (Kazakh unless told otherwise). An empty answer leaves a placeholder.
 */
import { createInterface } from 'node:readline/promises';
import type { Language as UiLanguage } from '../messages/index.js';
import { msg } from '../messages/index.js';
import { regions } from '../referral/rules.js';
import { BODY_KINDS } from '../config/organisation.js';
import type { BodyKind } from '../model/record.js';
import type { InitAnswers } from './init.js';

/** The user ended the questions with Ctrl+C or Ctrl+D: nothing is to be written. */
export class InitCancelled extends Error {}

/**
 * Asks for the essentials on `input`/`output` (a terminal). Ctrl+C or Ctrl+D
 * (readline rejects the question with an AbortError) throws {@link InitCancelled}.
 */
export async function askInitAnswers(lang: UiLanguage, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stderr): Promise<InitAnswers> {
  const rl = createInterface({ input, output, terminal: true });
  const say = (key: string, params?: Record<string, string | number>): string => msg(key, params, lang);
  const ask = async (key: string): Promise<string | undefined> => (await rl.question(`${say(key)} `)).trim() || undefined;
  /** A numbered choice; an empty answer takes `fallback`. */
  const choose = async <T>(key: string, options: readonly { value: T; label: string }[], fallback: T | undefined): Promise<T | undefined> => {
    output.write(`${say(key)}\n`);
    options.forEach((o, i) => output.write(`  ${String(i + 1).padStart(2)}. ${o.label}\n`));
    for (;;) {
      const a = (await rl.question(`${say('init.ask.number', { n: options.length })} `)).trim();
      if (!a) return fallback;
      const n = Number(a);
      if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]!.value;
      output.write(`${say('init.ask.again', { n: options.length })}\n`);
    }
  };
  try {
    output.write(`${say('init.ask.intro')}\n`);
    const kk = await ask('init.ask.organisation-kk');
    const ru = await ask('init.ask.organisation-ru');
    const labelLang = lang === 'ru' ? 'ru' : 'kk';
    // In the alphabet of the language asked in (Kazakh order has Ә after А, Ғ after Г…).
    const regionOptions = regions()
      .map((r) => ({ value: r.id, label: r[labelLang] }))
      .sort((a, b) => a.label.localeCompare(b.label, labelLang));
    const region = await choose('init.ask.region', regionOptions, undefined);
    const body = (await choose<BodyKind>('init.ask.body', BODY_KINDS.map((b) => ({ value: b, label: say(`init.body.${b}`) })), 'board-of-trustees'))!;
    const chair = await ask('init.ask.chair');
    const secretary = await ask('init.ask.secretary');
    output.write(`${say('init.ask.members')}\n`);
    const members: string[] = [];
    for (;;) {
      const m = (await rl.question(`  ${members.length + 1}. `)).trim();
      if (!m) break;
      members.push(m);
    }
    return {
      ...((kk || ru) && { organisation: { ...(kk && { kk }), ...(ru && { ru }) } }),
      ...(region && { region }),
      body,
      ...(chair && { chair }),
      ...(secretary && { secretary }),
      ...(members.length && { members }),
    };
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw new InitCancelled('init cancelled');
    throw err;
  } finally {
    rl.close();
  }
}
