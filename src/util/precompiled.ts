/**
 * Build-time results for hattama's own template files: Handlebars templates
 * precompiled and YAML data parsed to JSON, in dist/precompiled.json (written
 * by scripts/build.mjs). Entries are keyed by the file's exact text, so an
 * edited or organisation-supplied file is simply compiled at run time: the
 * cache can be stale or absent, never wrong. It exists for start-up time:
 * parsing templates and YAML with cold JIT cost ≈ 60 ms per command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './paths.js';

/** The file scripts/build.mjs writes. */
export const PRECOMPILED_FILE = join(packageRoot, 'dist', 'precompiled.json');

interface Precompiled {
  /** Template source → Handlebars.precompile() output (a template spec as JS source). */
  readonly templates: Readonly<Record<string, string>>;
  /** YAML source → its value. */
  readonly yaml: Readonly<Record<string, unknown>>;
}

let table: Precompiled | null | undefined;
function precompiled(): Precompiled | null {
  if (table === undefined) {
    try {
      table = JSON.parse(readFileSync(PRECOMPILED_FILE, 'utf8')) as Precompiled;
    } catch {
      table = null;
    }
  }
  return table;
}

/**
 * Drops the table read from dist/precompiled.json; it is read again if
 * needed. The start-up snapshot calls this after its warm-up, having
 * compiled what it uses, so as not to carry the whole table.
 */
export function releasePrecompiled(): void {
  table = undefined;
}

/** The precompiled spec (JS source) of a template's exact text, if the build made one. */
export function precompiledTemplate(source: string): string | undefined {
  return precompiled()?.templates[source];
}

/** Parses YAML data, served from the build's cache when the text is a built-in file's. */
export function parseYamlData(source: string): unknown {
  const hit = precompiled()?.yaml;
  if (hit && Object.hasOwn(hit, source)) return structuredClone(hit[source]);
  return parse(source);
}
