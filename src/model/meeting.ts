/**
 * The meeting model: one normalised shape that every template renders.
 * Shorthands of the record (a bare string for a person, statement or decision)
 * are expanded, counts are derived, lists are never undefined.
 * Versioned: bump {@link MODEL_VERSION} when a template-visible field changes.
 */
import type { BodyKind, IncludeName, Language } from './record.js';

export type { BodyKind, IncludeName, Language };

/** Version of this model's shape, visible to templates as `modelVersion`. */
export const MODEL_VERSION = 2;

/** A person as printed: name, and position when known. */
export interface Person {
  readonly name: string;
  readonly position?: string;
}

/** Someone absent, with the reason when recorded. */
export interface Absentee {
  readonly name: string;
  readonly reason?: string;
}

/**
 * One part of a statement: record text (paragraphs and lists), or a
 * ready-made section rendered by the partial of that name. The first text
 * part carries the speaker, when the record names one, to open with.
 */
export type StatementPart =
  | { readonly text: string; readonly speaker?: string; readonly position?: string }
  | { readonly include: IncludeName };

/** A statement, with its speaker when the text does not name them. */
export interface Statement {
  readonly parts: readonly StatementPart[];
  readonly speaker?: string;
  readonly position?: string;
}

/** A decision with who answers for it and by when. */
export interface Decision {
  readonly text: string;
  readonly responsible?: string;
  /** The deadline as written: an ISO date or free text. */
  readonly deadline?: string;
  /** True when {@link deadline} is an ISO date (templates format it as a date). */
  readonly deadlineIsDate: boolean;
}

/** Vote counts, with absent counts as 0, and their outcome under the body's majority rule. */
export interface Votes {
  readonly for: number;
  readonly against: number;
  readonly abstained: number;
  /** Everyone present voted for (not merely everyone who voted). */
  readonly unanimous: boolean;
  /** The decision passed under the majority rule ({@link MajorityRule}). */
  readonly adopted: boolean;
}

/**
 * How many votes for adopt a decision: more than half of those present
 * (the default, [R]), or at least two thirds of the body's members.
 */
export type MajorityRule = 'present' | 'two-thirds-of-members';

/** The quorum, stated when the body's member count is known. */
export interface Quorum {
  readonly members: number;
  readonly present: number;
  /** Members needed: the quorum share of {@link members}, rounded up. */
  readonly needed: number;
  readonly met: boolean;
}

/** A group of those present, as printed: «ата-аналар – 9 (…)». */
export interface AttendanceGroup {
  readonly label: string;
  readonly count: number;
  readonly note?: string;
}

/** One agenda item and everything recorded about it. */
export interface AgendaItem {
  /** 1-based position on the agenda. */
  readonly number: number;
  readonly title: string;
  readonly rapporteur?: Person;
  readonly heard?: Statement;
  readonly speakers: readonly Statement[];
  readonly votes?: Votes;
  readonly decisions: readonly Decision[];
}

/** Who attended. */
export interface Attendance {
  /** Head-count: as recorded, else the sum of the groups, else the number of people listed. */
  readonly present: number;
  /** Those present by group, when recorded. */
  readonly groups: readonly AttendanceGroup[];
  /** The quorum, when the member count is known. */
  readonly quorum?: Quorum;
  /** Members of the body, when recorded. */
  readonly members?: number;
  readonly people: readonly Person[];
  readonly absent: readonly Absentee[];
  readonly invited: readonly Person[];
}

/** A signature row. `role` absent means the template supplies the wording (chair, secretary). */
export interface SignatureLine {
  readonly role?: string;
  /** Which default role this is, for templates that label it. */
  readonly kind: 'chair' | 'secretary' | 'custom';
  readonly name: string;
}

/** The whole meeting, ready for a template. */
export interface Meeting {
  readonly modelVersion: number;
  readonly language: Language;
  /** Template name: the record's `template`, else the body. */
  readonly template: string;
  readonly status: 'draft' | 'signed';
  /** Path under the records folder of the record this one corrects. */
  readonly amends?: string;
  readonly organisation: {
    readonly name: string;
    /** The locative form when the record gives it; templates otherwise derive it. */
    readonly nameLocative?: string;
    readonly settlement?: string;
  };
  readonly body: BodyKind;
  readonly number: number;
  /** ISO date, YYYY-MM-DD. */
  readonly date: string;
  readonly time?: string;
  readonly place?: string;
  readonly form?: string;
  /** Regular or extraordinary, when recorded. */
  readonly sitting?: 'regular' | 'extraordinary';
  readonly attendance: Attendance;
  readonly chair: Person;
  readonly secretary: Person;
  readonly agenda: readonly AgendaItem[];
  readonly resolutions: readonly Decision[];
  readonly signatures: readonly SignatureLine[];
}
