/**
 * The organisation's region for the referral commands: `--region`, else
 * `region:` in the hattama.yaml of the archive around the current folder
 * (its root's, from any of its folders). Checked
 * against the rule set in force, so rules for another region are refused.
 */
import { configFor } from '../../config/load.js';
import { archivePlace } from '../../archive/root.js';
import { formatDiagnostic, hasErrors } from '../../parse/diagnostic.js';
import { regionProblem, unknownRegion, type RuleSet } from '../../referral/rules.js';
import { msg } from '../../messages/index.js';

/** Whether the region was checked, and against what. */
export type RegionCheck =
  | { readonly checked: true; readonly region: string; readonly applies: true }
  | { readonly checked: false; readonly note: string };

/** Why a region check failed: the lines to print on stderr. */
export class RegionRefused extends Error {}

/**
 * The region to check: `--region`, else hattama.yaml's. Throws
 * {@link RegionRefused} with the message when the id is unknown or the
 * rule set does not apply there.
 */
export function checkRegion(set: RuleSet, date: string, option: string | undefined): RegionCheck {
  let region = option;
  if (region === undefined) {
    const { config, diagnostics } = configFor(archivePlace().root);
    if (hasErrors(diagnostics)) throw new RegionRefused(diagnostics.map(formatDiagnostic).join('\n'));
    region = config.region;
  } else {
    const unknown = unknownRegion(region);
    if (unknown) throw new RegionRefused(`--region: ${unknown}`);
  }
  if (region === undefined) {
    return { checked: false, note: msg('referral.no-region', { rules: set.id }) };
  }
  const problem = regionProblem(set, region, date);
  if (problem) throw new RegionRefused(problem);
  return { checked: true, region, applies: true };
}
