import { loadTemplate } from '../../template/engine.js';
import { parseMarkup } from '../../document/markup.js';
import { blocksToText } from '../../document/plain-text.js';
import { ruleSetOn, regions, markUnconfirmed, NoRulesError } from '../../referral/rules.js';
import { ruleSetView } from '../../referral/report.js';
import { EXIT } from '../report.js';
import { checkRegion, RegionRefused } from './referral-region.js';

/** Options of `hattama referral rules`. */
export interface ReferralRulesOptions {
  /** The rules in force on this ISO date; today when absent. */
  readonly date?: string;
  readonly lang: 'kk' | 'ru';
  readonly json?: boolean;
  /** The organisation's region id; hattama.yaml's `region` when absent. */
  readonly region?: string;
}

/** Today's date in Kazakhstan (UTC+5), for "the rules in force now". */
const todayInKazakhstan = (): string => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

/**
 * `hattama referral rules`: the rule set in force on a date, as a document
 * (title, date it applies from, where it applies, the summary the minutes
 * include, sources, a numbered note for every unconfirmed fact) or as JSON
 * (every unconfirmed item carries `"unconfirmed": true` and its `note`, and
 * `unconfirmed_items` lists them). Exit 1 when no set is in force or it does
 * not apply to the organisation's region.
 */
export async function referralRulesCommand(options: ReferralRulesOptions): Promise<number> {
  const date = options.date ?? todayInKazakhstan();
  try {
    const rules = ruleSetOn(date);
    const region = checkRegion(rules, date, options.region);
    if (options.json) {
      const unconfirmed = markUnconfirmed(rules).notes.map(({ kind, path, note }) => ({ kind, path, unconfirmed: true, note }));
      process.stdout.write(JSON.stringify({ ...rules, region, unconfirmed_items: unconfirmed }, null, 2) + '\n');
      return EXIT.ok;
    }
    if (!region.checked) process.stderr.write(`note: ${region.note}\n`);
    const template = loadTemplate(options.lang, 'referral-rules', [], true);
    const view = ruleSetView(rules, template.locale);
    const regionNames = rules.applies_to.regions === 'all' ? [] : rules.applies_to.regions.map((id) => regions().find((r) => r.id === id)!);
    process.stdout.write(blocksToText(parseMarkup(template.renderData({ date, rules: view, regionNames })).blocks));
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof NoRulesError || err instanceof RegionRefused)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT.invalid;
  }
}
