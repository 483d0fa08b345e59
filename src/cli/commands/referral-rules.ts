import { join } from 'node:path';
import { loadTemplate } from '../../template/engine.js';
import { parseMarkup } from '../../document/markup.js';
import type { DocumentModel } from '../../document/blocks.js';
import { blocksToText } from '../../document/plain-text.js';
import type { Format } from '../../render/render.js';
import { ruleSetOn, regions, markUnconfirmed, NoRulesError } from '../../referral/rules.js';
import { renderReport, ruleSetView } from '../../referral/report.js';
import { loadStyle } from '../../style/load.js';
import { EXIT, writeAndReport } from '../report.js';
import { checkRegion, RegionRefused } from './referral-region.js';
import { enterArchive, OUTPUT_DIR } from '../../archive/root.js';
import { msg } from '../../messages/index.js';

/** Options of `hattama referral rules`. */
export interface ReferralRulesOptions {
  /** The rules in force on this ISO date; today when absent. */
  readonly date?: string;
  readonly lang: 'kk' | 'ru';
  readonly json?: boolean;
  /** The organisation's region id; hattama.yaml's `region` when absent. */
  readonly region?: string;
  /** Write the document in these formats instead of printing it. */
  readonly format?: readonly Format[];
  /** Folder to write into (default `out` when only --format is given). */
  readonly out?: string;
}

/** Today's date in Kazakhstan (UTC+5), for "the rules in force now". */
const todayInKazakhstan = (): string => new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10);

/**
 * The rules document for a date: title, the date the set applies from, where
 * it applies, the summary the minutes include, sources, and a numbered note
 * for every fact its sources do not confirm (templates/<lang>/referral-rules.hbs).
 * @throws NoRulesError when no set is in force on the date
 */
export function rulesDocument(date: string, lang: 'kk' | 'ru'): DocumentModel {
  const rules = ruleSetOn(date);
  const template = loadTemplate(lang, 'referral-rules', [], true);
  const regionNames = rules.applies_to.regions === 'all' ? [] : rules.applies_to.regions.map((id) => regions().find((r) => r.id === id)!);
  const parsed = parseMarkup(template.renderData({ date, rules: ruleSetView(rules, template.locale), regionNames, standalone: true }));
  return { ...parsed, meta: { ...parsed.meta, date: new Date(`${rules.effective_from}T00:00:00Z`) } };
}

/**
 * `hattama referral rules`: the rule set in force on a date, printed as text,
 * written as DOCX/PDF (--out, --format), or as JSON (every unconfirmed item
 * carries `"unconfirmed": true` and its `note`; `unconfirmed_items` lists
 * them). Exit 1 when no set is in force or it does not apply to the
 * organisation's region; without a region, a note says it was not checked.
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
    if (!region.checked) process.stderr.write(`${msg('referral.note')}: ${region.note}\n`);
    const doc = rulesDocument(date, options.lang);
    if (options.out === undefined && options.format === undefined) {
      process.stdout.write(blocksToText(doc.blocks));
      return EXIT.ok;
    }
    const outputs = await renderReport(doc, options.format ?? ['docx', 'pdf'], loadStyle());
    // From any folder of the archive: default out/ at its root, paths printed from there.
    const place = enterArchive();
    const dir = place.at(options.out, OUTPUT_DIR);
    return await writeAndReport(new Map([...outputs].map(([format, bytes]) => [join(dir, `referral-rules-${date}-${options.lang}.${format}`), bytes] as const)));
  } catch (err) {
    if (!(err instanceof NoRulesError || err instanceof RegionRefused)) throw err;
    process.stderr.write(`${msg('cli.error.prefix')}: ${err.message}\n`);
    return EXIT.invalid;
  }
}
