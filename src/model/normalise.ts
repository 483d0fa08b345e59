import { ISO_DATE } from '../util/dates.js';
import type { MeetingRecord, PersonInput, StatementInput, DecisionInput, VotesInput } from './record.js';
import { MODEL_VERSION, type Meeting, type Person, type Statement, type StatementPart, type Decision, type Votes, type MajorityRule, type Quorum } from './meeting.js';

/** The body's counting rules, from hattama.yaml `rules:` (see validate/rules.ts for the defaults). */
export interface CountingRules {
  /** Share of members that makes a quorum. */
  readonly quorum: number;
  readonly majority: MajorityRule;
}

/** Members needed for a quorum: the share of the members, rounded up (the tolerance keeps 2/3 of 9 at 6). */
export const quorumNeeded = (members: number, share: number): number => Math.ceil(members * share - 1e-9);

const person = (p: PersonInput): Person => (typeof p === 'string' ? { name: p } : p);
function statement(s: StatementInput): Statement {
  const { text, speaker, position } = typeof s === 'string' ? { text: s, speaker: undefined, position: undefined } : s;
  const who = { ...(speaker !== undefined && { speaker }), ...(position !== undefined && { position }) };
  const parts: StatementPart[] = (typeof text === 'string' ? [text] : text).map((p) => (typeof p === 'string' ? { text: p } : { include: p.include }));
  // The speaker opens the first paragraph; a statement that starts with an include gets a paragraph of its own for them.
  if (speaker !== undefined || position !== undefined) {
    const first = parts[0];
    if (first && 'text' in first) parts[0] = { ...first, ...who };
    else parts.unshift({ text: '', ...who });
  }
  return { parts, ...who };
}
const decision = (d: DecisionInput): Decision => {
  const o = typeof d === 'string' ? { text: d } : d;
  return { ...o, deadlineIsDate: o.deadline !== undefined && ISO_DATE.test(o.deadline) };
};
/**
 * Whether `votesFor` adopt a decision: more than half of those present, or
 * two thirds of the members when that is the rule (two thirds of those
 * present when the member count is not known) — and never without a quorum,
 * when the member count is known.
 */
export function adoptedBy(votesFor: number, present: number, members: number | undefined, rules: CountingRules): boolean {
  const majority = rules.majority === 'two-thirds-of-members' ? votesFor >= quorumNeeded(members ?? present, 2 / 3) : votesFor * 2 > present;
  return majority && (members === undefined || present >= quorumNeeded(members, rules.quorum));
}

/** Counts and outcome of a vote; unanimous only when everyone present voted for. */
function votes(v: VotesInput, present: number, members: number | undefined, rules: CountingRules): Votes {
  return {
    for: v.for,
    against: v.against ?? 0,
    abstained: v.abstained ?? 0,
    unanimous: present > 0 && v.for === present,
    adopted: adoptedBy(v.for, present, members, rules),
  };
}

/** Expands a validated record into the meeting model: shorthands expanded, counts derived, lists filled. */
export function normalise(r: MeetingRecord, rules: CountingRules = { quorum: 2 / 3, majority: 'present' }): Meeting {
  const people = (r.attendance.people ?? []).map(person);
  const groups = r.attendance.groups ?? [];
  const present = r.attendance.present ?? (groups.length ? groups.reduce((sum, g) => sum + g.count, 0) : people.length);
  const { members } = r.attendance;
  const needed = members === undefined ? undefined : quorumNeeded(members, rules.quorum);
  const quorum: Quorum | undefined = members === undefined || needed === undefined ? undefined : { members, present, needed, met: present >= needed };
  const chair = person(r.chair);
  const secretary = person(r.secretary);
  return {
    modelVersion: MODEL_VERSION,
    language: r.language ?? 'kk',
    template: r.template ?? r.body,
    status: r.status ?? 'draft',
    ...(r.amends !== undefined && { amends: r.amends }),
    organisation: {
      name: r.organisation.name,
      ...(r.organisation.name_locative !== undefined && { nameLocative: r.organisation.name_locative }),
      ...(r.organisation.settlement !== undefined && { settlement: r.organisation.settlement }),
    },
    body: r.body,
    number: r.number,
    date: r.date,
    ...(r.time !== undefined && { time: r.time }),
    ...(r.place !== undefined && { place: r.place }),
    ...(r.form !== undefined && { form: r.form }),
    ...(r.sitting !== undefined && { sitting: r.sitting }),
    attendance: {
      present,
      groups,
      ...(quorum && { quorum }),
      ...(members !== undefined && { members }),
      people,
      absent: (r.attendance.absent ?? []).map((a) => (typeof a === 'string' ? { name: a } : a)),
      invited: (r.attendance.invited ?? []).map(person),
    },
    chair,
    secretary,
    agenda: r.agenda.map((item, i) => ({
      number: i + 1,
      title: item.title,
      ...(item.rapporteur !== undefined && { rapporteur: person(item.rapporteur) }),
      ...(item.heard !== undefined && { heard: statement(item.heard) }),
      speakers: (item.speakers ?? []).map(statement),
      ...(item.votes !== undefined && { votes: votes(item.votes, present, members, rules) }),
      decisions: (item.decisions ?? []).map(decision),
    })),
    resolutions: (r.resolutions ?? []).map(decision),
    signatures: r.signatures
      ? r.signatures.map((s) => ({ role: s.role, kind: 'custom' as const, name: s.name }))
      : [
          { kind: 'chair' as const, name: chair.name },
          { kind: 'secretary' as const, name: secretary.name },
        ],
  };
}
