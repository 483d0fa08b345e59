/**
 * Per-organisation configuration: `hattama.yaml`, found in the record's folder
 * or the nearest folder above it. It can add template folders (searched before
 * the built-in templates), override the style profile, and supply defaults
 * for every record (organisation, chair, …).
 *
 *   templates: [my-templates]      # folders with <lang>/<name>.hbs, partials/, locale.yaml
 *   style: { font: { sizePt: 12 } }
 *   defaults: { organisation: { name: … } }
 *   rules: { quorum: 0.5 }
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../parse/diagnostic.js';
import { parseSource, positionOf } from '../parse/source.js';
import { loadStyle } from '../style/load.js';
import type { StyleProfile } from '../style/profile.js';
import { DEFAULT_RULE_OPTIONS, type RuleOptions } from '../validate/rules.js';

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
}

const byDir = new Map<string, { config: Config; diagnostics: Diagnostic[] }>();

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

/** The configuration for records in `dir` (cached per folder). Problems in the file come back as diagnostics. */
export function configFor(dir: string): { config: Config; diagnostics: Diagnostic[] } {
  const key = resolve(dir);
  const hit = byDir.get(key);
  if (hit) return hit;
  const file = findConfigFile(key);
  const result = file ? readConfig(file) : { config: builtinConfig(), diagnostics: [] };
  byDir.set(key, result);
  return result;
}

let builtin: Config | undefined;
function builtinConfig(): Config {
  builtin ??= { file: undefined, templateDirs: [], style: loadStyle(), defaults: {}, rules: DEFAULT_RULE_OPTIONS };
  return builtin;
}

const KEYS = ['templates', 'style', 'defaults', 'rules'];

function readConfig(file: string): { config: Config; diagnostics: Diagnostic[] } {
  const source = parseSource(file, readFileSync(file, 'utf8'));
  const diagnostics: Diagnostic[] = [...source.diagnostics];
  const raw = (source.value ?? {}) as Record<string, unknown>;
  const err = (path: string[], message: string): void => {
    diagnostics.push({ file, position: positionOf(source, path), severity: 'error', rule: 'config', message });
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    err([], `${CONFIG_FILE} must be a mapping`);
    return { config: builtinConfig(), diagnostics };
  }
  for (const k of Object.keys(raw)) if (!KEYS.includes(k)) err([k], `unknown key "${k}"; ${CONFIG_FILE} takes ${KEYS.join(', ')}`);
  const dir = dirname(file);
  const templates = raw['templates'] === undefined ? [] : Array.isArray(raw['templates']) ? raw['templates'] : [raw['templates']];
  const templateDirs = templates.map((t, i) => {
    const p = resolve(dir, String(t));
    if (!existsSync(p)) err(['templates', ...(Array.isArray(raw['templates']) ? [String(i)] : [])], `template folder "${String(t)}" does not exist`);
    return p;
  });
  const rulesRaw = (raw['rules'] ?? {}) as Partial<RuleOptions>;
  if (rulesRaw.quorum !== undefined && !(typeof rulesRaw.quorum === 'number' && rulesRaw.quorum > 0 && rulesRaw.quorum <= 1)) {
    err(['rules', 'quorum'], 'rules.quorum must be a share between 0 and 1, e.g. 0.667');
  }
  const config: Config = {
    file,
    templateDirs,
    style: loadStyle(raw['style'], dir),
    defaults: (raw['defaults'] ?? {}) as Record<string, unknown>,
    rules: { ...DEFAULT_RULE_OPTIONS, ...rulesRaw },
  };
  return { config, diagnostics };
}
