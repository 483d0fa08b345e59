import { ISO_DATE } from '../util/dates.js';
import type { MeetingRecord, PersonInput, StatementInput, DecisionInput, VotesInput } from './record.js';
import { MODEL_VERSION, type Meeting, type Person, type Statement, type StatementPart, type Decision, type Votes } from './meeting.js';

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
const votes = (v: VotesInput): Votes => {
  const against = v.against ?? 0;
  const abstained = v.abstained ?? 0;
  return { for: v.for, against, abstained, unanimous: against === 0 && abstained === 0 && v.for > 0 };
};

/** Expands a validated record into the meeting model: shorthands expanded, counts derived, lists filled. */
export function normalise(r: MeetingRecord): Meeting {
  const people = (r.attendance.people ?? []).map(person);
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
    attendance: {
      present: r.attendance.present ?? people.length,
      ...(r.attendance.members !== undefined && { members: r.attendance.members }),
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
      ...(item.votes !== undefined && { votes: votes(item.votes) }),
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
