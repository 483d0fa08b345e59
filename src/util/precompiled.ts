/**
 * Build-time results for hattama's own files: Handlebars templates
 * precompiled and YAML data parsed to JSON, one small file per text in
 * dist/precompiled/ (written by scripts/build.mjs). An entry is found by a
 * hash of the file's exact text and holds that text, compared in full, so an
 * edited or organisation-supplied file is simply compiled or parsed at run
 * time: the cache can be stale or absent, never wrong.
 *
 * It exists for start-up time: parsing templates and YAML with a cold JIT
 * costs tens of milliseconds per command. One file per text (rather than one
 * table) means a command reads only what it uses: a render in Kazakh never
 * reads the Russian catalogue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from './paths.js';
// Entries are named by their text's hash, as scripts/build.mjs names them (the text itself is compared).
import { textHash } from '../../bin/text-hash.js';

/** The folder scripts/build.mjs writes. */
export const PRECOMPILED_DIR = join(packageRoot, 'dist', 'precompiled');

/** One entry: the text it was made from and what the build made of it. */
interface Entry {
  readonly source: string;
  readonly template?: string;
  readonly yaml?: unknown;
}

function entry(kind: 't' | 'y', source: string): Entry | undefined {
  try {
    const found = JSON.parse(readFileSync(join(PRECOMPILED_DIR, `${kind}-${textHash(source)}.json`), 'utf8')) as Entry;
    return found.source === source ? found : undefined;
  } catch {
    return undefined;
  }
}

/** The precompiled spec (JS source) of a template's exact text, if the build made one. */
export function precompiledTemplate(source: string): string | undefined {
  return entry('t', source)?.template;
}

/** The build's parse of a built-in YAML file's exact text (a fresh copy), if it made one. */
export function precompiledYaml(source: string): { value: unknown } | undefined {
  const found = entry('y', source);
  return found && Object.hasOwn(found, 'yaml') ? { value: found.yaml } : undefined;
}

/** Parses YAML data, served from the build's cache when the text is a built-in file's. */
export function parseYamlData(source: string): unknown {
  const hit = precompiledYaml(source);
  return hit ? hit.value : parse(source);
}
