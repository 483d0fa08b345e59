import type { Diagnostic } from '../parse/diagnostic.js';
import { positionInValue, positionOf, type SourceFile } from '../parse/source.js';
import type { MeetingRecord } from '../model/record.js';
import { isRealDate, ISO_DATE } from '../util/dates.js';
import { codePointName } from '../parse/characters.js';
import { walkStrings, type DataPath } from '../util/walk.js';
import { adoptedBy, quorumNeeded } from '../model/normalise.js';
import type { MajorityRule } from '../model/meeting.js';
import { findLookAlikes, lookAlikeMessage } from './look-alikes.js';
import { placeholderDiagnostics } from './placeholders.js';
import { ruleSetOn, regionProblem, NoRulesError } from '../referral/rules.js';
import { msg } from '../messages/index.js';

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
    at(['attendance', 'present'], 'warning', 'rule/attendance-count', msg('validate.present-vs-people', { present: attendance.present, n: listed }));
  }
  if (attendance.present !== undefined && grouped !== undefined && grouped !== attendance.present) {
    at(['attendance', 'present'], 'warning', 'rule/attendance-count', msg('validate.present-vs-groups', { present: attendance.present, sum: grouped }));
  }
  if (options.majority === 'two-thirds-of-members' && attendance.members === undefined && record.agenda.some((item) => item.votes)) {
    at(['attendance'], 'warning', 'rule/majority', msg('validate.majority-no-members'));
  }
  if (present === 0) {
    at(['attendance'], 'warning', 'rule/nobody-present', msg('validate.nobody-present'));
  }
  if (attendance.members !== undefined) {
    const needed = quorumNeeded(attendance.members, options.quorum);
    if (present > attendance.members) {
      at(['attendance', 'present'], 'error', 'rule/attendance-members', msg('validate.present-over-members', { present, members: attendance.members }));
    } else if (present < needed) {
      at(['attendance', 'present'], 'warning', 'rule/quorum', msg('validate.no-quorum', { present, members: attendance.members, needed }));
    }
  }

  record.agenda.forEach((item, i) => {
    if (item.votes) {
      const { for: yes, against = 0, abstained = 0 } = item.votes;
      const total = yes + against + abstained;
      if (total > present) {
        at(['agenda', i, 'votes'], 'error', 'rule/votes', msg('validate.votes-over-present', { item: i + 1, total, for: yes, against, abstained, present }));
      } else if (total < present) {
        at(['agenda', i, 'votes'], 'warning', 'rule/votes-count', msg('validate.votes-under-present', { item: i + 1, total, for: yes, against, abstained, present }));
      }
      if (!item.decisions?.length && record.resolutions?.length && !adoptedBy(yes, present, attendance.members, options)) {
        at(['agenda', i, 'votes'], 'warning', 'rule/rejected-resolutions', msg('validate.rejected-resolutions', { item: i + 1 }));
      }
    }
    if (!item.heard && !item.speakers?.length && !item.decisions?.length) {
      at(['agenda', i], 'warning', 'rule/empty-item', msg('validate.empty-item', { item: i + 1 }));
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
            at(where, 'warning', 'rule/include-region', msg('validate.include-no-region', { rules: rules.id }));
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
      if (!isRealDate(d.deadline)) at([...path, 'deadline'], 'error', 'schema/date', msg('validate.deadline-not-real', { value: d.deadline }));
      else if (d.deadline < record.date) at([...path, 'deadline'], 'warning', 'rule/deadline-past', msg('validate.deadline-past', { deadline: d.deadline, date: record.date }));
    }
  }

  // Values that came from hattama.yaml `defaults:` are checked once, at their place in that file (config/load.ts).
  const own = (path: DataPath, text: string): boolean => valueAt(source.value, path) === text;
  out.push(...textDiagnostics(source, record, [], own));
  // A placeholder left by init/new: to fill in while a draft, never in signed minutes.
  out.push(...placeholderDiagnostics(source, record, record.status === 'signed' ? 'error' : 'warning', [], own));
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
      out.push({ file: source.file, position: positionOf(source, segments), severity: 'error', rule: 'text/control', message: msg('validate.control', { code: codePointName(control[0].charCodeAt(0)) }) });
    }
    // Legacy keyboards type Latin i (U+0069) for Kazakh і (U+0456); pasted text brings other Latin look-alikes.
    // Each occurrence is reported at the letter itself, not at the start of the value.
    for (const l of findLookAlikes(text)) {
      out.push({ file: source.file, position: positionInValue(source, segments, l.index), severity: 'warning', rule: 'text/look-alike', message: lookAlikeMessage(l) });
    }
    // Legacy fonts put ӛ (U+04DB) for ө.
    const barred = text.search(/[\u04DA\u04DB]/);
    if (barred >= 0) {
      out.push({ file: source.file, position: positionInValue(source, segments, barred), severity: 'warning', rule: 'text/barred-o', message: msg('validate.barred-o') });
    }
  });
  return out;
}
