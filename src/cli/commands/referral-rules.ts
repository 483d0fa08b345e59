import { loadTemplate } from '../../template/engine.js';
import { parseMarkup } from '../../document/markup.js';
import { blocksToText } from '../../document/plain-text.js';
import { ruleSetOn, NoRulesError } from '../../referral/rules.js';
import { EXIT } from '../report.js';

/** Options of `hattama referral rules`. */
export interface ReferralRulesOptions {
  /** The rules in force on this ISO date; today when absent. */
  readonly date?: string;
  readonly lang: 'kk' | 'ru';
  readonly json?: boolean;
}

/** Today's date in Kazakhstan (UTC+5), for "the rules in force now". */
const todayInKazakhstan = (): string => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

/** `hattama referral rules`: prints the summary the minutes include, from the rule set in force on a date. */
export async function referralRulesCommand(options: ReferralRulesOptions): Promise<number> {
  const date = options.date ?? todayInKazakhstan();
  try {
    const rules = ruleSetOn(date);
    if (options.json) {
      process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
      return EXIT.ok;
    }
    const template = loadTemplate(options.lang, 'referral-rules', [], true);
    process.stdout.write(blocksToText(parseMarkup(template.renderData({ date })).blocks));
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof NoRulesError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT.invalid;
  }
}
