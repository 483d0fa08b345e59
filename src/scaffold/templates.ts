/**
 * The files `hattama init` and `hattama new` write are content, kept in
 * templates/scaffold/: `*.tmpl` files are Handlebars templates filled here,
 * other files are copied as they are. Values go into YAML through the `val`
 * helper, which writes a scalar after the key (` Аметов Е.Д`) or a block
 * indented under it, quoted where YAML needs it, so a name with a colon or a
 * quote never breaks the file.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { packageRoot } from '../util/paths.js';
import { isInside } from '../archive/root.js';
import { parseYamlData } from '../util/precompiled.js';
import type { Language } from '../model/record.js';

/** templates/scaffold/ of the installed hattama. */
export const SCAFFOLD_DIR = join(packageRoot, 'templates', 'scaffold');

/** Values a scaffold template takes. */
export type ScaffoldValues = Readonly<Record<string, unknown>>;

const hb = Handlebars.create();
hb.registerHelper('val', (value: unknown, indent: unknown) => {
  const text = stringify(value, { lineWidth: 0, indent: 2 }).replace(/\n$/, '');
  if (value !== null && typeof value === 'object') {
    const pad = ' '.repeat(typeof indent === 'number' ? indent : 2);
    return '\n' + text.split('\n').map((l) => pad + l).join('\n');
  }
  return ' ' + text;
});

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** The scaffold file `name` (e.g. `record.yaml.tmpl`) filled with `values`; a file without `.tmpl` as it is. */
export function scaffoldText(name: string, values: ScaffoldValues = {}): string {
  const source = readFileSync(join(SCAFFOLD_DIR, name), 'utf8');
  if (!name.endsWith('.tmpl')) return source;
  let template = compiled.get(name);
  if (!template) {
    // noEscape: the output is YAML, JSON or Markdown, not HTML; strict: a missing value is a defect here.
    template = hb.compile(source, { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(values);
}

/** What a scaffold writes where it does not know the value, by language. */
export interface Placeholders {
  readonly organisation: string;
  readonly chair: string;
  readonly secretary: string;
  readonly member: string;
  readonly agenda_title: string;
}

/** templates/scaffold/placeholders.yaml in one language. */
export function placeholders(lang: Language): Placeholders {
  const all = parseYamlData(readFileSync(join(SCAFFOLD_DIR, 'placeholders.yaml'), 'utf8')) as Record<keyof Placeholders, Record<Language, string>>;
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v[lang]])) as unknown as Placeholders;
}

/** Every placeholder text, in every language. */
export function allPlaceholders(): string[] {
  return (['kk', 'ru'] as const).flatMap((l) => Object.values(placeholders(l)) as string[]);
}

/**
 * The folder of hattama's schemas as an archive at `root` names it, "/"
 * separated: the package's own folder when hattama lives inside the archive
 * (`node_modules/hattama/schemas`, or `schemas` in hattama's repository),
 * else `node_modules/hattama/schemas`, where `npm install -D` puts it.
 */
export function schemaDirFor(root: string): string {
  if (isInside(root, packageRoot)) return relative(root, join(packageRoot, 'schemas')).split(sep).join('/') || 'schemas';
  return 'node_modules/hattama/schemas';
}

/** Where each placeholder stands in a written file: 1-based line and column. */
export function placeholderPositions(text: string): { line: number; column: number; text: string }[] {
  const found: { line: number; column: number; text: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    // Comments explain; only values are to fill in.
    if (/^\s*#/.test(l)) return;
    for (const p of allPlaceholders()) {
      const at = l.indexOf(p);
      if (at >= 0) found.push({ line: i + 1, column: [...l.slice(0, at)].length + 1, text: p });
    }
  });
  return found;
}
