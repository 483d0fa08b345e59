import type { Diagnostic } from '../parse/diagnostic.js';
import { positionOf, type SourceFile } from '../parse/source.js';
import type { MeetingRecord } from '../model/record.js';
import { isRealDate, ISO_DATE } from '../util/dates.js';
import { walkStrings } from '../util/walk.js';
import { canFormLocative } from '../template/kazakh.js';
import { ruleSetOn, regionProblem, NoRulesError } from '../referral/rules.js';

/** Options for the checks beyond the schema. Items marked [R] in the reference are defaults here. */
export interface RuleOptions {
  /** Share of members that makes a quorum (order № 355, recollection [R]): 2/3. */
  readonly quorum: number;
  /**
   * When protocol numbers start again at 1: each calendar year, or each school
   * year (1 September to 31 August). Practice varies [R]; calendar year by default.
   */
  readonly numbering: 'calendar-year' | 'school-year';
  /** The organisation's region (hattama.yaml `region`): `include: referral-rules` is refused when the rules in force do not apply there. */
  readonly region?: string;
}

/** The defaults: quorum of two thirds of the members; numbering by calendar year. */
export const DEFAULT_RULE_OPTIONS: RuleOptions = { quorum: 2 / 3, numbering: 'calendar-year' };

/**
 * Checks a schema-valid record for what JSON Schema cannot say: votes that
 * exceed those present, head-counts that disagree with the lists, quorum,
 * deadlines, and typing slips (Latin "i" inside Kazakh words).
 */
export function ruleDiagnostics(source: SourceFile, record: MeetingRecord, options: RuleOptions = DEFAULT_RULE_OPTIONS): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: (string | number)[], severity: Diagnostic['severity'], rule: string, message: string): void => {
    out.push({ file: source.file, position: positionOf(source, path.map(String)), severity, rule, message });
  };
  const { attendance } = record;
  const listed = attendance.people?.length;
  const present = attendance.present ?? listed ?? 0;

  if (attendance.present !== undefined && listed !== undefined && listed > 0 && listed !== attendance.present) {
    at(['attendance', 'present'], 'warning', 'rule/attendance-count', `attendance.present is ${attendance.present} but ${listed} people are listed`);
  }
  if (attendance.members !== undefined) {
    const needed = Math.ceil(attendance.members * options.quorum - 1e-9);
    if (present > attendance.members) {
      at(['attendance', 'present'], 'error', 'rule/attendance-members', `${present} present is more than the body's ${attendance.members} members`);
    } else if (present < needed) {
      at(['attendance', 'present'], 'warning', 'rule/quorum', `no quorum: ${present} of ${attendance.members} members present, ${needed} needed`);
    }
  }

  record.agenda.forEach((item, i) => {
    if (item.votes) {
      const { for: yes, against = 0, abstained = 0 } = item.votes;
      const total = yes + against + abstained;
      if (total > present) {
        at(['agenda', i, 'votes'], 'error', 'rule/votes', `agenda item ${i + 1}: ${total} votes cast (${yes} for, ${against} against, ${abstained} abstained) but only ${present} present`);
      }
    }
    if (!item.heard && !item.speakers?.length && !item.decisions?.length) {
      at(['agenda', i], 'warning', 'rule/empty-item', `agenda item ${i + 1} records nothing heard, said or decided`);
    }
    item.decisions?.forEach((d, j) => checkDeadline(d, ['agenda', i, 'decisions', j]));
    const statements = [
      ...(item.heard !== undefined ? [{ s: item.heard, path: ['agenda', i, 'heard'] }] : []),
      ...(item.speakers ?? []).map((s, j) => ({ s, path: ['agenda', i, 'speakers', j] })),
    ];
    for (const { s, path } of statements) {
      if (typeof s === 'string' || typeof s.text === 'string') continue;
      s.text.forEach((part, k) => {
        if (typeof part === 'string' || part.include !== 'referral-rules') return;
        try {
          const rules = ruleSetOn(record.date);
          const problem = options.region === undefined ? undefined : regionProblem(rules, options.region, record.date);
          if (problem) at([...path, 'text', k, 'include'], 'error', 'rule/include-region', problem);
        } catch (err) {
          if (!(err instanceof NoRulesError)) throw err;
          at([...path, 'text', k, 'include'], 'error', 'rule/include', err.message);
        }
      });
    }
  });
  record.resolutions?.forEach((d, j) => checkDeadline(d, ['resolutions', j]));

  function checkDeadline(d: MeetingRecord['resolutions'] extends (infer T)[] | undefined ? T : never, path: (string | number)[]): void {
    if (typeof d === 'string' || d.deadline === undefined) return;
    if (ISO_DATE.test(d.deadline)) {
      if (!isRealDate(d.deadline)) at([...path, 'deadline'], 'error', 'schema/date', `deadline "${d.deadline}" is not a real calendar date`);
      else if (d.deadline < record.date) at([...path, 'deadline'], 'warning', 'rule/deadline-past', `deadline ${d.deadline} is before the meeting (${record.date})`);
    }
  }

  if ((record.language ?? 'kk') === 'kk' && !record.organisation.name_locative && !canFormLocative(record.organisation.name)) {
    at(['organisation', 'name'], 'error', 'rule/locative', 'cannot form the locative ("…-да/-де") of this name by rule; add organisation.name_locative with the form the title needs');
  }

  walkStrings(record, (text, path) => {
    // Control characters cannot be printed and are not allowed in DOCX/PDF text.
    const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      at(path, 'error', 'text/control', `an invisible control character (U+${code}) is in this text; delete it (it often comes with text pasted from another program)`);
    }
    // Legacy keyboards type Latin i (U+0069) for Kazakh і (U+0456), and ӛ (U+04DB) for ө.
    if (/[\u0400-\u04FF]i|i[\u0400-\u04FF]/.test(text)) {
      at(path, 'warning', 'text/latin-i', 'Latin "i" inside a Kazakh word; the Kazakh letter is "і" (U+0456)');
    }
    if (/[\u04DA\u04DB]/.test(text)) at(path, 'warning', 'text/barred-o', 'the letter "ӛ" (U+04DB) looks like a legacy-font substitute for Kazakh "ө" (U+04E9)');
  });
  return out;
}
