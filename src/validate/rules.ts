import type { Diagnostic } from '../parse/diagnostic.js';
import { positionInValue, positionOf, type SourceFile } from '../parse/source.js';
import type { MeetingRecord } from '../model/record.js';
import { isRealDate, ISO_DATE } from '../util/dates.js';
import { codePointName } from '../parse/characters.js';
import { walkStrings, type DataPath } from '../util/walk.js';
import { adoptedBy, quorumNeeded } from '../model/normalise.js';
import type { MajorityRule } from '../model/meeting.js';
import { findLookAlikes, lookAlikeMessage } from './look-alikes.js';
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
  /**
   * The month (1–12) a school year starts in, for school-year numbering: 9 by
   * default [R]; 8 where the pedagogical council at the end of August opens it.
   */
  readonly school_year_starts: number;
  /** Votes that adopt a decision: a majority of those present (default, [R]) or ⅔ of the members. */
  readonly majority: MajorityRule;
  /** The organisation's region (hattama.yaml `region`): `include: referral-rules` is refused when the rules in force do not apply there. */
  readonly region?: string;
}

/** The defaults: quorum of two thirds of the members; numbering by calendar year; majority of those present. */
export const DEFAULT_RULE_OPTIONS: RuleOptions = { quorum: 2 / 3, numbering: 'calendar-year', school_year_starts: 9, majority: 'present' };

/**
 * Checks a schema-valid record for what JSON Schema cannot say: votes that
 * exceed those present, head-counts that disagree with the lists, quorum,
 * deadlines, and typing slips (Latin look-alike letters inside Cyrillic words).
 */
export function ruleDiagnostics(source: SourceFile, record: MeetingRecord, options: RuleOptions = DEFAULT_RULE_OPTIONS): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: (string | number)[], severity: Diagnostic['severity'], rule: string, message: string): void => {
    out.push({ file: source.file, position: positionOf(source, path.map(String)), severity, rule, message });
  };
  const { attendance } = record;
  const listed = attendance.people?.length;
  const grouped = attendance.groups?.reduce((sum, g) => sum + g.count, 0);
  const present = attendance.present ?? grouped ?? listed ?? 0;

  if (attendance.present !== undefined && listed !== undefined && listed > 0 && listed !== attendance.present) {
    at(['attendance', 'present'], 'warning', 'rule/attendance-count', `attendance.present is ${attendance.present} but ${listed} people are listed`);
  }
  if (attendance.present !== undefined && grouped !== undefined && grouped !== attendance.present) {
    at(['attendance', 'present'], 'warning', 'rule/attendance-count', `attendance.present is ${attendance.present} but the groups add up to ${grouped}`);
  }
  if (options.majority === 'two-thirds-of-members' && attendance.members === undefined && record.agenda.some((item) => item.votes)) {
    at(['attendance'], 'warning', 'rule/majority', 'the majority rule is two thirds of the members, but attendance.members is not given: a decision needs two thirds of those present');
  }
  if (present === 0) {
    at(['attendance'], 'warning', 'rule/nobody-present', 'no one is recorded as present: check attendance');
  }
  if (attendance.members !== undefined) {
    const needed = quorumNeeded(attendance.members, options.quorum);
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
      } else if (total < present) {
        at(['agenda', i, 'votes'], 'warning', 'rule/votes-count', `agenda item ${i + 1}: the votes (${yes} for, ${against} against, ${abstained} abstained) add up to ${total}, but ${present} are present; check the counts (the minutes print them as given)`);
      }
      if (!item.decisions?.length && record.resolutions?.length && !adoptedBy(yes, present, attendance.members, options)) {
        at(['agenda', i, 'votes'], 'warning', 'rule/rejected-resolutions', `agenda item ${i + 1} adopted nothing (by the vote, or for want of a quorum) but has no decisions of its own: the meeting's resolutions are printed as adopted; put what was voted on under this item's decisions`);
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
          const where = [...path, 'text', k, 'include'];
          if (options.region === undefined) {
            // Not an error: the rules may well apply, but nothing checked it.
            at(where, 'warning', 'rule/include-region', `region not set in hattama.yaml: the rule set in force ("${rules.id}") was not checked against it`);
          } else {
            const problem = regionProblem(rules, options.region, record.date);
            if (problem) at(where, 'error', 'rule/include-region', problem);
          }
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

  // Values that came from hattama.yaml `defaults:` are checked once, at their place in that file (config/load.ts).
  const own = (path: DataPath, text: string): boolean => valueAt(source.value, path) === text;
  out.push(...textDiagnostics(source, record, [], own));
  return out;
}

/** The value at a path in parsed data, or undefined. */
function valueAt(value: unknown, path: DataPath): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(seg)];
  }
  return v;
}

/**
 * Typing slips in every string of `value`, which sits at `prefix` in
 * `source`: control characters, Latin look-alike letters inside Cyrillic
 * words (each at its own line and column) and the legacy-font ӛ. Used for a
 * record, and for the `defaults:` of hattama.yaml at their own positions.
 * @param include which strings to look at (all by default)
 */
export function textDiagnostics(
  source: SourceFile,
  value: unknown,
  prefix: readonly string[] = [],
  include: (path: DataPath, text: string) => boolean = () => true,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  walkStrings(value, (text, path) => {
    if (!include(path, text)) return;
    const segments = [...prefix, ...path.map(String)];
    // Control characters cannot be printed and are not allowed in DOCX/PDF text.
    const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
    if (control) {
      out.push({ file: source.file, position: positionOf(source, segments), severity: 'error', rule: 'text/control', message: `an invisible control character (${codePointName(control[0].charCodeAt(0))}) is in this text; delete it (it often comes with text pasted from another program)` });
    }
    // Legacy keyboards type Latin i (U+0069) for Kazakh і (U+0456); pasted text brings other Latin look-alikes.
    // Each occurrence is reported at the letter itself, not at the start of the value.
    for (const l of findLookAlikes(text)) {
      out.push({ file: source.file, position: positionInValue(source, segments, l.index), severity: 'warning', rule: 'text/look-alike', message: lookAlikeMessage(l) });
    }
    // Legacy fonts put ӛ (U+04DB) for ө.
    const barred = text.search(/[\u04DA\u04DB]/);
    if (barred >= 0) {
      out.push({ file: source.file, position: positionInValue(source, segments, barred), severity: 'warning', rule: 'text/barred-o', message: 'the letter "ӛ" (U+04DB) looks like a legacy-font substitute for Kazakh "ө" (U+04E9)' });
    }
  });
  return out;
}
