import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseYamlData } from '../util/precompiled.js';
import { packageRoot, resolveConfigPath } from '../util/paths.js';
import type { StyleProfile } from './profile.js';

/** The built-in style profile file. */
export const DEFAULT_STYLE_FILE = join(packageRoot, 'templates', 'style.yaml');

type Plain = { [key: string]: unknown };
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep-merges `over` onto `base`: objects merge key by key, anything else replaces. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/**
 * Loads the built-in style profile, applies an organisation's overrides
 * (already parsed, with font paths relative to `overridesDir`), and resolves
 * the PDF font paths to absolute files.
 */
export function loadStyle(overrides?: unknown, overridesDir?: string): StyleProfile {
  const base = parseYamlData(readFileSync(DEFAULT_STYLE_FILE, 'utf8')) as Plain;
  const baseFonts = (base.font as { pdf: Record<string, string> }).pdf;
  const resolvedBase = mapFonts(baseFonts, dirname(DEFAULT_STYLE_FILE));
  let merged = deepMerge(base, { font: { pdf: resolvedBase } }) as Plain;
  if (overrides !== undefined) {
    const o = overrides as { font?: { pdf?: Record<string, string> } };
    const ofonts = o.font?.pdf ? mapFonts(o.font.pdf, overridesDir ?? process.cwd()) : undefined;
    merged = deepMerge(merged, ofonts ? deepMerge(overrides, { font: { pdf: ofonts } }) : overrides) as Plain;
  }
  return merged as unknown as StyleProfile;
}

function mapFonts(fonts: Record<string, string>, dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(fonts).map(([k, v]) => [k, resolveConfigPath(v, dir)]));
}
