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
  /** What the index page searches besides the title and agenda (absent in manifests of older builds). */
  readonly search?: EntrySearch;
}

/**
 * The people and decisions of a meeting that the index page searches and
 * quotes ("Төраға: …", "Шешім: …"): only what the minutes themselves print
 * by name, never the attendance lists. Empty lists are left out, to keep
 * index.json small.
 */
export interface EntrySearch {
  readonly chair?: string;
  readonly secretary?: string;
  /** Rapporteurs of agenda items, each once, in agenda order. */
  readonly rapporteurs?: readonly string[];
  /** Speakers named by the record (heard and statements), each once, in agenda order. */
  readonly speakers?: readonly string[];
  /** The text of every decision: the agenda items' first, then the meeting's resolutions. */
  readonly decisions?: readonly string[];
}

/** The search fields of a meeting (see {@link EntrySearch}). */
export function searchOf(meeting: Meeting): EntrySearch {
  const once = (xs: readonly (string | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => x !== undefined && x.trim() !== ''))];
  const rapporteurs = once(meeting.agenda.map((a) => a.rapporteur?.name));
  const speakers = once(meeting.agenda.flatMap((a) => [a.heard?.speaker, ...a.speakers.map((s) => s.speaker)]));
  const decisions = once([...meeting.agenda.flatMap((a) => a.decisions.map((d) => d.text)), ...meeting.resolutions.map((d) => d.text)]);
  return {
    ...(meeting.chair.name.trim() !== '' && { chair: meeting.chair.name }),
    ...(meeting.secretary.name.trim() !== '' && { secretary: meeting.secretary.name }),
    ...(rapporteurs.length > 0 && { rapporteurs }),
    ...(speakers.length > 0 && { speakers }),
    ...(decisions.length > 0 && { decisions }),
  };
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
    search: searchOf(meeting),
  };
}
