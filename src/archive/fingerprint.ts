/**
 * What a record's outputs depend on, as one hash: the record's own text and
 * everything shared by the records under one configuration — hattama itself
 * (its bundled code), the templates, the data files (referral rules,
 * calendar), the style profile, the font files, and hattama.yaml. A record is
 * rebuilt exactly when this hash changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/load.js';
import { packageRoot } from '../util/paths.js';
import { BUILTIN_TEMPLATES } from '../template/engine.js';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Every file under a folder (those `wanted` names, if given), sorted, as [relative path, bytes]. */
function filesUnder(dir: string, wanted: (name: string) => boolean = () => true): [string, Buffer][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .filter((f) => wanted(f) && statSync(join(dir, f)).isFile())
    .map((f) => [f.split('\\').join('/'), readFileSync(join(dir, f))]);
}

function hashFiles(hash: ReturnType<typeof createHash>, label: string, files: [string, Buffer][]): void {
  for (const [name, bytes] of files) hash.update(`${label}/${name}\0${sha256(bytes)}\n`);
}

let toolHash: string | undefined;
/**
 * hattama's own code: the bundle when built (dist/), else the package version.
 * Only the bundle's .js files are read: the rest of dist/ is derived from what
 * is hashed anyway (dist/precompiled/ from templates and data) or does not
 * shape the outputs (source maps, the start-up snapshot, pdf.js for preview).
 */
export function toolFingerprint(): string {
  if (toolHash) return toolHash;
  const h = createHash('sha256');
  const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  h.update(`hattama ${pkg.version}\n`);
  hashFiles(h, 'dist', filesUnder(join(packageRoot, 'dist'), (f) => /^[^/\\]+\.js$/.test(f)));
  hashFiles(h, 'data', filesUnder(join(packageRoot, 'data')));
  toolHash = h.digest('hex');
  return toolHash;
}

const byConfig = new Map<Config, string>();
/** Everything shared by the records under one configuration, as one hash (computed once per build and config). */
export function sharedFingerprint(config: Config, formats: readonly string[], strict = false, env: NodeJS.ProcessEnv = process.env): string {
  // What the command line and environment add: the formats, --strict (warnings fail), and
  // SOURCE_DATE_EPOCH (the date stamped in the files).
  const run = `${formats.join(',')}:${strict ? 'strict' : 'lenient'}:${env['SOURCE_DATE_EPOCH'] ?? ''}`;
  const hit = byConfig.get(config);
  if (hit) return `${hit}:${run}`;
  const h = createHash('sha256');
  h.update(`tool ${toolFingerprint()}\n`);
  for (const dir of [...config.templateDirs, BUILTIN_TEMPLATES]) hashFiles(h, `templates:${dir}`, filesUnder(dir));
  h.update(`style ${JSON.stringify(config.style)}\n`);
  // A missing font is reported by the configuration check, which fails the records.
  for (const font of Object.values(config.style.font.pdf)) h.update(`font ${existsSync(font) ? sha256(readFileSync(font)) : 'missing'}\n`);
  if (config.file) h.update(`config ${sha256(readFileSync(config.file))}\n`);
  const digest = h.digest('hex');
  byConfig.set(config, digest);
  return `${digest}:${run}`;
}

/** The input hash of one record: its text and everything shared. */
export function recordFingerprint(recordText: string, shared: string): string {
  return sha256(`${shared}\n${recordText}`);
}
