/**
 * The meeting record exactly as `schemas/meeting.schema.json` admits it:
 * what a secretary writes in YAML, before defaults and normalisation.
 * Keep this in step with the schema; `model/meeting.ts` is what templates see.
 */

/** A name, or a name with a position. */
export type PersonInput = string | { name: string; position?: string };

/** Ready-made sections a statement can include. */
export type IncludeName = 'referral-rules';

/** Text as written: one text, or text parts and includes in order. */
export type ComposedTextInput = string | (string | { include: IncludeName })[];

/** A statement: bare text, or text with its speaker. */
export type StatementInput = string | { text: ComposedTextInput; speaker?: string; position?: string };

/** A decision: bare text, or text with who is responsible and by when. */
export type DecisionInput = string | { text: string; responsible?: string; deadline?: string };

/** Vote counts on one agenda item. */
export interface VotesInput {
  for: number;
  against?: number;
  abstained?: number;
}

/** One agenda item with everything recorded about it. */
export interface AgendaItemInput {
  title: string;
  rapporteur?: PersonInput;
  heard?: StatementInput;
  speakers?: StatementInput[];
  votes?: VotesInput;
  decisions?: DecisionInput[];
}

/** The bodies hattama knows. Each has its wording in the template locale file. */
export type BodyKind = 'board-of-trustees' | 'pedagogical-council' | 'parents-meeting' | 'methodological-council' | 'general-meeting';

/** Languages with templates. */
export type Language = 'kk' | 'ru';

/** A whole record as validated against the schema. */
export interface MeetingRecord {
  hattama: 1;
  language?: Language;
  template?: string;
  status?: 'draft' | 'signed';
  /** Path under the records folder of the sealed record this one corrects. */
  amends?: string;
  organisation: { name: string; name_locative?: string; settlement?: string };
  body: BodyKind;
  number: number;
  date: string;
  time?: string;
  place?: string;
  form?: string;
  sitting?: 'regular' | 'extraordinary';
  attendance: {
    present?: number;
    groups?: { label: string; count: number; note?: string }[];
    members?: number;
    people?: PersonInput[];
    absent?: (string | { name: string; reason?: string })[];
    invited?: PersonInput[];
  };
  chair: PersonInput;
  secretary: PersonInput;
  agenda: AgendaItemInput[];
  resolutions?: DecisionInput[];
  signatures?: { role: string; name: string }[];
}
