/**
 * Per-organisation configuration: `hattama.yaml`, found in the record's folder
 * or the nearest folder above it. It can add template folders (searched before
 * the built-in templates), override the style profile, and supply defaults
 * for every record (organisation, chair, …).
 *
 *   templates: [my-templates]      # folders with <lang>/<name>.hbs, partials/, locale.yaml
 *   style: { font: { sizePt: 12 } }
 *   defaults: { organisation: { name: … } }
 *   rules: { quorum: 0.5, numbering: school-year }
 *   region: aktobe                 # data/referral-rules.yaml `regions` id
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../parse/diagnostic.js';
import { keyPositionOf, parseSource, positionOf } from '../parse/source.js';
import { loadStyle } from '../style/load.js';
import type { StyleProfile } from '../style/profile.js';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../validate/rules.js';
import { schemaDiagnostics } from '../validate/schema-errors.js';
import validateStyle from '../validate/generated/style.js';
import { MEETING_SCHEMA_FILE } from '../validate/schema.js';
import { closest } from '../util/suggest.js';
import { unknownRegion } from '../referral/rules.js';

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
  /** The organisation's region, an id from data/referral-rules.yaml `regions` (checked against the referral rule sets). */
  readonly region?: string;
}

/** A configuration and the problems found in its file (reported once per file by the CLI). */
export interface LoadedConfig {
  readonly config: Config;
  readonly diagnostics: readonly Diagnostic[];
}

const byFile = new Map<string, { loaded: LoadedConfig; mtime: number }>();

/** Finds `hattama.yaml` at or above `dir`. */
export function findConfigFile(dir: string): string | undefined {
  let d = resolve(dir);
  for (;;) {
    const f = join(d, CONFIG_FILE);
    if (existsSync(f)) return f;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** The configuration for records in `dir`; each file is read once, and again when it changes. */
export function configFor(dir: string): LoadedConfig {
  const file = findConfigFile(dir);
  if (!file) return { config: builtinConfig(), diagnostics: [] };
  const mtime = statSync(file).mtimeMs;
  const hit = byFile.get(file);
  if (hit && hit.mtime === mtime) return hit.loaded;
  const loaded = readConfig(file);
  byFile.set(file, { loaded, mtime });
  return loaded;
}

let builtin: Config | undefined;
function builtinConfig(): Config {
  builtin ??= { file: undefined, templateDirs: [], style: loadStyle(), defaults: {}, rules: DEFAULT_RULE_OPTIONS };
  return builtin;
}

const KEYS = ['templates', 'style', 'defaults', 'rules', 'region'];
/** Keys a record may have, for checking `defaults` (read from the schema when there are defaults to check). */
const recordKeys = (): string[] => Object.keys((JSON.parse(readFileSync(MEETING_SCHEMA_FILE, 'utf8')) as { properties: object }).properties);

function readConfig(file: string): LoadedConfig {
  const source = parseSource(file, readFileSync(file, 'utf8'));
  const diagnostics: Diagnostic[] = [...source.diagnostics];
  const err = (path: string[], message: string, atKey = false): void => {
    diagnostics.push({ file, position: atKey ? keyPositionOf(source, path) : positionOf(source, path), severity: 'error', rule: 'config', message });
  };
  const value = source.value ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    err([], `${CONFIG_FILE} must be a mapping (key: value lines)`);
    return { config: builtinConfig(), diagnostics };
  }
  const raw = value as Record<string, unknown>;
  for (const k of Object.keys(raw)) {
    if (KEYS.includes(k)) continue;
    const hint = closest(k, KEYS);
    err([k], `unknown key "${k}" in ${CONFIG_FILE}${hint ? ` — did you mean "${hint}"?` : `; it takes ${KEYS.join(', ')}`}`, true);
  }
  const dir = dirname(file);
  const listed = raw['templates'] === undefined ? [] : Array.isArray(raw['templates']) ? raw['templates'] : [raw['templates']];
  const templateDirs = listed.map((t, i) => {
    const p = resolve(dir, String(t));
    if (!existsSync(p)) err(['templates', ...(Array.isArray(raw['templates']) ? [String(i)] : [])], `template folder "${String(t)}" does not exist`);
    return p;
  });

  let style = builtinConfig().style;
  if (raw['style'] !== undefined) {
    if (!validateStyle(raw['style'])) diagnostics.push(...schemaDiagnostics(source, validateStyle.errors ?? [], ['style']));
    else {
      style = loadStyle(raw['style'], dir);
      for (const [face, path] of Object.entries(style.font.pdf)) {
        if (!existsSync(path)) err(['style', 'font', 'pdf', face], `font file ${path} does not exist`);
      }
    }
  }

  const defaults = raw['defaults'] ?? {};
  if (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults)) err(['defaults'], 'defaults must be a mapping of record keys');
  else if (Object.keys(defaults).length) {
    const keys = recordKeys();
    for (const k of Object.keys(defaults)) {
      if (keys.includes(k)) continue;
      const hint = closest(k, keys);
      err(['defaults', k], `unknown record key "${k}" in defaults${hint ? ` — did you mean "${hint}"?` : ''}`, true);
    }
  }

  const rulesRaw = (raw['rules'] ?? {}) as Partial<RuleOptions>;
  if (rulesRaw.quorum !== undefined && !(typeof rulesRaw.quorum === 'number' && rulesRaw.quorum > 0 && rulesRaw.quorum <= 1)) {
    err(['rules', 'quorum'], 'rules.quorum must be a share between 0 and 1, e.g. 0.667');
  }
  if (rulesRaw.numbering !== undefined && rulesRaw.numbering !== 'calendar-year' && rulesRaw.numbering !== 'school-year') {
    err(['rules', 'numbering'], 'rules.numbering must be calendar-year or school-year');
  }
  const region = raw['region'];
  const regionOk = typeof region === 'string' && unknownRegion(region) === undefined;
  if (region !== undefined && !regionOk) {
    err(['region'], typeof region === 'string' ? unknownRegion(region)! : 'region must be a region id such as aktobe or almaty');
  }
  const config: Config = {
    file,
    templateDirs,
    style,
    defaults: defaults as Record<string, unknown>,
    rules: { ...DEFAULT_RULE_OPTIONS, ...rulesRaw, ...(regionOk && { region: region as string }) },
    ...(regionOk && { region: region as string }),
  };
  return { config, diagnostics };
}
