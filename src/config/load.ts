/**
 * Per-organisation configuration: `hattama.yaml`, found in the record's folder
 * or the nearest folder above it, never above the archive root. It can add template folders (searched before
 * the built-in templates), override the style profile, and supply defaults
 * for every record (organisation, chair, …).
 *
 *   templates: [my-templates]      # folders with <lang>/<name>.hbs, partials/, locale.yaml
 *   style: { font: { sizePt: 12 } }
 *   defaults: { organisation: { name: … } }
 *   rules: { quorum: 0.5, numbering: school-year, school_year_starts: 8, majority: present }
 *   layout: { title: document-type, headings: formal }   # see templates/layout.yaml
 *   region: aktobe                 # data/referral-rules.yaml `regions` id
 *   organisation: { name: { kk: …, ru: … } }        # see organisation.ts
 *   bodies: { board-of-trustees: { chair: …, secretary: …, members: [ … ] } }
 *   lang: kk                       # language of hattama's messages: kk, ru or en
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../parse/diagnostic.js';
import { keyPositionOf, parseSource, positionOf } from '../parse/source.js';
import { loadStyle } from '../style/load.js';
import type { StyleProfile } from '../style/profile.js';
import { DEFAULT_RULE_OPTIONS, textDiagnostics, type RuleOptions } from '../validate/rules.js';
import { schemaDiagnostics } from '../validate/schema-errors.js';
import validateStyle from '../validate/generated/style.js';
import validateLayout from '../validate/generated/layout.js';
import type { LayoutOverrides } from '../template/layout.js';
import { MEETING_SCHEMA_FILE } from '../validate/schema.js';
import { closest } from '../util/suggest.js';
import { isInside, lookUpArchive, realOrResolved } from '../archive/root.js';
import { fontProblem } from './font-check.js';
import { placeholderDiagnostics } from '../validate/placeholders.js';
import { unknownRegion } from '../referral/rules.js';
import { readBodies, readOrganisation, type BodyConfig, type OrganisationConfig } from './organisation.js';
import type { BodyKind } from '../model/record.js';
import { isLanguage, msg } from '../messages/index.js';

/** The configuration file's name. */
export const CONFIG_FILE = 'hattama.yaml';

/** Configuration resolved for one record. */
export interface Config {
  /** The file it came from, or undefined for built-in defaults. */
  readonly file: string | undefined;
  /** Template folders by priority, before the built-in one. */
  readonly templateDirs: readonly string[];
  readonly style: StyleProfile;
  /** Values every record starts from; the record's own values win. */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly rules: RuleOptions;
  /** Layout settings over templates/layout.yaml (`layout:`). */
  readonly layout: LayoutOverrides;
  /** `ledger.head`: a seal ledger head (64 lowercase hex) copied from somewhere trusted; `verify` checks the ledger still holds it. */
  readonly ledgerHead?: string;
  /** The organisation's region, an id from data/referral-rules.yaml `regions` (checked against the referral rule sets). */
  readonly region?: string;
  /** `organisation:` — the official name by language (written into new records). */
  readonly organisation?: OrganisationConfig;
  /** `bodies:` — members, chair and secretary of each body (written into new records). */
  readonly bodies: Readonly<Partial<Record<BodyKind, BodyConfig>>>;
}

/** A configuration and the problems found in its file (reported once per file by the CLI). */
export interface LoadedConfig {
  readonly config: Config;
  readonly diagnostics: readonly Diagnostic[];
}

const byFile = new Map<string, { loaded: LoadedConfig; mtime: number }>();

/**
 * Finds `hattama.yaml` at or above `dir`, never above the archive root (see
 * archive/root.ts): a `hattama.yaml` in a folder that holds the archive does
 * not change its records.
 */
export function findConfigFile(dir: string): string | undefined {
  return lookUpArchive(dir).configFile;
}

/**
 * The configuration for records in `dir`: one walk up the folders finds the
 * file and the archive root; each file is read once, and again when it changes.
 */
export function configFor(dir: string): LoadedConfig {
  const { root, configFile: file } = lookUpArchive(dir);
  if (!file) return { config: builtinConfig(), diagnostics: [] };
  const mtime = statSync(file).mtimeMs;
  const hit = byFile.get(file);
  if (hit && hit.mtime === mtime) return hit.loaded;
  const loaded = readConfig(file, root ?? dirname(file));
  byFile.set(file, { loaded, mtime });
  return loaded;
}

let builtin: Config | undefined;
function builtinConfig(): Config {
  builtin ??= { file: undefined, templateDirs: [], style: loadStyle(), defaults: {}, rules: DEFAULT_RULE_OPTIONS, layout: {}, bodies: {} };
  return builtin;
}

const KEYS = ['templates', 'style', 'defaults', 'rules', 'layout', 'ledger', 'region', 'lang', 'organisation', 'bodies'];
/** Keys a record may have, for checking `defaults` (read from the schema when there are defaults to check). */
const recordKeys = (): string[] => Object.keys((JSON.parse(readFileSync(MEETING_SCHEMA_FILE, 'utf8')) as { properties: object }).properties);

/** `path` as diagnostics name it: relative to the working folder (the archive root for build) when inside it, like record paths. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** Reads and checks one hattama.yaml; `archiveRoot` is the root of the archive it configures. */
function readConfig(path: string, archiveRoot: string): LoadedConfig {
  const file = shownPath(path);
  const source = parseSource(file, readFileSync(path, 'utf8'));
  const diagnostics: Diagnostic[] = [...source.diagnostics];
  const err = (path: string[], message: string, atKey = false): void => {
    diagnostics.push({ file, position: atKey ? keyPositionOf(source, path) : positionOf(source, path), severity: 'error', rule: 'config', message });
  };
  const value = source.value ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    err([], msg('config.not-a-mapping', { file: CONFIG_FILE }));
    return { config: builtinConfig(), diagnostics };
  }
  const raw = value as Record<string, unknown>;
  // Placeholders init wrote (organisation, chair…) and nobody filled in yet.
  diagnostics.push(...placeholderDiagnostics(source, raw, 'warning'));
  for (const k of Object.keys(raw)) {
    if (KEYS.includes(k)) continue;
    const hint = closest(k, KEYS);
    err([k], msg('config.unknown-key', { key: k, file: CONFIG_FILE }) + (hint ? ` — ${msg('schema.did-you-mean', { hint })}` : `; ${msg('config.takes', { keys: KEYS.join(', ') })}`), true);
  }
  const dir = dirname(path);
  const listed = raw['templates'] === undefined ? [] : Array.isArray(raw['templates']) ? raw['templates'] : [raw['templates']];
  // Paths in hattama.yaml name files inside the archive (fonts may also come from a package, "npm:…").
  const root = realOrResolved(archiveRoot);
  const outside = (p: string): boolean => !isInside(root, realOrResolved(p));
  const templateDirs = listed.flatMap((t, i) => {
    const at = ['templates', ...(Array.isArray(raw['templates']) ? [String(i)] : [])];
    const p = resolve(dir, String(t));
    let s: ReturnType<typeof statSync>;
    try {
      s = statSync(p, { throwIfNoEntry: false });
    } catch {
      s = undefined; // a file on the way (ENOTDIR): it does not exist as a folder
    }
    if (!s) err(at, msg('config.templates.missing', { path: String(t) }));
    else if (!s.isDirectory()) err(at, msg('config.templates.not-folder', { path: String(t) }));
    else if (outside(p)) err(at, msg('config.templates.outside', { path: String(t), root }));
    else return [p];
    return [];
  });

  let style = builtinConfig().style;
  if (raw['style'] !== undefined) {
    if (!validateStyle(raw['style'])) diagnostics.push(...schemaDiagnostics(source, validateStyle.errors ?? [], ['style']));
    else {
      const typed = ((raw['style'] as { font?: { pdf?: Record<string, unknown> } }).font?.pdf ?? {}) as Record<string, unknown>;
      try {
        style = loadStyle(raw['style'], dir);
      } catch (e) {
        // An "npm:" font whose package is not installed.
        err(['style', 'font', 'pdf'], msg('config.font.not-found', { detail: (e as Error).message.split('\n')[0] ?? '' }));
      }
      for (const [face, path] of Object.entries(style.font.pdf)) {
        const name = typeof typed[face] === 'string' ? (typed[face] as string) : path;
        // "npm:" names a file inside an installed package: a relative or absolute name would reach anywhere.
        if (name.startsWith('npm:') && !/^npm:(@[\w-][\w.-]*\/)?[\w-][\w.-]*\/(?!.*(^|\/)\.\.?(\/|$))[^\\]+$/.test(name)) {
          err(['style', 'font', 'pdf', face], msg('config.font.npm', { name }));
          continue;
        }
        if (typeof typed[face] === 'string' && !name.startsWith('npm:') && outside(path)) {
          err(['style', 'font', 'pdf', face], msg('config.font.outside', { name, root }));
          continue;
        }
        const problem = fontProblem(path);
        if (problem) err(['style', 'font', 'pdf', face], msg('config.font.unusable', { name, problem }));
      }
    }
  }

  const defaults = raw['defaults'] ?? {};
  if (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults)) err(['defaults'], msg('config.defaults.not-a-mapping'));
  else if (Object.keys(defaults).length) {
    const keys = recordKeys();
    for (const k of Object.keys(defaults)) {
      if (keys.includes(k)) continue;
      const hint = closest(k, keys);
      err(['defaults', k], msg('config.defaults.unknown-key', { key: k }) + (hint ? ` — ${msg('schema.did-you-mean', { hint })}` : ''), true);
    }
    // Typing slips in defaults are reported here, at their place in this file; records skip values they take from defaults.
    diagnostics.push(...textDiagnostics(source, defaults, ['defaults']));
  }

  const rulesRaw = (raw['rules'] ?? {}) as Partial<RuleOptions>;
  if (rulesRaw.quorum !== undefined && !(typeof rulesRaw.quorum === 'number' && rulesRaw.quorum > 0 && rulesRaw.quorum <= 1)) {
    err(['rules', 'quorum'], msg('config.rules.quorum'));
  }
  if (rulesRaw.numbering !== undefined && rulesRaw.numbering !== 'calendar-year' && rulesRaw.numbering !== 'school-year') {
    err(['rules', 'numbering'], msg('config.rules.numbering'));
  }
  const month = rulesRaw.school_year_starts;
  if (month !== undefined && !(Number.isInteger(month) && month >= 1 && month <= 12)) {
    err(['rules', 'school_year_starts'], msg('config.rules.school-year-starts'));
  }
  if (rulesRaw.majority !== undefined && rulesRaw.majority !== 'present' && rulesRaw.majority !== 'two-thirds-of-members') {
    err(['rules', 'majority'], msg('config.rules.majority'));
  }
  for (const k of Object.keys(rulesRaw)) {
    if (k in DEFAULT_RULE_OPTIONS) continue;
    const hint = closest(k, Object.keys(DEFAULT_RULE_OPTIONS));
    err(['rules', k], msg('config.rules.unknown', { key: k }) + (hint ? ` — ${msg('schema.did-you-mean', { hint })}` : `; ${msg('config.rules.takes', { keys: Object.keys(DEFAULT_RULE_OPTIONS).join(', ') })}`), true);
  }

  let layout: LayoutOverrides = {};
  if (raw['layout'] !== undefined) {
    if (!validateLayout(raw['layout'])) diagnostics.push(...schemaDiagnostics(source, validateLayout.errors ?? [], ['layout']));
    else layout = raw['layout'] as LayoutOverrides;
  }
  const ledgerHead = readLedgerHead(raw['ledger'], err);
  const organisation = readOrganisation(raw['organisation'], err);
  const bodies = readBodies(raw['bodies'], err);
  const region = raw['region'];
  const regionOk = typeof region === 'string' && unknownRegion(region) === undefined;
  if (region !== undefined && !regionOk) {
    err(['region'], typeof region === 'string' ? unknownRegion(region)! : msg('config.region'));
  }
  // `lang:` (the language hattama speaks in) is read early by messages/choose.ts; here it is only checked.
  if (raw['lang'] !== undefined && !isLanguage(raw['lang'])) err(['lang'], msg('config.lang', { value: String(raw['lang']).slice(0, 20) }));
  const config: Config = {
    file: path,
    templateDirs,
    style,
    defaults: defaults as Record<string, unknown>,
    rules: { ...DEFAULT_RULE_OPTIONS, ...rulesRaw, ...(regionOk && { region: region as string }) },
    ...(regionOk && { region: region as string }),
    layout,
    ...(ledgerHead !== undefined && { ledgerHead }),
    ...(organisation !== undefined && { organisation }),
    bodies,
  };
  return { config, diagnostics };
}

/** `ledger: { head: <64 hex digits> }`, checked; the head in lowercase, or undefined. */
function readLedgerHead(value: unknown, err: (path: string[], message: string, atKey?: boolean) => void): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    err(['ledger'], msg('config.ledger.not-a-mapping'));
    return undefined;
  }
  for (const k of Object.keys(value)) if (k !== 'head') err(['ledger', k], msg('config.ledger.unknown-key', { key: k }), true);
  const head = (value as Record<string, unknown>)['head'];
  if (head === undefined) return undefined;
  if (typeof head !== 'string' || !/^[0-9a-fA-F]{64}$/.test(head.trim())) {
    err(['ledger', 'head'], msg('config.ledger.head'));
    return undefined;
  }
  return head.trim().toLowerCase();
}
