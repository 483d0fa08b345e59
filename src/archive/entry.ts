/**
 * One meeting as the archive knows it: what the index page lists and the
 * manifest remembers for records that did not need rebuilding.
 */
import type { BodyKind, Language, Meeting } from '../model/meeting.js';

/** A meeting in the archive. Paths use "/" whatever the system. */
export interface ArchiveEntry {
  /** The record, relative to the records folder (e.g. "2025/2025-12-25-board-of-trustees-02.yaml"). */
  readonly record: string;
  /** Outputs relative to the output folder, by format. */
  readonly outputs: { readonly docx?: string; readonly pdf?: string };
  readonly language: Language;
  readonly body: BodyKind;
  readonly organisation: string;
  /** The document title, as in its metadata. */
  readonly title: string;
  readonly number: number;
  /** ISO date. */
  readonly date: string;
  readonly year: number;
  readonly agenda: readonly string[];
  /** Resolutions of the meeting plus decisions on agenda items. */
  readonly resolutions: number;
  readonly status: 'draft' | 'signed';
  /** The record this one corrects, if any (relative to the records folder). */
  readonly amends?: string;
}

/** The archive entry of a rendered meeting. */
export function entryOf(record: string, outputs: ArchiveEntry['outputs'], meeting: Meeting, title: string): ArchiveEntry {
  return {
    record,
    outputs,
    language: meeting.language,
    body: meeting.body,
    organisation: meeting.organisation.name,
    title,
    number: meeting.number,
    date: meeting.date,
    year: Number(meeting.date.slice(0, 4)),
    agenda: meeting.agenda.map((a) => a.title),
    resolutions: meeting.resolutions.length + meeting.agenda.reduce((n, a) => n + a.decisions.length, 0),
    status: meeting.status,
    ...(meeting.amends !== undefined && { amends: meeting.amends }),
  };
}
