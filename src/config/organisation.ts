/**
 * hattama.yaml `organisation:` and `bodies:` — who the archive belongs to and
 * who sits on each collegial body. `hattama new` and `hattama init` write
 * these into records; rendering reads only the records themselves.
 *
 *   organisation: { name: { kk: …, ru: … } }
 *   bodies:
 *     board-of-trustees: { chair: Аметов Е.Д, secretary: …, members: [ … ] | 7 }
 */
import type { BodyKind, Language, PersonInput } from '../model/record.js';
import { msg } from '../messages/index.js';
import { closest } from '../util/suggest.js';

/** `organisation:` of hattama.yaml. */
export interface OrganisationConfig {
  /** The official name, nominative, by record language. */
  readonly name: Readonly<Partial<Record<Language, string>>>;
}

/** One body under `bodies:`. */
export interface BodyConfig {
  readonly chair?: PersonInput;
  readonly secretary?: PersonInput;
  /** The members by name, or only how many there are. */
  readonly members?: number | readonly PersonInput[];
}

/** Every body a record's `body:` may name (schemas/meeting.schema.json). */
export const BODY_KINDS: readonly BodyKind[] = ['board-of-trustees', 'pedagogical-council', 'parents-meeting', 'methodological-council', 'general-meeting'];

/** Reports a problem at a path of hattama.yaml (at the key when `atKey`). */
export type ConfigError = (path: string[], message: string, atKey?: boolean) => void;

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLine = (v: unknown): v is string => typeof v === 'string' && /^[^\n]*\S[^\n]*$/.test(v);

function unknownKeys(value: Record<string, unknown>, allowed: readonly string[], at: string[], err: ConfigError): void {
  for (const k of Object.keys(value)) {
    if (allowed.includes(k)) continue;
    const hint = closest(k, [...allowed]);
    err([...at, k], hint ? msg('org-config.unknown-key-hint', { key: k, hint }) : msg('org-config.unknown-key', { key: k, keys: allowed.join(', ') }), true);
  }
}

/** `organisation:`, checked; undefined when absent or wrong (each problem reported). */
export function readOrganisation(value: unknown, err: ConfigError): OrganisationConfig | undefined {
  if (value === undefined) return undefined;
  if (!isMap(value) || !isMap(value['name'])) {
    err(['organisation'], msg('org-config.organisation-shape'));
    return undefined;
  }
  unknownKeys(value, ['name'], ['organisation'], err);
  const name = value['name'];
  unknownKeys(name, ['kk', 'ru'], ['organisation', 'name'], err);
  const out: Partial<Record<Language, string>> = {};
  for (const lang of ['kk', 'ru'] as const) {
    const v = name[lang];
    if (v === undefined) continue;
    if (isLine(v)) out[lang] = v;
    else err(['organisation', 'name', lang], msg('org-config.line', { key: `organisation.name.${lang}` }));
  }
  if (!Object.keys(name).length) err(['organisation', 'name'], msg('org-config.organisation-shape'));
  return Object.keys(out).length ? { name: out } : undefined;
}

function readPerson(value: unknown, at: string[], err: ConfigError): PersonInput | undefined {
  if (isLine(value)) return value;
  if (isMap(value) && isLine(value['name']) && (value['position'] === undefined || isLine(value['position']))) {
    unknownKeys(value, ['name', 'position'], at, err);
    return value['position'] === undefined ? { name: value['name'] } : { name: value['name'], position: value['position'] as string };
  }
  err(at, msg('org-config.person', { key: at.join('.') }));
  return undefined;
}

/** `bodies:`, checked; the bodies that are right (each problem reported). */
export function readBodies(value: unknown, err: ConfigError): Readonly<Partial<Record<BodyKind, BodyConfig>>> {
  if (value === undefined) return {};
  if (!isMap(value)) {
    err(['bodies'], msg('org-config.bodies-shape'));
    return {};
  }
  const out: Partial<Record<BodyKind, BodyConfig>> = {};
  for (const [id, raw] of Object.entries(value)) {
    if (!(BODY_KINDS as readonly string[]).includes(id)) {
      const hint = closest(id, [...BODY_KINDS]);
      err(['bodies', id], hint ? msg('org-config.unknown-body-hint', { body: id, hint }) : msg('org-config.unknown-body', { body: id, bodies: BODY_KINDS.join(', ') }), true);
      continue;
    }
    if (raw === null || raw === undefined) {
      out[id as BodyKind] = {};
      continue;
    }
    if (!isMap(raw)) {
      err(['bodies', id], msg('org-config.body-shape', { body: id }));
      continue;
    }
    unknownKeys(raw, ['chair', 'secretary', 'members'], ['bodies', id], err);
    const body: { chair?: PersonInput; secretary?: PersonInput; members?: number | PersonInput[] } = {};
    for (const role of ['chair', 'secretary'] as const) {
      if (raw[role] === undefined) continue;
      const p = readPerson(raw[role], ['bodies', id, role], err);
      if (p !== undefined) body[role] = p;
    }
    const members = raw['members'];
    if (typeof members === 'number' && Number.isInteger(members) && members >= 1) body.members = members;
    else if (Array.isArray(members) && members.length) {
      const people = members.map((m, i) => readPerson(m, ['bodies', id, 'members', String(i)], err));
      if (people.every((p) => p !== undefined)) body.members = people as PersonInput[];
    } else if (members !== undefined) err(['bodies', id, 'members'], msg('org-config.members'));
    out[id as BodyKind] = body;
  }
  return out;
}
